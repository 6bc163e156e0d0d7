package dev.parley.chat.control;

/** Past-tense chat events, fired inside the transaction and delivered to sockets after it commits. */
public final class ChatEvents {

    private ChatEvents() {
    }

    /**
     * A message was stored. {@code originConnection} and {@code ref} name the socket that sent it (both
     * null for messages from elsewhere); that socket gets its {@code ack} before the message itself.
     */
    public record MessagePosted(ChatFrames.MessageView message, String originConnection, Object ref) {
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
