package dev.parley.notifications.control;

import dev.parley.notifications.control.NotificationFrames.NotificationView;
import java.util.List;

/** Past-tense notification events, fired inside the transaction and delivered after it commits. */
public final class NotificationEvents {

    private NotificationEvents() {
    }

    /** A notification is stored for {@code recipient}; {@code push} says whether preferences let it be pushed. */
    public record NotificationCreated(String recipient, NotificationView notification, boolean push) {
    }

    /** A publication to everyone was recorded; its notifications are stored in the background. */
    public record BroadcastQueued(String id) {
    }

    /** Notifications became read; the user's other sockets must follow. */
    public record NotificationsRead(String user, List<Long> ids, String originConnection) {
    }
}
