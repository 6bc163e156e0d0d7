package dev.parley.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The frames a test client received, in order, for tests to take with a timeout: what
 * {@link SocketClient} and {@link StreamClient} share. A miss fails with the connection's state.
 */
final class FrameQueue {

    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    private final Supplier<String> state;

    /** @param state describes the connection (open or closed, pings seen) in a failure message */
    FrameQueue(Supplier<String> state) {
        this.state = state;
    }

    void add(JsonObject frame) {
        frames.add(frame);
    }

    int size() {
        return frames.size();
    }

    /** The next frame, whatever it is; fails after {@link SocketClient#TIMEOUT}. */
    JsonObject next() {
        JsonObject frame = poll(SocketClient.TIMEOUT);
        if (frame == null) {
            fail("no frame within " + SocketClient.TIMEOUT + " (" + state.get() + ")");
        }
        return frame;
    }

    /** The next frame within {@code timeout}, or null (for watchers that must not fail on a miss). */
    JsonObject poll(Duration timeout) {
        try {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The next frame, which must be of the given type. */
    JsonObject next(String type) {
        JsonObject frame = next();
        assertEquals(type, frame.getString("type"), () -> "unexpected frame " + frame);
        return frame;
    }

    /** The next frame of the given type, skipping others (for frames that interleave). */
    JsonObject nextOfType(String type) {
        long deadline = System.nanoTime() + SocketClient.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = next();
            if (type.equals(frame.getString("type"))) {
                return frame;
            }
        }
        return fail("no " + type + " frame within " + SocketClient.TIMEOUT);
    }
}
