package dev.parley.integration.control;

import dev.parley.integration.entity.OutboxEvent;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Writes events into the outbox table. {@link #append} joins the caller's transaction, so an event
 * exists exactly when the change it describes committed; {@link OutboxRelay} publishes it afterwards.
 */
@ApplicationScoped
public class Outbox {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    JsonCodec codec;

    @Inject
    Clock clock;

    @Inject
    Event<OutboxAppended> appended;

    /** Fired for every row written; the relay wakes once the transaction has committed. */
    public record OutboxAppended() {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String type, Object data) {
        write(type, data);
    }

    /** An event of its own, committed alone: for changes that have no transaction (presence). */
    public record Pending(String type, Object data) {
    }

    /** Commits events that belong to no other transaction, in one transaction of their own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void appendAll(List<Pending> events) {
        for (Pending event : events) {
            write(event.type(), event.data());
        }
    }

    private void write(String type, Object data) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        em.persist(new OutboxEvent(id, type, codec.write(new EventTypes.Event(id, type, now, data)), now));
        appended.fire(new OutboxAppended());
    }
}
