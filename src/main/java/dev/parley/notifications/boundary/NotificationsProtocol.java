package dev.parley.notifications.boundary;

import dev.parley.notifications.control.Inbox;
import dev.parley.notifications.control.Inboxes;
import dev.parley.notifications.control.NotificationFrames;
import dev.parley.notifications.control.NotificationFrames.NotificationView;
import dev.parley.notifications.control.NotificationInbox;
import dev.parley.notifications.control.NotificationMarks;
import dev.parley.notifications.control.TopicService;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.JsonFields;
import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.sockets.OutboundFrames;
import dev.parley.sockets.SocketPipeline;
import dev.parley.sockets.SocketProtocol;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;

/** The {@code /notifications} frames: one switch over {@code type}, each case one control call and a reply. */
@ApplicationScoped
public class NotificationsProtocol implements SocketProtocol {

    @Inject
    SocketPipeline pipeline;

    @Inject
    NotificationInbox notifications;

    @Inject
    NotificationMarks marks;

    @Inject
    Inboxes inboxes;

    @Inject
    JsonCodec codec;

    @Inject
    TopicService topics;

    public record Welcome(String type, String user, long unread) {
    }

    /** {@code welcome} with the unread count, then the unacknowledged backlog; live pushes wait until both are out. */
    @Override
    public Channel channel() {
        return Channel.NOTIFICATIONS;
    }

    @Override
    public void welcome(Connection connection) {
        Inbox inbox = inboxes.attach(connection);
        String user = connection.username();
        marks.awaitStored(user); // what another socket just acknowledged is not sent again
        List<NotificationView> backlog = notifications.backlog(user);
        inbox.sendBacklog(codec.write(new Welcome("welcome", user, notifications.unread(user))),
                backlog.stream().map(NotificationView::id).toList(),
                backlog.stream().map(n -> codec.write(new NotificationFrames.NotificationFrame(n))).toList());
    }

    @Override
    public void handle(Connection connection, String type, JsonObject frame, Object ref) {
        String user = connection.username();
        switch (type) {
            case "ack" -> marks.submit(new NotificationMarks.Mark(user, NotificationMarks.Kind.DELIVERED, id(frame), connection.id(),
                    failure -> pipeline.fail(connection, ref, failure)));
            case "read" -> {
                boolean all = JsonFields.optionalBoolean(frame, "all").orElse(false);
                if (!all && !frame.containsKey("id")) {
                    throw ParleyException.badRequest("'read' needs an 'id' or \"all\": true");
                }
                marks.submit(new NotificationMarks.Mark(user, NotificationMarks.Kind.READ, all ? null : id(frame), connection.id(),
                        failure -> pipeline.fail(connection, ref, failure)));
            }
            case "subscribe" -> topics.subscribe(connection, JsonFields.requireString(frame, "topic"), ref);
            case "unsubscribe" -> topics.unsubscribe(connection, JsonFields.requireString(frame, "topic"), ref);
            case "ping" -> pipeline.reply(connection, new OutboundFrames.Pong(ref));
            default -> SocketPipeline.unknownType(type);
        }
    }

    /** A notification id: a whole number, or a string of digits. */
    static long id(JsonObject frame) {
        JsonValue value = frame.get("id");
        if (value instanceof JsonNumber number && JsonFields.exactLong(number).isPresent()) {
            return JsonFields.exactLong(number).get();
        }
        if (value instanceof JsonString string && string.getString().matches("[0-9]{1,18}")) {
            return Long.parseLong(string.getString());
        }
        throw ParleyException.badRequest("'id' must be a notification id");
    }
}
