package dev.parley.testing;

import jakarta.json.JsonObject;
import java.time.Duration;

/** What a socket and a fallback stream have in common for a test: frames out, frames in, closed or not. */
public interface FrameConnection {

    /** Sends one frame; false if the server refused it outright (a stream's POST not accepted). */
    boolean offer(String frame);

    /** The next frame within {@code timeout}, or null. */
    JsonObject poll(Duration timeout);

    boolean isClosed();
}
