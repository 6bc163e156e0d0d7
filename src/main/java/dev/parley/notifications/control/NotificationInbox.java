package dev.parley.notifications.control;

import dev.parley.notifications.control.NotificationEvents.NotificationsRead;
import dev.parley.notifications.control.NotificationFrames.NotificationView;
import dev.parley.notifications.entity.Notification;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A user's stored notifications: the backlog a socket gets on connect, the inbox pages, and the
 * delivered, read and archived state. One use case per transaction; another user's notification is
 * never found.
 */
@ApplicationScoped
public class NotificationInbox {

    public static final int BACKLOG = 100;
    public static final int MAX_PAGE = 100;

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    JsonCodec codec;

    @Inject
    Clock clock;

    @Inject
    Event<NotificationsRead> read;

    /** What a socket gets on connect: the newest {@value #BACKLOG} pushable notifications not yet acknowledged, oldest first. */
    @Transactional
    public List<NotificationView> backlog(String user) {
        List<Notification> newestFirst = em.createNamedQuery(Notification.BACKLOG, Notification.class)
                .setParameter("user", user).setMaxResults(BACKLOG).getResultList();
        List<NotificationView> views = new ArrayList<>(newestFirst.size());
        newestFirst.forEach(n -> views.add(view(n)));
        Collections.reverse(views);
        return views;
    }

    @Transactional
    public long unread(String user) {
        return em.createNamedQuery(Notification.UNREAD_COUNT, Long.class).setParameter("user", user).getSingleResult();
    }

    /** The inbox, newest first: {@code limit} (1..100) notifications older than {@code before}. */
    @Transactional
    public NotificationFrames.Inbox page(String user, boolean unreadOnly, Long before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ParleyException.badRequest("'limit' must be between 1 and " + MAX_PAGE);
        }
        List<Notification> page = em.createNamedQuery(Notification.INBOX, Notification.class)
                .setParameter("user", user)
                .setParameter("before", before == null ? Long.MAX_VALUE : before)
                .setParameter("unreadOnly", unreadOnly)
                .setMaxResults(limit + 1)
                .getResultList();
        boolean hasMore = page.size() > limit;
        List<NotificationView> views = page.subList(0, Math.min(limit, page.size())).stream().map(this::view).toList();
        return new NotificationFrames.Inbox(views, unread(user), hasMore);
    }

    /** {@code ack}: delivered, so it is not sent again on the next connect. Unknown or foreign ids are not found. */
    @Transactional
    public void acknowledge(String user, long id) {
        int updated = em.createNamedQuery(Notification.MARK_DELIVERED).setParameter("user", user).setParameter("id", id).executeUpdate();
        if (updated == 0) {
            throw ParleyException.notFound("no notification " + id);
        }
    }

    /** Marks notifications read (one id, or all when {@code id} is null); the user's other sockets learn which. */
    @Transactional
    public List<Long> markRead(String user, Long id, String originConnection) {
        List<Long> ids;
        if (id == null) {
            ids = em.createNamedQuery(Notification.UNREAD_IDS, Long.class).setParameter("user", user).getResultList();
        } else {
            Notification notification = owned(user, id);
            ids = notification.isRead() ? List.of() : List.of(id);
        }
        if (!ids.isEmpty()) {
            em.createNamedQuery(Notification.MARK_READ).setParameter("now", clock.instant()).setParameter("user", user)
                    .setParameter("ids", ids).executeUpdate();
            read.fire(new NotificationsRead(user, ids, originConnection));
        }
        return ids;
    }

    /** Removes a notification from the inbox (it stays stored, archived). */
    @Transactional
    public void archive(String user, long id) {
        owned(user, id).archive();
    }

    /** The user's notification {@code id} that is still in the inbox, or not found. */
    private Notification owned(String user, long id) {
        Notification notification = em.find(Notification.class, id);
        if (notification == null || !notification.isInInboxOf(user)) {
            throw ParleyException.notFound("no notification " + id);
        }
        return notification;
    }

    private NotificationView view(Notification notification) {
        return NotificationView.of(notification, codec.readStored(notification.data()));
    }
}
