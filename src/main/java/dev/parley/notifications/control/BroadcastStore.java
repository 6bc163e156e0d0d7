package dev.parley.notifications.control;

import dev.parley.notifications.control.NotificationEvents.BroadcastQueued;
import dev.parley.notifications.control.NotificationEvents.NotificationCreated;
import dev.parley.notifications.control.NotificationFrames.NotificationView;
import dev.parley.notifications.entity.Broadcast;
import dev.parley.notifications.entity.NotificationContent;
import dev.parley.notifications.entity.Preferences;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Notifications to everyone, stored without holding the request: {@link #queue} records the broadcast
 * and its recipients (ids already taken) in one statement, and the {@link BroadcastWorker} turns them
 * into notifications {@link #CHUNK} at a time. The queue is in the database, so a broadcast a stopped
 * node left unfinished is finished by the next.
 */
@ApplicationScoped
public class BroadcastStore {

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
    Event<BroadcastQueued> queued;

    /**
     * In one transaction: the broadcast and one row per recipient, each with its notification id taken
     * from the sequence (one INSERT … SELECT). Once committed, the worker stores and pushes them.
     *
     * @return the notification ids, one per account
     */
    @Transactional
    public List<Long> queue(NotificationContent content) {
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
    public int storeChunk(String broadcastId, int limit) {
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
        insertFromQueue(pushed, true);
        insertFromQueue(listed, false);
        List<Long> all = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        em.createNativeQuery("delete from broadcast_recipient where notification_id in (?1)").setParameter(1, all).executeUpdate();
        JsonValue data = codec.readStored(content.data());
        Set<Long> pushable = new HashSet<>(pushed);
        for (Object[] row : rows) {
            long id = ((Number) row[0]).longValue();
            NotificationView view = new NotificationView(id, content.category(), content.priority().wireName(), content.title(),
                    content.body(), content.url(), data, broadcast.createdAt(), false);
            created.fire(new NotificationCreated((String) row[1], view, pushable.contains(id)));
        }
        return rows.size();
    }

    /** Broadcasts a stopped node left unfinished, oldest first. */
    public List<String> pending() {
        return em.createQuery("select b.id from Broadcast b order by b.createdAt", String.class).getResultList();
    }

    private void insertFromQueue(List<Long> ids, boolean pushable) {
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

    /** The SQL expression for the next value of the notification id sequence, in this database's dialect. */
    private String nextNotificationId() {
        return em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect()
                .getSequenceSupport().getSelectSequenceNextValString("notification_seq");
    }
}
