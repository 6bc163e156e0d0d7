package dev.parley.chat.control;

import dev.parley.chat.entity.Attachment;
import dev.parley.chat.entity.Message;
import dev.parley.chat.entity.MessageChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The server's chat frames and views, as the contract spells them. Serialised once, by JSON-B. */
public final class ChatFrames {

    private ChatFrames() {
    }

    public record AttachmentView(String id, String name, String contentType, long size, String url) {
        public static AttachmentView of(Attachment attachment, String apiBase) {
            return new AttachmentView(attachment.id(), attachment.name(), attachment.contentType(), attachment.size(),
                    apiBase + "/api/attachments/" + attachment.id());
        }
    }

    /**
     * A message as it is now: {@code editedAt} once edited, {@code deleted} (with empty text and no
     * attachments) once deleted, {@code reactions} when it has any; a reply names its {@code thread}
     * (the seq of the thread's first message) and its {@code threadIndex} there (1, 2, …), a message
     * with replies has {@code replies} and {@code lastReplyAt}. Absent fields are left out.
     */
    public record MessageView(String id, String conversation, long seq, String sender, String text,
                              List<AttachmentView> attachments, String clientMsgId, Instant sentAt,
                              Instant editedAt, Boolean deleted, List<ReactionView> reactions,
                              Long thread, Integer threadIndex, Integer replies, Instant lastReplyAt) implements InStream {
        public static MessageView of(Message message, String apiBase) {
            return of(message, apiBase, List.of(), null);
        }

        public static MessageView of(Message message, String apiBase, List<ReactionView> reactions, ThreadSummary replies) {
            return new MessageView(message.id(), message.conversationId().value(), message.seq(), message.sender(),
                    message.text(), message.attachments().stream().map(a -> AttachmentView.of(a, apiBase)).toList(),
                    message.clientMsgId(), message.sentAt(), message.editedAt(), message.isDeleted() ? Boolean.TRUE : null,
                    reactions.isEmpty() ? null : reactions, message.threadSeq(), message.threadIndex(),
                    replies == null ? null : replies.replies(), replies == null ? null : replies.lastReplyAt());
        }

        @Override
        public Object frame() {
            return new MessageFrame(this);
        }
    }

    /** How many replies a thread has, and when the last came. */
    public record ThreadSummary(int replies, Instant lastReplyAt) {
    }

    /** Who reacted to a message with one emoji, in the order they did. */
    public record ReactionView(String emoji, int count, List<String> users) {
    }

    /** What takes a seq in a conversation: a {@link MessageView} or a {@link ChangeView}. */
    public sealed interface InStream permits MessageView, ChangeView {
        long seq();

        /** The frame that carries it: {@code message} or {@code change}. */
        Object frame();
    }

    /**
     * A change to the message at {@code messageSeq}, at its own {@code seq}: {@code kind} is
     * {@code message.edited} (with the new {@code text}; none if the message was deleted since),
     * {@code message.deleted}, {@code reaction.added} or {@code reaction.removed} (with {@code emoji}),
     * made by {@code user}.
     */
    public record ChangeView(String conversation, long seq, String kind, String messageId, long messageSeq,
                             String user, String text, String emoji, Instant at) implements InStream {
        public static ChangeView of(MessageChange change) {
            return new ChangeView(change.conversationId().value(), change.seq(), change.kind().wireName(), change.messageId(),
                    change.messageSeq(), change.actor(), change.text(), change.emoji(), change.changedAt());
        }

        @Override
        public Object frame() {
            return new ChangeFrame(this);
        }
    }

    public record ChangeFrame(String type, ChangeView change) {
        public ChangeFrame(ChangeView change) {
            this("change", change);
        }
    }

    /** The reply to {@code edit}, {@code delete}, {@code react} and {@code unreact}: the change stored, or null if none was needed. */
    public record Changed(String type, Object ref, ChangeView change) {
        public Changed(Object ref, ChangeView change) {
            this("changed", ref, change);
        }
    }

    /**
     * A conversation as its member sees it: a room names its {@code slug}, a direct conversation its
     * {@code peer} (the other participant), so that clients need not parse ids.
     */
    public record ConversationState(String id, String kind, String title, String slug, String peer,
                                    long lastSeq, long unread, long readSeq) {
    }

    public record MessageFrame(String type, MessageView message) {
        public MessageFrame(MessageView message) {
            this("message", message);
        }
    }

    public record Ack(String type, Object ref, MessageView message) {
        public Ack(Object ref, MessageView message) {
            this("ack", ref, message);
        }
    }

    /** A page of history; {@code thread} is set for a page of one thread's replies. */
    public record History(String type, Object ref, String conversation, Long thread, List<MessageView> messages, boolean hasMore) {
        public History(Object ref, HistoryPage page) {
            this("history", ref, page.conversation(), page.thread(), page.messages(), page.hasMore());
        }
    }

    public record Resumed(String type, Object ref, int count, List<String> truncated) {
        public Resumed(Object ref, int count, List<String> truncated) {
            this("resumed", ref, count, truncated);
        }
    }

    public record Membership(String type, Object ref, String conversation) {
    }

    public record Typing(String type, String conversation, String user) {
        public Typing(String conversation, String user) {
            this("typing", conversation, user);
        }
    }

    public record Receipt(String type, String conversation, String user, long seq) {
        public Receipt(String conversation, String user, long seq) {
            this("receipt", conversation, user, seq);
        }
    }

    /** After "mark as unread": the user's read position and unread count in the conversation now. */
    public record Marked(String type, Object ref, String conversation, long readSeq, long unread) {
        public Marked(Object ref, String conversation, long readSeq, long unread) {
            this("marked", ref, conversation, readSeq, unread);
        }
    }

    public record Presence(String type, String user, String status) {
        public Presence(String user, boolean online) {
            this("presence", user, online ? "online" : "offline");
        }
    }

    /** The answer to {@code watch}: whom the socket watches now, and which of them are online. */
    public record Watching(String type, Object ref, List<String> users, List<String> online) {
        public Watching(Object ref, List<String> users, List<String> online) {
            this("watching", ref, users, online);
        }
    }

    /** A page of history over REST, shaped like the {@code history} frame. */
    public record HistoryPage(String conversation, Long thread, List<MessageView> messages, boolean hasMore) {
    }

    /** What a resume asked for: conversation id to the last seq the client saw. */
    public record Cursors(Map<String, Long> positions) {
    }
}
