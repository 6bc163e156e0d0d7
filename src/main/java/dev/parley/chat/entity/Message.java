package dev.parley.chat.entity;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One message in a conversation, at its sequence number. Keeps its own invariants: text of at most
 * 4000 code points (empty only when files are attached), a client message id of 1 to 64 characters,
 * at most {@link #MAX_ATTACHMENTS} attachments. Its author may edit its text; a deleted message stays
 * at its seq as a tombstone, without text or attachments, and changes no more.
 */
@Entity
@Table(name = "message")
@NamedQuery(name = Message.BEFORE,
        query = "select m from Message m where m.conversationId = :conversation and m.seq < :before order by m.seq desc")
@NamedQuery(name = Message.AFTER,
        query = "select m from Message m where m.conversationId = :conversation and m.seq > :after order by m.seq desc")
@NamedQuery(name = Message.NEXT,
        query = "select m from Message m where m.conversationId = :conversation and m.seq > :after order by m.seq")
@NamedQuery(name = Message.BY_IDS,
        query = "select m from Message m left join fetch m.attachments where m.id in :ids order by m.conversationId, m.seq")
@NamedQuery(name = Message.BEFORE_IN_THREAD,
        query = "select m from Message m where m.conversationId = :conversation and m.threadSeq = :thread and m.seq < :before "
                + "order by m.seq desc")
@NamedQuery(name = Message.BEFORE_TOP_LEVEL,
        query = "select m from Message m where m.conversationId = :conversation and m.threadSeq is null and m.seq < :before "
                + "order by m.seq desc")
@NamedQuery(name = Message.THREADS,
        query = "select m.threadSeq, max(m.threadIndex), max(m.sentAt) from Message m "
                + "where m.conversationId = :conversation and m.threadSeq in :roots group by m.threadSeq")
@NamedQuery(name = Message.AT,
        query = "select m from Message m where m.conversationId = :conversation and m.seq = :seq")
@NamedQuery(name = Message.BY_CLIENT_IDS,
        query = "select m from Message m where m.sender in :senders and m.clientMsgId in :clientMsgIds")
public class Message {

    public static final String BEFORE = "Message.before";
    public static final String AFTER = "Message.after";
    public static final String NEXT = "Message.next";
    public static final String BY_IDS = "Message.byIds";
    public static final String BY_CLIENT_IDS = "Message.byClientIds";
    public static final String AT = "Message.at";
    public static final String BEFORE_IN_THREAD = "Message.beforeInThread";
    public static final String BEFORE_TOP_LEVEL = "Message.beforeTopLevel";
    public static final String THREADS = "Message.threads";

    public static final int MAX_TEXT = 4000;
    public static final int MAX_CLIENT_MSG_ID = 64;
    public static final int MAX_ATTACHMENTS = 10;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "conversation_id", nullable = false, length = 100)
    private String conversationId;

    @Column(name = "seq", nullable = false)
    private long seq;

    @Column(name = "sender", nullable = false, length = 32)
    private String sender;

    @Column(name = "body", nullable = false, length = 8000)
    private String text;

    @Column(name = "client_msg_id", nullable = false, length = MAX_CLIENT_MSG_ID)
    private String clientMsgId;

    @Column(name = "sent_at", nullable = false)
    private Instant sentAt;

    /** The seq of the thread's first message, for a reply; null for a message of the conversation itself. */
    @Column(name = "thread_seq")
    private Long threadSeq;

    /** A reply's place in its thread: 1 for the first reply. */
    @Column(name = "thread_index")
    private Integer threadIndex;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    @ManyToMany
    @JoinTable(name = "message_attachment",
            joinColumns = @JoinColumn(name = "message_id"),
            inverseJoinColumns = @JoinColumn(name = "attachment_id"))
    @OrderColumn(name = "position")
    private List<Attachment> attachments = new ArrayList<>();

    protected Message() {
    }

    public Message(String id, ConversationId conversation, long seq, String sender, String text, String clientMsgId,
                   List<Attachment> attachments, Instant sentAt) {
        checkText(text, !attachments.isEmpty());
        checkClientMsgId(clientMsgId);
        if (attachments.size() > MAX_ATTACHMENTS) {
            throw ParleyException.badRequest("at most " + MAX_ATTACHMENTS + " attachments per message");
        }
        this.id = id;
        this.conversationId = conversation.value();
        this.seq = seq;
        this.sender = sender;
        this.text = text;
        this.clientMsgId = clientMsgId;
        this.attachments = new ArrayList<>(attachments);
        this.sentAt = sentAt;
    }

    /** A reply in the thread of the message at {@code threadSeq}, as its {@code threadIndex}-th reply. */
    public Message(String id, ConversationId conversation, long seq, String sender, String text, String clientMsgId,
                   List<Attachment> attachments, Instant sentAt, long threadSeq, int threadIndex) {
        this(id, conversation, seq, sender, text, clientMsgId, attachments, sentAt);
        if (threadSeq < 1 || threadSeq >= seq || threadIndex < 1) {
            throw new IllegalArgumentException("a reply follows its thread's first message");
        }
        this.threadSeq = threadSeq;
        this.threadIndex = threadIndex;
    }

    /** The seq a reply to this message names: its own, or its thread's first message's for a reply (threads do not nest). */
    public long threadRoot() {
        return threadSeq != null ? threadSeq : seq;
    }

    public boolean isReply() {
        return threadSeq != null;
    }

    public Long threadSeq() {
        return threadSeq;
    }

    public Integer threadIndex() {
        return threadIndex;
    }

    /** The contract's text rule: 1 to 4000 code points; empty is allowed only with attachments. */
    public static void checkText(String text, boolean hasAttachments) {
        if (text == null) {
            throw ParleyException.badRequest("'text' is required");
        }
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEXT) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "text is " + length + " characters; the limit is " + MAX_TEXT);
        }
        if (length == 0 && !hasAttachments) {
            throw ParleyException.badRequest("'text' must not be empty");
        }
    }

    public static void checkClientMsgId(String clientMsgId) {
        if (clientMsgId == null || clientMsgId.isEmpty() || clientMsgId.length() > MAX_CLIENT_MSG_ID) {
            throw ParleyException.badRequest("'clientMsgId' must be 1 to " + MAX_CLIENT_MSG_ID + " characters");
        }
    }

    /**
     * Replaces the text (the same rules as sending); returns false if it already was this text.
     *
     * @throws ParleyException conflict if the message was deleted
     */
    public boolean edit(String newText, Instant now) {
        checkNotDeleted();
        checkText(newText, !attachments.isEmpty());
        if (newText.equals(text)) {
            return false;
        }
        text = newText;
        editedAt = now;
        return true;
    }

    /** Empties the message into a tombstone: its text and attachments are gone. Returns false if it already was deleted. */
    public boolean delete(Instant now) {
        if (isDeleted()) {
            return false;
        }
        text = "";
        attachments.clear();
        deletedAt = now;
        return true;
    }

    /** @throws ParleyException conflict if the message was deleted */
    public void checkNotDeleted() {
        if (isDeleted()) {
            throw ParleyException.conflict("message " + seq + " of " + conversationId + " was deleted");
        }
    }

    public boolean isDeleted() {
        return deletedAt != null;
    }

    public Instant editedAt() {
        return editedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public String id() {
        return id;
    }

    public ConversationId conversationId() {
        return new ConversationId(conversationId);
    }

    public long seq() {
        return seq;
    }

    public String sender() {
        return sender;
    }

    public String text() {
        return text;
    }

    public String clientMsgId() {
        return clientMsgId;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public List<Attachment> attachments() {
        return List.copyOf(attachments);
    }
}
