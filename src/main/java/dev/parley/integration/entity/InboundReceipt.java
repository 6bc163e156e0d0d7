package dev.parley.integration.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** An inbound JMS message that was processed, by idempotency key; a redelivery finds it and does nothing. */
@Entity
@Table(name = "inbound_receipt")
@NamedQuery(name = InboundReceipt.PURGE, query = "delete from InboundReceipt r where r.processedAt < :before")
public class InboundReceipt {

    public static final String PURGE = "InboundReceipt.purge";
    public static final int MAX_KEY = 200;

    @Id
    @Column(name = "message_key", length = MAX_KEY)
    private String key;

    @Column(nullable = false, length = 64)
    private String queue;

    @Column(name = "processed_at", nullable = false)
    private Instant processedAt;

    protected InboundReceipt() {
    }

    public InboundReceipt(String key, String queue, Instant processedAt) {
        this.key = key;
        this.queue = queue;
        this.processedAt = processedAt;
    }
}
