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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Commits a batch of socket {@code ack} and {@code read} frames in one transaction: one query finds
     * the notifications they name, one update marks the acknowledged ones delivered, one marks the read
     * ones read, and each user's other sockets learn which of theirs were read (after the commit). Each
     * mark's refusal is at its index (null when it was applied): an unknown id, or another user's, is
     * not found; reading one already read changes nothing and is no error.
     */
    @Transactional
    public List<Exception> markAll(List<NotificationMarks.Mark> marks) {
        Set<Long> named = new HashSet<>();
        marks.forEach(mark -> {
            if (mark.id() != null) {
                named.add(mark.id());
            }
        });
        Map<Long, Notification> found = new HashMap<>();
        if (!named.isEmpty()) {
            em.createQuery("select n from Notification n where n.id in :ids", Notification.class)
                    .setParameter("ids", named).getResultList()
                    .forEach(notification -> found.put(notification.id(), notification));
        }
        List<Exception> refusals = new ArrayList<>(marks.size());
        Set<Long> delivered = new HashSet<>();
        Set<Long> read = new HashSet<>();
        List<NotificationsRead> moved = new ArrayList<>();
        for (NotificationMarks.Mark mark : marks) {
            Notification notification = mark.id() == null ? null : found.get(mark.id());
            boolean owned = notification != null && (mark.kind() == NotificationMarks.Kind.DELIVERED
                    ? notification.recipient().equals(mark.user()) : notification.isInInboxOf(mark.user()));
            if (mark.id() != null && !owned) {
                refusals.add(ParleyException.notFound("no notification " + mark.id()));
                continue;
            }
            refusals.add(null);
            if (mark.kind() == NotificationMarks.Kind.DELIVERED) {
                delivered.add(mark.id());
                continue;
            }
            List<Long> ids = mark.id() != null
                    ? (notification.isRead() ? List.of() : List.of(mark.id()))
                    : em.createNamedQuery(Notification.UNREAD_IDS, Long.class).setParameter("user", mark.user()).getResultList();
            List<Long> newlyRead = ids.stream().filter(read::add).toList();
            if (!newlyRead.isEmpty()) {
                moved.add(new NotificationsRead(mark.user(), newlyRead, mark.originConnection()));
            }
        }
        if (!delivered.isEmpty()) {
            em.createQuery("update Notification n set n.delivered = true where n.id in :ids").setParameter("ids", delivered).executeUpdate();
        }
        if (!read.isEmpty()) {
            em.createQuery("update Notification n set n.readAt = :now where n.readAt is null and n.id in :ids")
                    .setParameter("now", clock.instant()).setParameter("ids", read).executeUpdate();
        }
        moved.forEach(this.read::fire);
        return refusals;
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
