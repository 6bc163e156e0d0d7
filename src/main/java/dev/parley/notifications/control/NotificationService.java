package dev.parley.notifications.control;

import dev.parley.notifications.control.NotificationEvents.BroadcastQueued;
import dev.parley.notifications.control.NotificationEvents.NotificationCreated;
import dev.parley.notifications.control.NotificationEvents.NotificationsRead;
import dev.parley.notifications.control.NotificationFrames.NotificationView;
import dev.parley.notifications.entity.Broadcast;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** Publishing notifications, the inbox, and the delivered/read/archived state. One use case per transaction. */
@ApplicationScoped
public class NotificationService {

    public static final int BACKLOG = 100;
    public static final int MAX_PAGE = 100;
    /** Recipients stored per transaction by the broadcast worker. */
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
    Event<NotificationEvents.BroadcastQueued> queued;


    /** Publishes to the listed users, or to everyone. @return one notification id per recipient */
    @Transactional
    public List<Long> publish(Publication publication) {
        return publication.toAll() ? publishToAll(publication.content()) : publish(publication.users(), publication.content());
    }

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
        Set<String> known = new HashSet<>(em.createQuery(
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
     * Publishes to every account without holding the request: in one transaction it records the
     * broadcast and one row per recipient, each with its notification id already taken from the
     * sequence (one INSERT … SELECT), and answers with those ids. Once committed, the
     * {@link BroadcastWorker} stores the notifications in chunks and pushes them.
     */
    @Transactional
    public List<Long> publishToAll(NotificationContent content) {
        Broadcast broadcast = new Broadcast(UUID.randomUUID().toString(), content, clock.instant());
        em.persist(broadcast);
        em.flush();
        em.createNativeQuery("insert into broadcast_recipient (notification_id, broadcast_id, username) select "
                        + nextNotificationId() + ", ?1, username from account")
                .setParameter(1, broadcast.id())
                .executeUpdate();
        List<Long> ids = em.createNativeQuery(
                        "select notification_id from broadcast_recipient where broadcast_id = ?1 order by notification_id", Long.class)
                .setParameter(1, broadcast.id())
                .getResultList();
        queued.fire(new BroadcastQueued(broadcast.id()));
        return ids;
    }

    /**
     * Stores the next {@code limit} recipients of a broadcast as notifications (two INSERT … SELECTs:
     * the pushable ones and the rest), removes them from the queue, and pushes them after commit.
     *
     * @return how many were stored; 0 once the broadcast is finished (and then forgotten)
     */
    @Transactional
    public int storeBroadcastChunk(String broadcastId, int limit) {
        Broadcast broadcast = em.find(Broadcast.class, broadcastId);
        if (broadcast == null) {
            return 0;
        }
        List<Object[]> rows = em.createNativeQuery(
                        "select notification_id, username from broadcast_recipient where broadcast_id = ?1 order by notification_id", Object[].class)
                .setParameter(1, broadcastId)
                .setMaxResults(limit)
                .getResultList();
        if (rows.isEmpty()) {
            em.remove(broadcast);
            return 0;
        }
        NotificationContent content = broadcast.content();
        Map<String, Preferences> rules = preferences.of(rows.stream().map(r -> (String) r[1]).toList());
        List<Long> pushed = new ArrayList<>();
        List<Long> listed = new ArrayList<>();
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            boolean push = rules.getOrDefault((String) row[1], Preferences.NONE)
                    .pushes(content.category(), content.priority(), broadcast.createdAt());
            (push ? pushed : listed).add(id);
        }
        insertFromQueue(broadcast, pushed, true);
        insertFromQueue(broadcast, listed, false);
        List<Long> all = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        em.createNativeQuery("delete from broadcast_recipient where notification_id in (?1)").setParameter(1, all).executeUpdate();
        JsonValue data = content.data() == null ? JsonValue.NULL : parse(content.data());
        Set<Long> pushable = new HashSet<>(pushed);
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            NotificationView view = new NotificationView(id, content.category(), content.priority().wireName(), content.title(),
                    content.body(), content.url(), data, broadcast.createdAt(), false);
            created.fire(new NotificationCreated((String) row[1], view, pushable.contains(id)));
        }
        return rows.size();
    }

    private void insertFromQueue(Broadcast broadcast, List<Long> ids, boolean pushable) {
        if (ids.isEmpty()) {
            return;
        }
        em.createNativeQuery("insert into notification (id, recipient, category, priority, title, body, url, data, created_at, "
                        + "pushable, delivered, archived) "
                        + "select r.notification_id, r.username, b.category, b.priority, b.title, b.body, b.url, b.data, b.created_at, "
                        + "?1, false, false from broadcast_recipient r join broadcast b on b.id = r.broadcast_id "
                        + "where r.notification_id in (?2)")
                .setParameter(1, pushable)
                .setParameter(2, ids)
                .executeUpdate();
    }

    /** Broadcasts a stopped node left unfinished. */
    public List<String> pendingBroadcasts() {
        return em.createQuery("select b.id from Broadcast b order by b.createdAt", String.class).getResultList();
    }

    /** The SQL expression for the next value of the notification id sequence, in this database's dialect. */
    private String nextNotificationId() {
        return em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                .getSequenceSupport().getSelectSequenceNextValString("notification_seq");
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

    @Transactional
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
