package dev.parley.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A message that may become a chat notification once its delay has passed (a direct message, or a
 * mention, still unread then). Stored with the message, in its transaction, and taken by whichever
 * node's poller deletes it first.
 */
@Entity
@Table(name = "chat_notification_due")
public class ChatNotificationDue {

    @Id
    @Column(name = "message_id", length = 36)
    private String messageId;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    protected ChatNotificationDue() {
    }

    public ChatNotificationDue(String messageId, Instant dueAt) {
        this.messageId = messageId;
        this.dueAt = dueAt;
    }
}
