package dev.parley.sockets;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * The writing side of one socket, as {@link Connection} needs it. The WebSocket implementation is
 * {@link WebSocketTransport}; tests use fakes.
 */
public interface Transport {

    /** Starts sending one text frame; {@code done} gets {@code null} on success or the failure. */
    void sendText(String text, Consumer<Throwable> done);

    /** Sends a WebSocket ping control frame carrying {@code mark}; the peer's pong echoes it. */
    void sendPing(long mark) throws IOException;

    /** Closes the socket with a close code and reason; must not block the caller. */
    void close(int code, String reason);
}
