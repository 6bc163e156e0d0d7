package dev.parley.platform.ratelimit;

/**
 * Tells when more than {@code limit} events happened within a sliding window, exactly: it remembers the
 * times of the last {@code limit + 1} events in a ring. Not thread-safe: the owner synchronises.
 */
public final class SlidingCounter {

    private final long[] times;
    private final long windowNanos;
    private int next;
    private int count;

    public SlidingCounter(int limit, long windowNanos) {
        this.times = new long[limit + 1];
        this.windowNanos = windowNanos;
    }

    /** Records one event; true if that makes more than {@code limit} events inside the window. */
    public boolean recordAndCheck(long nowNanos) {
        times[next] = nowNanos;
        next = (next + 1) % times.length;
        if (count < times.length) {
            count++;
        }
        // With the ring full, times[next] is the oldest of the last limit + 1 events.
        return count == times.length && nowNanos - times[next] <= windowNanos;
    }
}
