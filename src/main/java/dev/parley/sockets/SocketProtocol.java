package dev.parley.sockets;

import jakarta.json.JsonObject;

/** One endpoint's protocol: its channel, its {@code welcome}, and a single switch over frame types. */
public interface SocketProtocol {

    Channel channel();

    /** Sends the socket's {@code welcome} (and whatever follows it on open). */
    void welcome(Connection connection);

    /** Handles one admitted, parsed frame; a {@code ParleyException} becomes the sender's error frame. */
    void handle(Connection connection, String type, JsonObject frame, Object ref);
}
