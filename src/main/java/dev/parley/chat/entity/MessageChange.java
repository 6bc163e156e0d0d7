package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A change to a message (an edit, a deletion, a reaction added or removed) at its own seq in the
 * conversation, after the message's: replayed in order by resume and gap repair, so a client that
 * was away converges to the same state as one that watched live.
 */
@Entity
@Table(name = "message_change")
@IdClass(MessageChange.Key.class)
@NamedQuery(name = MessageChange.AFTER,
        query = "select c from MessageChange c where c.conversationId = :conversation and c.seq > :after order by c.seq desc")
@NamedQuery(name = MessageChange.NEXT,
        query = "select c from MessageChange c where c.conversationId = :conversation and c.seq > :after order by c.seq")
@NamedQuery(name = MessageChange.OF_MESSAGE,
        query = "select c from MessageChange c where c.messageId = :message")
@NamedQuery(name = MessageChange.UNREAD,
        query = "select c.conversationId, count(c) from MessageChange c, Membership m where m.username = :user "
                + "and c.conversationId = m.conversationId and c.seq > m.readSeq group by c.conversationId")
public class MessageChange {

    public static final String AFTER = "MessageChange.after";
    public static final String NEXT = "MessageChange.next";
    public static final String OF_MESSAGE = "MessageChange.ofMessage";
    public static final String UNREAD = "MessageChange.unread";

    /** What changed; its wire name is also the JMS event type. */
    public enum Kind {
        EDITED("message.edited"), DELETED("message.deleted"), REACTION_ADDED("reaction.added"), REACTION_REMOVED("reaction.removed");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public record Key(String conversationId, long seq) implements Serializable {
    }

    @Id
    @Column(name = "conversation_id", length = 100)
    private String conversationId;

    @Id
    @Column(name = "seq")
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 20)
    private Kind kind;

    @Column(name = "message_id", nullable = false, length = 36)
    private String messageId;

    @Column(name = "message_seq", nullable = false)
    private long messageSeq;

    @Column(name = "actor", nullable = false, length = 32)
    private String actor;

    @Column(name = "body", length = 8000)
    private String text;

    @Column(name = "emoji", length = 32)
    private String emoji;

    @Column(name = "changed_at", nullable = false)
    private Instant changedAt;

    protected MessageChange() {
    }

    private MessageChange(Message message, long seq, Kind kind, String actor, String text, String emoji, Instant now) {
        this.conversationId = message.conversationId().value();
        this.seq = seq;
        this.kind = kind;
        this.messageId = message.id();
        this.messageSeq = message.seq();
        this.actor = actor;
        this.text = text;
        this.emoji = emoji;
        this.changedAt = now;
    }

    public static MessageChange edited(Message message, long seq, String actor, Instant now) {
        return new MessageChange(message, seq, Kind.EDITED, actor, message.text(), null, now);
    }

    public static MessageChange deleted(Message message, long seq, String actor, Instant now) {
        return new MessageChange(message, seq, Kind.DELETED, actor, null, null, now);
    }

    public static MessageChange reaction(Message message, long seq, String actor, String emoji, boolean added, Instant now) {
        return new MessageChange(message, seq, added ? Kind.REACTION_ADDED : Kind.REACTION_REMOVED, actor, null, emoji, now);
    }

    /** The message was deleted after this edit: the text it set is gone too. */
    public void forgetText() {
        if (kind == Kind.EDITED) {
            text = null;
        }
    }

    public ConversationId conversationId() {
        return new ConversationId(conversationId);
    }

    public long seq() {
        return seq;
    }

    public Kind kind() {
        return kind;
    }

    public String messageId() {
        return messageId;
    }

    public long messageSeq() {
        return messageSeq;
    }

    public String actor() {
        return actor;
    }

    /** The text an edit set; null for other kinds, and for an edit of a message deleted since. */
    public String text() {
        return text;
    }

    public String emoji() {
        return emoji;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
