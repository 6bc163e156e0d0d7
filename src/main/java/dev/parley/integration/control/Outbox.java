package dev.parley.integration.control;

import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Writes events into the outbox table. {@link #append} and {@link #appendEach} join the caller's
 * transaction, so an event exists exactly when the change it describes committed; {@link OutboxRelay}
 * publishes it afterwards.
 *
 * <p>Rows are inserted with plain JDBC on the transaction's connection, many per round trip: the
 * table's identity key (the relay's order) would make Hibernate insert each row at once, one
 * statement apiece, and write out every insert queued before it first.
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = "insert into outbox_event (event_id, event_type, payload, created_at) values (?, ?, ?, ?)";

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    JsonCodec codec;

    @Inject
    Clock clock;

    @Inject
    Event<OutboxAppended> appended;

    /** Fired once per write; the relay wakes once the transaction has committed. */
    public record OutboxAppended() {
    }

    /** An event to write: its type and what it is about. */
    public record Pending(String type, Object data) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String type, Object data) {
        write(List.of(new Pending(type, data)));
    }

    /** One event of {@code type} per item, in order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendEach(String type, List<?> data) {
        write(data.stream().map(item -> new Pending(type, item)).toList());
    }

    /** Commits events that belong to no other transaction, in one transaction of their own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void appendAll(List<Pending> events) {
        write(events);
    }

    private void write(List<Pending> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        OffsetDateTime createdAt = now.atOffset(ZoneOffset.UTC);
        List<String[]> rows = new ArrayList<>(events.size());
        for (Pending event : events) {
            String id = UUID.randomUUID().toString();
            rows.add(new String[] {id, event.type(), codec.write(new EventTypes.Event(id, event.type(), now, event.data()))});
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (String[] row : rows) {
                    insert.setString(1, row[0]);
                    insert.setString(2, row[1]);
                    insert.setString(3, row[2]);
                    insert.setObject(4, createdAt);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        appended.fire(new OutboxAppended());
    }
}
