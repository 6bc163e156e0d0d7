package dev.parley.integration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event for topic {@code parley.events}, stored with the change it describes and relayed after commit. */
@Entity
@Table(name = "outbox_event")
@NamedQuery(name = OutboxEvent.PENDING, query = "select e from OutboxEvent e where e.sentAt is null order by e.id")
@NamedQuery(name = OutboxEvent.BACKLOG, query = "select count(e), min(e.createdAt) from OutboxEvent e where e.sentAt is null")
@NamedQuery(name = OutboxEvent.MARK_SENT, query = "update OutboxEvent e set e.sentAt = :now where e.id in :ids")
@NamedQuery(name = OutboxEvent.PURGE, query = "delete from OutboxEvent e where e.sentAt < :before")
public class OutboxEvent {

    public static final String PENDING = "OutboxEvent.pending";
    public static final String BACKLOG = "OutboxEvent.backlog";
    public static final String MARK_SENT = "OutboxEvent.markSent";
    public static final String PURGE = "OutboxEvent.purge";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "event_id", nullable = false, length = 36)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 64)
    private String type;

    @Column(nullable = false, length = 1_000_000)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected OutboxEvent() {
    }

    public OutboxEvent(String eventId, String type, String payload, Instant createdAt) {
        this.eventId = eventId;
        this.type = type;
        this.payload = payload;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String eventId() {
        return eventId;
    }

    public String type() {
        return type;
    }

    public String payload() {
        return payload;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
