package dev.parley.notifications.control;

import dev.parley.notifications.entity.Notification;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** The server's notification frames and views, as the contract spells them. */
public final class NotificationFrames {

    private NotificationFrames() {
    }

    public record NotificationView(long id, String category, String priority, String title, String body, String url,
                                   JsonValue data, Instant createdAt, boolean read) {
        public static NotificationView of(Notification n, JsonValue data) {
            return new NotificationView(n.id(), n.category(), n.priority().wireName(), n.title(), n.body(), n.url(), data,
                    n.createdAt(), n.isRead());
        }
    }

    public record NotificationFrame(String type, NotificationView notification) {
        public NotificationFrame(NotificationView notification) {
            this("notification", notification);
        }
    }

    public record Read(String type, List<Long> ids) {
        public Read(List<Long> ids) {
            this("read", ids);
        }
    }

    public record Inbox(List<NotificationView> notifications, long unread, boolean hasMore) {
    }
}
