package dev.parley.sockets;

import java.nio.ByteBuffer;
import java.util.concurrent.Future;

/**
 * The raw side of a transport that can take whole WebSocket frames, already built, without blocking
 * the caller ({@link Transport#frames()}). {@link Connection} then encodes each broadcast once
 * ({@link WireFrames}), writes everything that queued in one go, and never hands a write to another thread.
 */
public interface FrameSink {

    /** The text frame of {@code text}; shared, never to be modified. */
    byte[] textFrame(String text);

    /**
     * Starts writing whole frames (headers and payloads); never blocks. What the peer cannot take yet
     * waits in the server's own queue; the result is done once the bytes left it.
     *
     * @throws RuntimeException when the socket is no longer open
     */
    Future<?> write(ByteBuffer frames);
}
