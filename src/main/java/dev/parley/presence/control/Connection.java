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
 * time, asynchronously: no two threads ever write to the socket at once, and no caller blocks on a
 * slow peer. The queue is bounded: a peer that falls more than {@code queueLimit} frames behind is
 * closed with 1013 (try again later), and being a resuming client it loses nothing.
 *
 * <p>It also meters the peer's inbound frames: the token bucket of the contract's per-connection
 * rate, and the count of rejected frames that gets a flooding client closed.
 */
public final class Connection {

    /** What happens to an inbound frame under the rate limit. */
    public enum Admission { ADMITTED, LIMITED, FLOODING }

    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_POLICY = 1008;
    public static final int CLOSE_TRY_AGAIN_LATER = 1013;

    static final int FLOOD_LIMIT = 100;
    static final long FLOOD_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final Object PING = new Object();

    private final String id;
    private final ParleyPrincipal user;
    private final Channel channel;
    private final Transport transport;
    private final int queueLimit;

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private final TokenBucket rate;
    private final SlidingCounter rejections;
    private volatile long lastInboundNanos;

    public Connection(String id, ParleyPrincipal user, Channel channel, Transport transport,
                      int queueLimit, int ratePerSecond, int rateBurst, long nowNanos) {
        this.id = id;
        this.user = user;
        this.channel = channel;
        this.transport = transport;
        this.queueLimit = queueLimit;
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

    /** Queues a WebSocket ping, in order with the text frames. */
    public void ping() {
        enqueue(PING);
    }

    /** Closes the socket once; later sends are dropped. */
    public void close(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            queued.set(0);
            transport.close(code, reason);
        }
    }

    /** Marks that something (a frame or a pong) arrived. */
    public void touch(long nowNanos) {
        lastInboundNanos = nowNanos;
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
        queue.add(item);
        if (writing.compareAndSet(false, true)) {
            pump();
        }
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
                try {
                    transport.sendPing();
                } catch (IOException | RuntimeException e) {
                    close(CLOSE_GOING_AWAY, "write failed");
                }
                continue;
            }
            AtomicBoolean handOff = new AtomicBoolean();
            transport.sendText((String) next, failure -> {
                if (failure != null) {
                    close(CLOSE_GOING_AWAY, "write failed");
                }
                // Whoever gets here second continues the pump: the caller if this completed
                // synchronously, otherwise this completion callback.
                if (!handOff.compareAndSet(false, true)) {
                    pump();
                }
            });
            if (!handOff.compareAndSet(false, true)) {
                continue;
            }
            return;
        }
    }
}
