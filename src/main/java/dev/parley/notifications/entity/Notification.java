package dev.parley.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One notification for one recipient. {@code pushable} is decided once, from the recipient's
 * preferences when it is created; {@code delivered} is set by the client's {@code ack};
 * {@code readAt} by {@code read}; {@code archived} hides it from the inbox.
 */
@Entity
@Table(name = "notification")
@NamedQuery(name = Notification.BACKLOG,
        query = "select n from Notification n where n.recipient = :user and n.pushable = true and n.delivered = false "
                + "and n.archived = false order by n.id desc")
@NamedQuery(name = Notification.INBOX,
        query = "select n from Notification n where n.recipient = :user and n.archived = false and n.id < :before "
                + "and (:unreadOnly = false or n.readAt is null) order by n.id desc")
@NamedQuery(name = Notification.UNREAD_COUNT,
        query = "select count(n) from Notification n where n.recipient = :user and n.archived = false and n.readAt is null")
@NamedQuery(name = Notification.UNREAD_IDS,
        query = "select n.id from Notification n where n.recipient = :user and n.archived = false and n.readAt is null order by n.id")
@NamedQuery(name = Notification.MARK_READ,
        query = "update Notification n set n.readAt = :now where n.recipient = :user and n.readAt is null and n.id in :ids")
@NamedQuery(name = Notification.MARK_DELIVERED,
        query = "update Notification n set n.delivered = true where n.recipient = :user and n.id = :id")
public class Notification {

    public static final String BACKLOG = "Notification.backlog";
    public static final String INBOX = "Notification.inbox";
    public static final String UNREAD_COUNT = "Notification.unreadCount";
    public static final String UNREAD_IDS = "Notification.unreadIds";
    public static final String MARK_READ = "Notification.markRead";
    public static final String MARK_DELIVERED = "Notification.markDelivered";

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 4000;
    public static final int MAX_URL = 2000;
    public static final int MAX_DATA = 16000;

    @Id
    @SequenceGenerator(name = "notification_seq", sequenceName = "notification_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_seq")
    @Column(name = "id")
    private Long id;

    @Column(name = "recipient", nullable = false, length = 32)
    private String recipient;

    @Column(name = "category", nullable = false, length = 64)
    private String category;

    @Enumerated(EnumType.STRING)
    @Column(name = "priority", nullable = false, length = 8)
    private Priority priority;

    @Column(name = "title", nullable = false, length = MAX_TITLE)
    private String title;

    @Column(name = "body", length = MAX_BODY)
    private String body;

    @Column(name = "url", length = MAX_URL)
    private String url;

    @Column(name = "data", length = MAX_DATA)
    private String data;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "pushable", nullable = false)
    private boolean pushable;

    @Column(name = "delivered", nullable = false)
    private boolean delivered;

    @Column(name = "read_at")
    private Instant readAt;

    @Column(name = "archived", nullable = false)
    private boolean archived;

    protected Notification() {
    }

    public Notification(String recipient, NotificationContent content, boolean pushable, Instant now) {
        this.recipient = recipient;
        this.category = content.category();
        this.priority = content.priority();
        this.title = content.title();
        this.body = content.body();
        this.url = content.url();
        this.data = content.data();
        this.pushable = pushable;
        this.createdAt = now;
    }

    public Long id() {
        return id;
    }

    public String recipient() {
        return recipient;
    }

    public String category() {
        return category;
    }

    public Priority priority() {
        return priority;
    }

    public String title() {
        return title;
    }

    public String body() {
        return body;
    }

    public String url() {
        return url;
    }

    /** The publisher's {@code data} as JSON text, or null. */
    public String data() {
        return data;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean pushable() {
        return pushable;
    }

    public boolean isRead() {
        return readAt != null;
    }

    public void archive() {
        archived = true;
    }

    /** Whether it is {@code user}'s and still in their inbox (not archived). */
    public boolean isInInboxOf(String user) {
        return recipient.equals(user) && !archived;
    }

    public boolean archived() {
        return archived;
    }
}
