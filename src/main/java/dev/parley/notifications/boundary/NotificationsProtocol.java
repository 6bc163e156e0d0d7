package dev.parley.notifications.boundary;

import dev.parley.presence.control.Connection;
import dev.parley.presence.control.OutboundFrames;
import dev.parley.presence.control.SocketPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/** The {@code /notifications} frames: decodes each client frame by {@code type} and answers it. */
@ApplicationScoped
public class NotificationsProtocol {

    @Inject
    SocketPipeline pipeline;

    public record Welcome(String type, String user, long unread) {
    }

    void welcome(Connection connection) {
        pipeline.reply(connection, new Welcome("welcome", connection.username(), 0));
    }

    void handle(Connection connection, String type, JsonObject frame, Object ref) {
        switch (type) {
            case "ping" -> pipeline.reply(connection, new OutboundFrames.Pong(ref));
            default -> SocketPipeline.unknownType(type);
        }
    }
}
