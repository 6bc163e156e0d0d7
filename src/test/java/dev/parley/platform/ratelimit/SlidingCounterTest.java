package dev.parley.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlidingCounterTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void tripsOnlyWhenMoreThanTheLimitFallInTheWindow() {
        SlidingCounter counter = new SlidingCounter(100, 10 * SECOND);
        for (int i = 0; i < 100; i++) {
            assertFalse(counter.recordAndCheck(0), "event " + i);
        }
        assertTrue(counter.recordAndCheck(SECOND));
    }

    @Test
    void oldEventsSlideOut() {
        SlidingCounter counter = new SlidingCounter(100, 10 * SECOND);
        for (int i = 0; i < 100; i++) {
            counter.recordAndCheck(0);
        }
        assertFalse(counter.recordAndCheck(10 * SECOND + 1));
        // A steady 10 per second never exceeds 100 in any 10 s window.
        SlidingCounter steady = new SlidingCounter(100, 10 * SECOND);
        for (int i = 0; i < 1000; i++) {
            assertFalse(steady.recordAndCheck(i * SECOND / 10 + i), "event " + i);
        }
    }
}
