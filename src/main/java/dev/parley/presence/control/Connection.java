package dev.parley.presence.control;

import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.platform.ratelimit.SlidingCounter;
import dev.parley.platform.ratelimit.TokenBucket;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One open socket and the only way to write to it. Frames queue in order and are written one at a
 * time by a writer thread: no two threads ever write to the socket at once, and no caller blocks on a
 * slow peer. The queue is bounded: a peer that falls more than {@code queueLimit} frames behind is
 * closed with 1013 (try again later), and being a resuming client it loses nothing.
 *
 * <p>What the socket accepts is not yet what the peer has read: the server and the kernel buffer
 * megabytes in between. So the connection also bounds what is <em>unacknowledged</em>. Every ping
 * carries the count of characters written so far, a peer's pong echoes it, and a peer more than
 * {@code windowChars} behind its last pong is closed with 1013 as well. (When the server's buffers are
 * full, a write blocks instead; a write that does not complete within the write timeout is the third
 * sign of a peer that stopped reading, see {@link #writeStalled}.) Pings go out with the
 * heartbeat and after every {@link #PING_EVERY_CHARS} written.
 *
 * <p>It also meters the peer's inbound frames: the token bucket of the contract's per-connection
 * rate, and the count of rejected frames that gets a flooding client closed.
 */
public final class Connection {

    /** What happens to an inbound frame under the rate limit. */
    public enum Admission { ADMITTED, LIMITED, FLOODING }

    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_POLICY = 1008;
    public static final int CLOSE_TOO_BIG = 1009;
    public static final int CLOSE_INTERNAL_ERROR = 1011;
    public static final int CLOSE_TRY_AGAIN_LATER = 1013;

    static final int FLOOD_LIMIT = 100;
    static final long FLOOD_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    static final long PING_EVERY_CHARS = 64 * 1024;

    private static final Object PING = new Object();

    /** A queue slot for the latest value of a key; the frame itself waits in {@link #latest}. */
    private record Latest(String key) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, String> latest = new java.util.concurrent.ConcurrentHashMap<>();

    private final String id;
    private final ParleyPrincipal user;
    private final Channel channel;
    private final Transport transport;
    private final java.util.concurrent.Executor writer;
    private final int queueLimit;
    private volatile Runnable closedHook = () -> { };

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final long windowChars;
    private volatile long written;
    /** When the write in flight started (0 when none is): a write that never completes means a stalled peer. */
    private volatile long writeStartedNanos;
    private volatile long acknowledged;
    private long lastPingMark;

    private final TokenBucket rate;
    private final SlidingCounter rejections;
    private volatile long lastInboundNanos;

    /**
     * @param writer runs the writing: never the publisher's thread in production (a blocked write must
     *               only stall this socket); {@code Runnable::run} in tests
     */
    public Connection(String id, ParleyPrincipal user, Channel channel, Transport transport, java.util.concurrent.Executor writer,
                      int queueLimit, long windowChars, int ratePerSecond, int rateBurst, long nowNanos) {
        this.id = id;
        this.user = user;
        this.channel = channel;
        this.transport = transport;
        this.writer = writer;
        this.queueLimit = queueLimit;
        this.windowChars = windowChars;
        this.rate = new TokenBucket(ratePerSecond, rateBurst, nowNanos);
        this.rejections = new SlidingCounter(FLOOD_LIMIT, FLOOD_WINDOW_NANOS);
        this.lastInboundNanos = nowNanos;
    }

    public String id() {
        return id;
    }

    public ParleyPrincipal user() {
        return user;
    }

    public String username() {
        return user.username();
    }

    public Channel channel() {
        return channel;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Frames waiting to be written (not counting the one in flight). */
    public int backlog() {
        return queued.get();
    }

    /** Queues a serialised frame; never blocks. */
    public void send(String frame) {
        enqueue(frame);
    }

    /**
     * Queues frames that the client asked for all at once (a resume's replay, bounded by the caller),
     * in order and regardless of the queue limit; the unacknowledged window still applies to what follows.
     */
    public void sendAll(java.util.List<String> frames) {
        if (closed.get() || frames.isEmpty()) {
            return;
        }
        queued.addAndGet(frames.size());
        queue.addAll(frames);
        startWriting();
    }

    private void startWriting() {
        if (writing.compareAndSet(false, true)) {
            try {
                writer.execute(this::pump);
            } catch (RuntimeException rejected) {
                writing.set(false);
                close(CLOSE_GOING_AWAY, "server shutting down");
            }
        }
    }

    /**
     * Queues a frame that supersedes any earlier one for the same key not yet written (live data: a
     * subscriber that is behind gets the newest value, not every value). Keys are few (one per topic),
     * so this never grows the queue past one slot per key.
     */
    public void sendLatest(String key, String frame) {
        if (closed.get()) {
            return;
        }
        if (latest.put(key, frame) == null) {
            enqueue(new Latest(key));
        }
    }

    /** Queues a WebSocket ping (the heartbeat), in order with the text frames. */
    public void heartbeat() {
        enqueue(PING);
    }

    /**
     * Closes the socket once; later sends are dropped. The connection counts as gone from this moment
     * (the hook runs at once): a peer that stopped reading may never let the close handshake finish.
     */
    public void close(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            latest.clear();
            queued.set(0);
            transport.close(code, reason);
            closedHook.run();
        }
    }

    /** What to do once this connection is closed (by the server or the peer); set once, by the registry. */
    void onClosed(Runnable hook) {
        this.closedHook = hook;
    }

    /** Marks that something (a frame or a pong) arrived. */
    public void touch(long nowNanos) {
        lastInboundNanos = nowNanos;
    }

    /** A pong arrived echoing {@code mark}: the peer has read everything written before that ping. */
    public void acknowledge(long mark, long nowNanos) {
        lastInboundNanos = nowNanos;
        if (mark > acknowledged && mark <= written) {
            acknowledged = mark;
        }
    }

    /** Whether a write has been in flight for longer than {@code timeoutNanos}: the peer stopped reading. */
    public boolean writeStalled(long nowNanos, long timeoutNanos) {
        long started = writeStartedNanos;
        return started != 0 && nowNanos - started > timeoutNanos;
    }

    /** Characters written that the peer has not yet acknowledged with a pong. */
    public long unacknowledged() {
        return written - acknowledged;
    }

    public long lastInboundNanos() {
        return lastInboundNanos;
    }

    /** Meters one inbound frame against the per-connection rate limit. */
    public synchronized Admission admit(long nowNanos) {
        lastInboundNanos = nowNanos;
        if (rate.tryAcquire(nowNanos)) {
            return Admission.ADMITTED;
        }
        return rejections.recordAndCheck(nowNanos) ? Admission.FLOODING : Admission.LIMITED;
    }

    private void enqueue(Object item) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > queueLimit) {
            queued.decrementAndGet();
            close(CLOSE_TRY_AGAIN_LATER, "too slow: outbound queue full");
            return;
        }
        if (written - acknowledged > windowChars) {
            queued.decrementAndGet();
            close(CLOSE_TRY_AGAIN_LATER, "too slow: the client is not reading");
            return;
        }
        queue.add(item);
        startWriting();
    }

    /** Runs only while holding the write permit ({@code writing == true}). */
    private void pump() {
        while (true) {
            Object next = queue.poll();
            if (next == null) {
                writing.set(false);
                // A producer may have queued between the poll and the release: take the permit back.
                if (queue.isEmpty() || !writing.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            queued.decrementAndGet();
            if (closed.get()) {
                continue;
            }
            if (next == PING) {
                ping();
                continue;
            }
            String text;
            if (next instanceof Latest slot) {
                text = latest.remove(slot.key());
                if (text == null) {
                    continue;
                }
            } else {
                text = (String) next;
            }
            written += text.length();
            AtomicBoolean handOff = new AtomicBoolean();
            writeStartedNanos = Math.max(1, System.nanoTime());
            transport.sendText(text, failure -> {
                writeStartedNanos = 0;
                if (failure != null) {
                    close(CLOSE_GOING_AWAY, "write failed");
                }
                // Whoever gets here second continues the pump: the caller if this completed
                // synchronously, otherwise this completion callback.
                if (!handOff.compareAndSet(false, true)) {
                    pump();
                }
            });
            if (written - lastPingMark >= PING_EVERY_CHARS) {
                ping();
            }
            if (!handOff.compareAndSet(false, true)) {
                continue;
            }
            return;
        }
    }

    /** Only from the pump: a ping marked with everything written so far. */
    private void ping() {
        lastPingMark = written;
        try {
            transport.sendPing(written);
        } catch (IOException | RuntimeException e) {
            close(CLOSE_GOING_AWAY, "write failed");
        }
    }
}
