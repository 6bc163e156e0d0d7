package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** One user's reaction with one emoji to one message: at most once, whoever asks how often. */
@Entity
@Table(name = "reaction")
@IdClass(Reaction.Key.class)
@NamedQuery(name = Reaction.OF_MESSAGES,
        query = "select r from Reaction r where r.messageId in :messages order by r.messageId, r.reactedAt, r.username")
@NamedQuery(name = Reaction.DELETE_OF_MESSAGE, query = "delete from Reaction r where r.messageId = :message")
public class Reaction {

    public static final String OF_MESSAGES = "Reaction.ofMessages";
    public static final String DELETE_OF_MESSAGE = "Reaction.deleteOfMessage";

    public record Key(String messageId, String username, String emoji) implements Serializable {
    }

    @Id
    @Column(name = "message_id", length = 36)
    private String messageId;

    @Id
    @Column(name = "username", length = 32)
    private String username;

    @Id
    @Column(name = "emoji", length = 32)
    private String emoji;

    @Column(name = "reacted_at", nullable = false)
    private Instant reactedAt;

    protected Reaction() {
    }

    public Reaction(Message message, String username, String emoji, Instant now) {
        this.messageId = message.id();
        this.username = username;
        this.emoji = emoji;
        this.reactedAt = now;
    }

    public String messageId() {
        return messageId;
    }

    public String username() {
        return username;
    }

    public String emoji() {
        return emoji;
    }
}
