package dev.parley.chat.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A user's membership in a conversation, with the user's read position: reading moves it forward only;
 * only the user's own "mark as unread" moves it back.
 */
@Entity
@Table(name = "membership")
@IdClass(MembershipKey.class)
@NamedQuery(name = Membership.OF_USER,
        query = "select m, c from Membership m, Conversation c where m.username = :user and c.id = m.conversationId order by c.id")
@NamedQuery(name = Membership.MEMBERS,
        query = "select m.username from Membership m where m.conversationId = :conversation order by m.username")
@NamedQuery(name = Membership.CONVERSATIONS_OF_USERS,
        query = "select m.conversationId, m.username from Membership m where m.username in :users")
@NamedQuery(name = Membership.MEMBERS_OF,
        query = "select m.conversationId, m.username from Membership m where m.conversationId in :conversations")
@NamedQuery(name = Membership.COUNT,
        query = "select m.conversationId, count(m) from Membership m where m.conversationId in :conversations group by m.conversationId")
@NamedQuery(name = Membership.MOVE_READ,
        query = "update Membership m set m.readSeq = :seq "
                + "where m.conversationId = :conversation and m.username = :user and m.readSeq < :seq")
public class Membership {

    public static final String OF_USER = "Membership.ofUser";
    public static final String MEMBERS = "Membership.members";
    public static final String CONVERSATIONS_OF_USERS = "Membership.conversationsOfUsers";
    public static final String MEMBERS_OF = "Membership.membersOf";
    public static final String COUNT = "Membership.count";
    public static final String MOVE_READ = "Membership.moveRead";

    @Id
    @Column(name = "conversation_id", length = 100)
    private String conversationId;

    @Id
    @Column(name = "username", length = 32)
    private String username;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    @Column(name = "read_seq", nullable = false)
    private long readSeq;

    protected Membership() {
    }

    public Membership(ConversationId conversation, String username, Instant now) {
        this.conversationId = conversation.value();
        this.username = username;
        this.joinedAt = now;
    }

    public String username() {
        return username;
    }

    public ConversationId conversationId() {
        return new ConversationId(conversationId);
    }

    public long readSeq() {
        return readSeq;
    }

    /** Moves the read position forward; returns whether it moved. */
    public boolean markRead(long seq) {
        if (seq <= readSeq) {
            return false;
        }
        readSeq = seq;
        return true;
    }

    /**
     * "Mark as unread" from the message at {@code seq}: the read position moves back to just before
     * it (never forward). Returns whether it moved.
     */
    public boolean markUnreadFrom(long seq) {
        if (seq - 1 >= readSeq) {
            return false;
        }
        readSeq = seq - 1;
        return true;
    }

    /** Unread messages, given the conversation's last seq and how many of the seqs after the read position are changes. */
    public long unread(long lastSeq, long changesAfterRead) {
        return Math.max(0, lastSeq - readSeq - changesAfterRead);
    }
}
