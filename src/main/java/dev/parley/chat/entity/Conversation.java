package dev.parley.chat.entity;

import dev.parley.platform.error.ParleyException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/**
 * A room or direct conversation. Its row holds the last sequence number handed out; the message
 * writers raise it with one locking increment per batch ({@code MessageBatch}), in the transaction
 * that stores the messages, so sequence numbers start at 1 and have no gaps or duplicates however
 * many senders (or nodes) write at once.
 */
@Entity
@Table(name = "conversation")
@NamedQuery(name = Conversation.PUBLIC_ROOMS,
        query = "select c from Conversation c where c.kind = dev.parley.chat.entity.Conversation.Kind.ROOM "
                + "and c.visibility = dev.parley.chat.entity.Conversation.Visibility.PUBLIC order by c.id")
public class Conversation {

    public static final String PUBLIC_ROOMS = "Conversation.publicRooms";
    public static final int MAX_TITLE = 80;

    public enum Kind { ROOM, DIRECT }

    public enum Visibility { PUBLIC, PRIVATE }

    @Id
    @Column(name = "id", length = 100)
    private String id;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 8)
    private Kind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "visibility", nullable = false, length = 8)
    private Visibility visibility;

    @Column(name = "title", length = MAX_TITLE)
    private String title;

    @Enumerated(EnumType.STRING)
    @Column(name = "mention_everyone", nullable = false, length = 8)
    private MentionEveryone mentionEveryone = MentionEveryone.ADMINS;

    @Column(name = "created_by", length = 32)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    protected Conversation() {
    }

    private Conversation(ConversationId id, Kind kind, Visibility visibility, String title, String createdBy, Instant now) {
        this.id = id.value();
        this.kind = kind;
        this.visibility = visibility;
        this.title = title;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    public static Conversation room(ConversationId id, Visibility visibility, String title, String creator, Instant now) {
        if (!id.isRoom()) {
            throw new IllegalArgumentException(id + " is not a room id");
        }
        return new Conversation(id, Kind.ROOM, visibility, validTitle(title, id.slug()), creator, now);
    }

    public static Conversation direct(ConversationId id, Instant now) {
        if (!id.isDirect()) {
            throw new IllegalArgumentException(id + " is not a direct conversation id");
        }
        return new Conversation(id, Kind.DIRECT, Visibility.PRIVATE, null, null, now);
    }

    private static String validTitle(String title, String fallback) {
        if (title == null || title.isBlank()) {
            return fallback;
        }
        String trimmed = title.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_TITLE || trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw ParleyException.badRequest("a room title is at most " + MAX_TITLE + " characters, without control characters");
        }
        return trimmed;
    }

    public ConversationId id() {
        return new ConversationId(id);
    }

    public Kind kind() {
        return kind;
    }

    public Visibility visibility() {
        return visibility;
    }

    public boolean isPublicRoom() {
        return kind == Kind.ROOM && visibility == Visibility.PUBLIC;
    }

    /** Anyone may join a public room; a private one (or a direct conversation) only through a member. */
    public void checkMayJoin() {
        if (!isPublicRoom()) {
            throw ParleyException.forbidden(id + " is private; a member must add you");
        }
    }

    /** Members add people to a room; nobody is added to a direct conversation. */
    public void checkMayAdd(boolean callerIsMember) {
        if (kind != Kind.ROOM || !callerIsMember) {
            throw ParleyException.forbidden("only members may add people to " + id);
        }
    }

    /** Anyone may leave a room; only its creator or an administrator removes others. */
    public void checkMayRemove(String caller, boolean callerIsAdmin, String member) {
        if (kind != Kind.ROOM) {
            throw ParleyException.forbidden("nobody is removed from a direct conversation");
        }
        if (!caller.equals(member) && !caller.equals(createdBy) && !callerIsAdmin) {
            throw ParleyException.forbidden("only the room's creator or an admin may remove others");
        }
    }

    /** Who may see the room's details and members: anyone for a public room, members otherwise. */
    public boolean isVisibleTo(boolean callerIsMember) {
        return isPublicRoom() || callerIsMember;
    }

    /** Who may mention everyone in a room at once ({@code @here}, {@code @channel}, {@code @room}, {@code @everyone}). */
    public enum MentionEveryone {
        ADMINS, MEMBERS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static MentionEveryone fromWire(String name) {
            for (MentionEveryone policy : values()) {
                if (policy.wireName().equals(name)) {
                    return policy;
                }
            }
            throw ParleyException.badRequest("'mentionEveryone' is admins or members");
        }
    }

    /** Whether {@code member} may notify the whole room: anyone if the room allows it, else its creator and admins. */
    public boolean mayMentionEveryone(String member, boolean memberIsAdmin) {
        return kind == Kind.ROOM && (mentionEveryone == MentionEveryone.MEMBERS || member.equals(createdBy) || memberIsAdmin);
    }

    /** The room's creator or an administrator decides who may mention everyone. */
    public void setMentionEveryone(MentionEveryone policy, String caller, boolean callerIsAdmin) {
        if (kind != Kind.ROOM) {
            throw ParleyException.badRequest("only rooms have settings");
        }
        if (!caller.equals(createdBy) && !callerIsAdmin) {
            throw ParleyException.forbidden("only the room's creator or an admin may change its settings");
        }
        mentionEveryone = policy;
    }

    public MentionEveryone mentionEveryone() {
        return mentionEveryone;
    }

    public String title() {
        return title;
    }

    public String createdBy() {
        return createdBy;
    }

    public long lastSeq() {
        return lastSeq;
    }
}
