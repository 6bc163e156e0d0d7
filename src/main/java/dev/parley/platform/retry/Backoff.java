package dev.parley.platform.retry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parley's one way to retry background work that failed (a broker or database that went away): the
 * delay doubles from {@code initial} up to {@code max} with each consecutive failure, the first
 * failure and every {@value #LOG_EVERY}th after it are logged as warnings with their exception, and
 * the first success after failures is logged as a recovery. One instance per worker.
 */
public final class Backoff {

    static final int LOG_EVERY = 20;

    private final Logger log;
    private final String what;
    private final long initialMillis;
    private final long maxMillis;
    private volatile int failures;

    public Backoff(Logger log, String what, Duration initial, Duration max) {
        this.log = log;
        this.what = what;
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    /** Consecutive failures since the last success. */
    public int failures() {
        return failures;
    }

    /** Records a failure, logs it when due, and returns how long to wait before the next attempt. */
    public Duration failed(Throwable failure) {
        int count = ++failures;
        Duration delay = delay(count);
        if (count == 1 || count % LOG_EVERY == 0) {
            log.log(Level.WARNING, what + " failed (" + count + (count == 1 ? " time" : " times") + "); retrying in "
                    + delay.toMillis() + " ms", failure);
        }
        return delay;
    }

    /** The delay after {@code count} consecutive failures. */
    Duration delay(int count) {
        int doublings = Math.min(count - 1, 30);
        long millis = initialMillis << Math.min(doublings, Long.numberOfLeadingZeros(Math.max(1, initialMillis)) - 1);
        return Duration.ofMillis(Math.min(maxMillis, millis));
    }

    /** Records a success: the next failure starts from {@code initial} again. */
    public void succeeded() {
        int before = failures;
        if (before > 0) {
            failures = 0;
            log.info(() -> what + " works again after " + before + (before == 1 ? " failure" : " failures"));
        }
    }

    /**
     * Records a failure and waits the delay on this thread.
     *
     * @return false if the thread was interrupted while waiting (its interrupt status is kept): stop
     */
    public boolean pauseAfter(Throwable failure) {
        try {
            TimeUnit.MILLISECONDS.sleep(failed(failure).toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
