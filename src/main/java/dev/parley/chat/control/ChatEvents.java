package dev.parley.chat.control;

/** Past-tense chat events, fired inside the transaction and delivered to sockets after it commits. */
public final class ChatEvents {

    private ChatEvents() {
    }

    /** A message was stored (fired inside the transaction that stores it: the outbox and notifications join it). */
    public record MessagePosted(ChatFrames.MessageView message) {
    }

    /** A member's read position moved forward. */
    public record ReadMoved(String conversation, String user, long seq, String originConnection) {
    }

    /**
     * A user became, or stopped being, a member of a conversation whose last seq was {@code lastSeq}
     * then: a new member's sockets receive the messages after it.
     */
    public record MembershipChanged(String conversation, String user, boolean member, long lastSeq) {
    }
}
