package dev.parley.integration.control;

import dev.parley.notifications.control.NotificationFrames.NotificationView;
import java.time.Instant;
import java.util.List;

/**
 * The events on topic {@code parley.events}, as JSON: {@code {"id","type","occurredAt","data"}} with
 * the same {@code id} in the JMS property {@code eventId} and the type in {@code eventType}.
 * docs/events.md documents each {@code data}.
 */
public final class EventTypes {

    public static final String MESSAGE_SENT = "message.sent";
    /** The four kinds of {@link dev.parley.chat.entity.MessageChange}, under their wire names. */
    public static final String MESSAGE_EDITED = "message.edited";
    public static final String MESSAGE_DELETED = "message.deleted";
    public static final String REACTION_ADDED = "reaction.added";
    public static final String REACTION_REMOVED = "reaction.removed";
    public static final String NOTIFICATION_CREATED = "notification.created";
    public static final String NOTIFICATION_READ = "notification.read";
    public static final String USER_ONLINE = "user.online";
    public static final String USER_OFFLINE = "user.offline";
    public static final String MEMBER_JOINED = "member.joined";
    public static final String MEMBER_LEFT = "member.left";

    private EventTypes() {
    }

    /** The envelope every event shares. */
    public record Event(String id, String type, Instant occurredAt, Object data) {
    }

    public record NotificationCreated(String user, NotificationView notification, boolean pushed) {
    }

    public record NotificationsRead(String user, List<Long> ids) {
    }

    public record Presence(String user) {
    }

    public record Member(String conversation, String user) {
    }
}
