package dev.parley.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A publication to everyone that is still being stored. Its recipients (each with a notification id
 * already taken) wait in {@code broadcast_recipient} until a worker turns them into notifications.
 */
@Entity
@Table(name = "broadcast")
public class Broadcast {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "category", nullable = false, length = 64)
    private String category;

    @Enumerated(EnumType.STRING)
    @Column(name = "priority", nullable = false, length = 8)
    private Priority priority;

    @Column(name = "title", nullable = false, length = Notification.MAX_TITLE)
    private String title;

    @Column(name = "body", length = Notification.MAX_BODY)
    private String body;

    @Column(name = "url", length = Notification.MAX_URL)
    private String url;

    @Column(name = "data", length = Notification.MAX_DATA)
    private String data;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Broadcast() {
    }

    public Broadcast(String id, NotificationContent content, Instant now) {
        this.id = id;
        this.category = content.category();
        this.priority = content.priority();
        this.title = content.title();
        this.body = content.body();
        this.url = content.url();
        this.data = content.data();
        this.createdAt = now;
    }

    public String id() {
        return id;
    }

    public NotificationContent content() {
        return new NotificationContent(category, priority, title, body, url, data);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
