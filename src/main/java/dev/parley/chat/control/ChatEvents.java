package dev.parley.chat.control;

import java.util.List;

/** Past-tense chat events, fired inside the transaction and delivered to sockets after it commits. */
public final class ChatEvents {

    private ChatEvents() {
    }

    /**
     * Messages were stored, in seq order per conversation: fired once per batch, inside the
     * transaction that stores them (the outbox and chat notifications join it, writing their rows for
     * the whole batch at once).
     */
    public record MessagesPosted(List<ChatFrames.MessageView> messages) {
        public MessagesPosted {
            messages = List.copyOf(messages);
        }
    }

    /** A message was edited or deleted, or a reaction added or removed: fired inside the change's transaction. */
    public record MessageChanged(ChatFrames.ChangeView change) {
    }

    /** A member marked a conversation unread from a message: their read position moved back to {@code readSeq}. */
    public record MarkedUnread(String conversation, String user, long readSeq, long unread, String originConnection) {
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
