package dev.parley.chat.control;

import dev.parley.chat.entity.Attachment;
import dev.parley.chat.entity.Message;
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

    public record MessageView(String id, String conversation, long seq, String sender, String text,
                              List<AttachmentView> attachments, String clientMsgId, Instant sentAt) {
        public static MessageView of(Message message, String apiBase) {
            return new MessageView(message.id(), message.conversationId().value(), message.seq(), message.sender(),
                    message.text(), message.attachments().stream().map(a -> AttachmentView.of(a, apiBase)).toList(),
                    message.clientMsgId(), message.sentAt());
        }
    }

    /** A conversation as {@code welcome} and {@code GET /api/conversations} list it. */
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

    public record History(String type, Object ref, String conversation, List<MessageView> messages, boolean hasMore) {
        public History(Object ref, String conversation, List<MessageView> messages, boolean hasMore) {
            this("history", ref, conversation, messages, hasMore);
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

    public record Presence(String type, String user, String status) {
        public Presence(String user, boolean online) {
            this("presence", user, online ? "online" : "offline");
        }
    }

    /** A page of history over REST, shaped like the {@code history} frame. */
    /** The answer to {@code watch}: whom the socket watches now, and which of them are online. */
    public record Watching(String type, Object ref, List<String> users, List<String> online) {
        public Watching(Object ref, List<String> users, List<String> online) {
            this("watching", ref, users, online);
        }
    }

    public record HistoryPage(String conversation, List<MessageView> messages, boolean hasMore) {
    }

    /** What a resume asked for: conversation id to the last seq the client saw. */
    public record Cursors(Map<String, Long> positions) {
    }
}
