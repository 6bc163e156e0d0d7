package dev.parley.sockets;

import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.platform.ratelimit.SlidingCounter;
import dev.parley.platform.ratelimit.TokenBucket;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** What happens to an inbound frame under the rate limit. */
    public enum Admission { ADMITTED, LIMITED, FLOODING }

    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_POLICY = 1008;
    public static final int CLOSE_TOO_BIG = 1009;
    public static final int CLOSE_INTERNAL_ERROR = 1011;
    public static final int CLOSE_TRY_AGAIN_LATER = 1013;
    /** The credential the socket was opened with expired: get a new one and reconnect (application range). */
    public static final int CLOSE_CREDENTIALS_EXPIRED = 4001;

    static final int FLOOD_LIMIT = 100;
    static final long FLOOD_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

    static final long PING_EVERY_CHARS = 64 * 1024;

    private static final Object PING = new Object();

    /** A reply to the peer's own request: bounded by the rate limit, not by {@code queueLimit}. */
    private record Reply(String frame) {
    }

    /** Closes the socket when the writer reaches it: after everything queued before it. */
    private record Closing(int code, String reason) {
    }

    /** A queue slot for the latest value of a key; the frame itself waits in {@link #latest}. */
    private record Latest(String key) {
    }

    private final ConcurrentHashMap<String, String> latest = new ConcurrentHashMap<>();

    private final String id;
    private final ParleyPrincipal user;
    private final Channel channel;
    private final Transport transport;
    private final Executor writer;
    private final int queueLimit;
    private volatile Runnable closedHook = () -> { };

    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger repliesQueued = new AtomicInteger();
    private final int replyLimit;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Set once a close is queued behind the frames already waiting; nothing is queued after it. */
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long drainStartedNanos;

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
    public Connection(String id, ParleyPrincipal user, Channel channel, Transport transport, Executor writer,
                      int queueLimit, long windowChars, int ratePerSecond, int rateBurst, long nowNanos) {
        this.id = id;
        this.user = user;
        this.channel = channel;
        this.transport = transport;
        this.writer = writer;
        this.queueLimit = queueLimit;
        this.windowChars = windowChars;
        this.rate = new TokenBucket(ratePerSecond, rateBurst, nowNanos);
        // The rate limit already bounds how many requests can await their replies: a burst of admitted
        // frames plus the rejected ones (each answered rate_limited) before the socket counts as flooding.
        this.replyLimit = rateBurst + FLOOD_LIMIT + 16;
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

    /** Queues a serialised frame pushed to the peer (a message, a notification…); never blocks. */
    public void send(String frame) {
        enqueue(frame);
    }

    /**
     * Queues the reply to one of the peer's own frames (an ack, a pong, an error), in order with
     * everything else. Replies do not count against the queue limit, which is for pushes: a burst of
     * requests must get its answers, not a 1013. They are bounded by the rate limit instead; a peer
     * with more replies waiting than that allows (it floods and does not read) is closed with 1008.
     */
    public void reply(String frame) {
        if (closed.get() || closing.get()) {
            return;
        }
        if (repliesQueued.incrementAndGet() > replyLimit) {
            repliesQueued.decrementAndGet();
            close(CLOSE_POLICY, "too many requests awaiting replies");
            return;
        }
        queue.add(new Reply(frame));
        startWriting();
    }

    /**
     * Queues frames that the client asked for all at once (a resume's replay, bounded by the caller),
     * in order and regardless of the queue limit; the unacknowledged window still applies to what follows.
     */
    public void sendAll(List<String> frames) {
        if (closed.get() || closing.get() || frames.isEmpty()) {
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
        if (closed.get() || closing.get()) {
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
            repliesQueued.set(0);
            transport.close(code, reason);
            closedHook.run();
        }
    }

    /**
     * Closes the socket once the frames already queued are written, so that the peer reads the
     * answers (the {@code rate_limited} errors of a flood) before the close that explains them.
     * Frames queued later are dropped. A peer that does not read is still closed, by the write timeout.
     */
    public void closeAfterQueued(int code, String reason) {
        if (closed.get() || !closing.compareAndSet(false, true)) {
            return;
        }
        queueClose(code, reason);
    }

    private void queueClose(int code, String reason) {
        queue.add(new Closing(code, reason));
        startWriting();
    }

    /**
     * The peer floods: from now on its frames are dropped unread and get no answer. The socket is
     * closed by {@link #finishDrain} once they stop arriving, because closing a connection that still
     * has unread input resets it (TCP RST), and the peer would lose the answers and the close frame.
     *
     * @return true if this call started the drain
     */
    public boolean beginDrain(long nowNanos) {
        if (closed.get() || !closing.compareAndSet(false, true)) {
            return false;
        }
        drainStartedNanos = Math.max(1, nowNanos);
        return true;
    }

    /** True while a flooding peer's frames are being dropped before the close. */
    public boolean isDraining() {
        return drainStartedNanos != 0 && !closed.get();
    }

    /** When the drain began (0 when none did). */
    public long drainStartedNanos() {
        return drainStartedNanos;
    }

    /** Ends a drain: the close follows the answers already queued. */
    public void finishDrain(int code, String reason) {
        if (!closed.get()) {
            queueClose(code, reason);
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
        if (closed.get() || closing.get()) {
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

    /**
     * Runs only while holding the write permit ({@code writing == true}). Nothing a write throws
     * escapes it: a failure closes this socket (1011 for anything but an I/O error) and the writer
     * thread carries on with other sockets.
     */
    private void pump() {
        try {
            drain();
        } catch (RuntimeException | Error e) {
            writeStartedNanos = 0;
            writing.set(false);
            failed(e, true);
        }
    }

    private void drain() {
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
            if (next instanceof Reply) {
                repliesQueued.decrementAndGet();
            } else if (!(next instanceof Closing)) {
                queued.decrementAndGet();
            }
            if (closed.get()) {
                continue;
            }
            if (next instanceof Closing closing) {
                close(closing.code(), closing.reason());
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
            } else if (next instanceof Reply reply) {
                text = reply.frame();
            } else {
                text = (String) next;
            }
            written += text.length();
            AtomicBoolean handOff = new AtomicBoolean();
            writeStartedNanos = Math.max(1, System.nanoTime());
            transport.sendText(text, failure -> {
                writeStartedNanos = 0;
                if (failure != null) {
                    failed(failure, failure instanceof Error);
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

    /**
     * A write failed. A peer that went away (an I/O error, a session already closed) is routine; the
     * {@code unexpected} (an {@link Error} such as text the container could not encode, or a bug in
     * the pump) closes the socket with 1011.
     */
    private void failed(Throwable failure, boolean unexpected) {
        if (unexpected) {
            LOG.log(Level.WARNING, "Writing to socket " + id + " of " + user.username() + " failed; closing it", failure);
            close(CLOSE_INTERNAL_ERROR, "internal error");
        } else {
            LOG.log(Level.FINE, "Writing to socket " + id + " failed", failure);
            close(CLOSE_GOING_AWAY, "write failed");
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
