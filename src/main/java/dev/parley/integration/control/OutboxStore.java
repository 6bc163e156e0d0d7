package dev.parley.integration.control;

import dev.parley.integration.entity.InboundReceipt;
import dev.parley.integration.entity.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** The outbox table as the relay sees it: batches of pending events, the backlog, and purging. */
@ApplicationScoped
public class OutboxStore {

    /** Inbound keys are kept this long: a broker redelivers far sooner than that. */
    static final Duration RECEIPT_RETENTION = Duration.ofDays(7);

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Clock clock;

    /** How many events wait for the broker, and since when. */
    public record Backlog(long pending, Instant oldest) {
    }

    /**
     * Publishes the oldest pending events (at most {@code limit}) and marks them sent, in one
     * transaction that holds the relay row lock: relays on several nodes take turns, so no row is
     * published twice and rows go out in id order. If publishing fails nothing is marked and the
     * batch is tried again later; if marking fails after the broker took the batch, the retry
     * republishes it with the same event ids (the broker's duplicate detection drops them).
     *
     * @return how many events were published
     */
    @Transactional
    public int relayBatch(int limit, Consumer<List<OutboxEvent>> publish) {
        em.createNativeQuery("select id from outbox_relay where id = 1 for update").getResultList();
        List<OutboxEvent> batch = em.createNamedQuery(OutboxEvent.PENDING, OutboxEvent.class).setMaxResults(limit).getResultList();
        if (batch.isEmpty()) {
            return 0;
        }
        publish.accept(batch);
        em.createNamedQuery(OutboxEvent.MARK_SENT)
                .setParameter("now", clock.instant())
                .setParameter("ids", batch.stream().map(OutboxEvent::id).toList())
                .executeUpdate();
        return batch.size();
    }

    @Transactional
    public Backlog backlog() {
        Object[] row = em.createNamedQuery(OutboxEvent.BACKLOG, Object[].class).getSingleResult();
        return new Backlog(((Number) row[0]).longValue(), (Instant) row[1]);
    }

    /** Forgets events sent more than {@code retention} ago, and inbound keys older than a week. */
    @Transactional
    public int purge(Duration retention) {
        Instant now = clock.instant();
        int events = em.createNamedQuery(OutboxEvent.PURGE).setParameter("before", now.minus(retention)).executeUpdate();
        em.createNamedQuery(InboundReceipt.PURGE).setParameter("before", now.minus(RECEIPT_RETENTION)).executeUpdate();
        return events;
    }
}
