package dev.parley.notifications.control;

import dev.parley.notifications.control.NotificationEvents.NotificationCreated;
import dev.parley.notifications.control.NotificationEvents.NotificationsRead;
import dev.parley.notifications.control.NotificationFrames.NotificationView;
import dev.parley.notifications.entity.Notification;
import dev.parley.notifications.entity.NotificationContent;
import dev.parley.notifications.entity.Preferences;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Publishing notifications, the inbox, and the delivered/read/archived state. One use case per transaction. */
@ApplicationScoped
public class NotificationService {

    public static final int BACKLOG = 100;
    public static final int MAX_PAGE = 100;
    /** Recipients stored per transaction when publishing to everyone. */
    static final int CHUNK = 1000;

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    PreferenceService preferences;

    @Inject
    JsonCodec codec;

    @Inject
    Clock clock;

    @Inject
    Event<NotificationCreated> created;

    @Inject
    Event<NotificationsRead> read;

    @Inject
    NotificationService self;

    /**
     * Stores one notification per listed recipient, in one transaction; once committed, those the
     * recipients' preferences allow are pushed. Unknown users fail the whole call, storing nothing.
     */
    @Transactional
    public List<Long> publish(List<String> users, NotificationContent content) {
        Set<String> recipients = new LinkedHashSet<>(users);
        if (recipients.isEmpty()) {
            throw ParleyException.badRequest("'to.users' must name at least one user");
        }
        Set<String> known = new java.util.HashSet<>(em.createQuery(
                "select a.username from Account a where a.username in :users", String.class)
                .setParameter("users", recipients).getResultList());
        if (known.size() < recipients.size()) {
            Set<String> unknown = new TreeSet<>(recipients);
            unknown.removeAll(known);
            throw ParleyException.badRequest("unknown users: " + String.join(", ", unknown));
        }
        return store(new ArrayList<>(recipients), content);
    }

    /**
     * Stores one notification for every account, {@value #CHUNK} recipients per transaction (batched
     * inserts, preferences read in one query per chunk), pushing each chunk once it is committed.
     */
    public List<Long> publishToAll(NotificationContent content) {
        List<String> everyone = em.createQuery("select a.username from Account a order by a.username", String.class).getResultList();
        List<Long> ids = new ArrayList<>(everyone.size());
        for (int from = 0; from < everyone.size(); from += CHUNK) {
            ids.addAll(self.storeChunk(everyone.subList(from, Math.min(everyone.size(), from + CHUNK)), content));
        }
        return ids;
    }

    @Transactional
    public List<Long> storeChunk(List<String> recipients, NotificationContent content) {
        return store(recipients, content);
    }

    private List<Long> store(List<String> recipients, NotificationContent content) {
        Instant now = clock.instant();
        Map<String, Preferences> rules = preferences.of(recipients);
        JsonValue data = content.data() == null ? JsonValue.NULL : parse(content.data());
        List<Notification> stored = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            boolean push = rules.getOrDefault(recipient, Preferences.NONE).pushes(content.category(), content.priority(), now);
            Notification notification = new Notification(recipient, content, push, now);
            em.persist(notification);
            stored.add(notification);
        }
        em.flush();
        List<Long> ids = new ArrayList<>(stored.size());
        for (Notification notification : stored) {
            ids.add(notification.id());
            created.fire(new NotificationCreated(notification.recipient(), NotificationView.of(notification, data), notification.pushable()));
        }
        return ids;
    }

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

    public long unread(String user) {
        return em.createNamedQuery(Notification.UNREAD_COUNT, Long.class).setParameter("user", user).getSingleResult();
    }

    /** The inbox, newest first: {@code limit} (1..100) notifications older than {@code before}. */
    @Transactional
    public NotificationFrames.Inbox inbox(String user, boolean unreadOnly, Long before, int limit) {
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
            Notification notification = em.find(Notification.class, id);
            if (notification == null || !notification.recipient().equals(user) || notification.archived()) {
                throw ParleyException.notFound("no notification " + id);
            }
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
        Notification notification = em.find(Notification.class, id);
        if (notification == null || !notification.recipient().equals(user) || notification.archived()) {
            throw ParleyException.notFound("no notification " + id);
        }
        notification.archive();
    }

    private NotificationView view(Notification notification) {
        return NotificationView.of(notification, notification.data() == null ? JsonValue.NULL : parse(notification.data()));
    }

    private JsonValue parse(String json) {
        try (var reader = codec.provider().createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
