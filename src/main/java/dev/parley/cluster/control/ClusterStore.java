package dev.parley.cluster.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the nodes share in the database: which nodes are alive, which node holds sockets of which
 * user, and topic last values. Presence changes lock the user's account row, so two nodes deciding
 * "first socket anywhere" or "last socket anywhere" for one user take turns.
 */
@ApplicationScoped
public class ClusterStore {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public void heartbeat(String node) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = em.createNativeQuery("update cluster_node set heartbeat_at = ?1 where node_id = ?2")
                .setParameter(1, now).setParameter(2, node).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into cluster_node (node_id, started_at, heartbeat_at) values (?1, ?2, ?2)")
                    .setParameter(1, node).setParameter(2, now).executeUpdate();
        }
    }

    /** Nodes other than {@code self} whose heartbeat is older than {@code silence}. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> silentNodes(String self, Duration silence) {
        return em.createNativeQuery("select node_id from cluster_node where heartbeat_at < ?1 and node_id <> ?2")
                .setParameter(1, Timestamp.from(clock.instant().minus(silence))).setParameter(2, self).getResultList();
    }

    /** Nodes other than {@code self} whose heartbeat is at most {@code silence} old. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> liveNodes(String self, Duration silence) {
        return em.createNativeQuery("select node_id from cluster_node where heartbeat_at >= ?1 and node_id <> ?2")
                .setParameter(1, Timestamp.from(clock.instant().minus(silence))).setParameter(2, self).getResultList();
    }

    /**
     * A short name for this installation (the database the nodes share), safe in topic names and JMS
     * selectors: the first 16 hex digits of the SHA-256 of the id written at migration.
     */
    @Transactional
    public String installation() {
        String id = (String) em.createNativeQuery("select id from installation").getSingleResult();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Nodes that hold presence but never registered a heartbeat (none, unless one died at start). */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> usersOf(String node) {
        return em.createNativeQuery("select username from presence where node_id = ?1").setParameter(1, node).getResultList();
    }

    /** Records that {@code node} holds sockets of {@code user}; true if the user was online nowhere before. */
    @Transactional
    public boolean arrive(String user, String node) {
        if (!lockAccount(user)) {
            return false;
        }
        int inserted = em.createNativeQuery("insert into presence (username, node_id) select ?1, ?2 where not exists "
                        + "(select 1 from presence where username = ?1 and node_id = ?2)")
                .setParameter(1, user).setParameter(2, node).executeUpdate();
        return inserted == 1 && count(user) == 1;
    }

    /** Records that {@code node} holds no socket of {@code user} any more; true if the user is now online nowhere. */
    @Transactional
    public boolean leave(String user, String node) {
        if (!lockAccount(user)) {
            return false;
        }
        int deleted = em.createNativeQuery("delete from presence where username = ?1 and node_id = ?2")
                .setParameter(1, user).setParameter(2, node).executeUpdate();
        return deleted == 1 && count(user) == 0;
    }

    @Transactional
    public void forgetNode(String node) {
        em.createNativeQuery("delete from presence where node_id = ?1").setParameter(1, node).executeUpdate();
        em.createNativeQuery("delete from cluster_node where node_id = ?1").setParameter(1, node).executeUpdate();
    }

    /** Which of these users have a socket on some node: one query (callers ask about at most a few hundred). */
    @Transactional
    @SuppressWarnings("unchecked")
    public Set<String> online(Collection<String> users) {
        if (users.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(em.createNativeQuery("select distinct username from presence where username in (?1)")
                .setParameter(1, List.copyOf(users)).getResultList());
    }

    /** Stores a topic's last value (newer values only). */
    @Transactional
    public void saveTopicValue(String topic, String frame, Instant publishedAt) {
        Timestamp at = Timestamp.from(publishedAt);
        int updated = em.createNativeQuery("update topic_value set frame = ?1, published_at = ?2 where topic = ?3 and published_at <= ?2")
                .setParameter(1, frame).setParameter(2, at).setParameter(3, topic).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("insert into topic_value (topic, frame, published_at) select ?1, ?2, ?3 where not exists "
                            + "(select 1 from topic_value where topic = ?1)")
                    .setParameter(1, topic).setParameter(2, frame).setParameter(3, at).executeUpdate();
        }
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public Optional<String> topicValue(String topic) {
        List<String> frames = em.createNativeQuery("select frame from topic_value where topic = ?1").setParameter(1, topic).getResultList();
        return frames.stream().findFirst();
    }

    private boolean lockAccount(String user) {
        return !em.createNativeQuery("select username from account where username = ?1 for update")
                .setParameter(1, user).getResultList().isEmpty();
    }

    private long count(String user) {
        return ((Number) em.createNativeQuery("select count(*) from presence where username = ?1")
                .setParameter(1, user).getSingleResult()).longValue();
    }
}
