package dev.parley.chat.boundary;

import dev.parley.platform.config.Settings;
import dev.parley.presence.control.Connection;
import dev.parley.presence.control.OutboundFrames;
import dev.parley.presence.control.SocketPipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.util.List;

/** The {@code /chat} frames: decodes each client frame by {@code type} and answers it. */
@ApplicationScoped
public class ChatProtocol {

    @Inject
    SocketPipeline pipeline;

    @Inject
    Settings settings;

    /** A conversation as the welcome frame lists it. */
    public record ConversationState(String id, long lastSeq, long unread) {
    }

    public record Welcome(String type, String user, String sessionId, int heartbeatSeconds,
                          List<ConversationState> conversations) {
    }

    void welcome(Connection connection) {
        pipeline.reply(connection, new Welcome("welcome", connection.username(), connection.id(),
                settings.heartbeatSeconds(), List.of()));
    }

    void handle(Connection connection, String type, JsonObject frame, Object ref) {
        switch (type) {
            case "ping" -> pipeline.reply(connection, new OutboundFrames.Pong(ref));
            default -> SocketPipeline.unknownType(type);
        }
    }
}
