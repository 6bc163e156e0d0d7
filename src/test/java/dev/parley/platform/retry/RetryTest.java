package dev.parley.platform.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RetryTest {

    private final Logger log = Logger.getLogger("retry-test-" + System.nanoTime());
    private final List<LogRecord> records = new ArrayList<>();

    RetryTest() {
        log.setUseParentHandlers(false);
        log.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void delaysDoubleUpToTheCapAndStartOverAfterASuccess() {
        Backoff backoff = new Backoff(log, "relaying", Duration.ofMillis(500), Duration.ofSeconds(10));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(backoff.failed(new IllegalStateException("down")).toMillis());
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 10_000L, 10_000L, 10_000L), delays);
        backoff.succeeded();
        assertEquals(0, backoff.failures());
        assertEquals(500L, backoff.failed(new IllegalStateException("down again")).toMillis());
        assertEquals(10_000L, backoff.delay(1000).toMillis(), "many failures never overflow the delay");
    }

    @Test
    void theFirstFailureAndEveryTwentiethAreLoggedWithTheExceptionAndRecoveryOnce() {
        Backoff backoff = new Backoff(log, "consuming", Duration.ofMillis(1), Duration.ofMillis(2));
        IllegalStateException failure = new IllegalStateException("broker gone");
        for (int i = 0; i < 40; i++) {
            backoff.failed(failure);
        }
        List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(3, warnings.size(), "failures 1, 20 and 40");
        warnings.forEach(w -> assertSame(failure, w.getThrown()));
        backoff.succeeded();
        backoff.succeeded();
        assertEquals(1, records.stream().filter(r -> r.getLevel() == Level.INFO).count());
        assertTrue(backoff.pauseAfter(failure));
    }

    @Test
    void aRaceIsRetriedAnythingElseSurfaces() {
        AtomicInteger calls = new AtomicInteger();
        assertEquals("won", Retry.onRace(3, e -> e instanceof IllegalStateException, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("duplicate key");
            }
            return "won";
        }));
        assertEquals(3, calls.get());
        calls.set(0);
        assertThrows(IllegalArgumentException.class, () -> Retry.onRace(3, e -> e instanceof IllegalStateException, () -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("a bug");
        }));
        assertEquals(1, calls.get(), "not a race: no retry");
        assertThrows(IllegalStateException.class, () -> Retry.onRace(2, e -> true, () -> {
            throw new IllegalStateException("always");
        }));
    }
}
