package dev.parley.testing;

import dev.parley.accounts.entity.CredentialKind;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.accounts.entity.Role;
import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.sockets.FrameSink;
import dev.parley.sockets.Transport;
import dev.parley.sockets.WireFrames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one in-memory {@link Transport} of the unit tests: it records what a {@link Connection} writes,
 * its pings and its close. By default every write completes at once on the caller's thread; a
 * {@link #manual()} transport holds each write until the test completes it (a peer that reads
 * slowly); text containing {@link #poisonedBy} throws an {@link Error} from the send itself, the way
 * Tyrus reports text it cannot encode. A {@link #rawFrames()} transport takes whole frames instead,
 * as Tyrus's raw writer does; it decodes each write back into texts and pings and records how many
 * frames each write carried.
 */
public final class FakeTransport implements Transport {

    private final boolean manual;
    private final FrameSink sink;
    private final List<Integer> framesPerWrite = Collections.synchronizedList(new ArrayList<>());
    private final Queue<CompletableFuture<Void>> heldWrites = new ConcurrentLinkedQueue<>();
    private volatile boolean holdWrites;
    private volatile RuntimeException failWrites;
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> pings = Collections.synchronizedList(new ArrayList<>());
    private final Queue<Consumer<Throwable>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int maxInFlight;
    private volatile Integer closedWith;
    private volatile String poisonedBy;

    private FakeTransport(boolean manual) {
        this(manual, null);
    }

    private FakeTransport(boolean manual, WireFrames wire) {
        this.manual = manual;
        this.sink = wire == null ? null : new FrameSink() {
            @Override
            public byte[] textFrame(String text) {
                return wire.text(text);
            }

            @Override
            public Future<?> write(ByteBuffer frames) {
                if (failWrites != null) {
                    throw failWrites;
                }
                framesPerWrite.add(decode(frames));
                CompletableFuture<Void> done = new CompletableFuture<>();
                if (holdWrites) {
                    heldWrites.add(done);
                } else {
                    done.complete(null);
                }
                return done;
            }
        };
    }

    /** Takes raw frames (encoded with {@code wire}), completing each write at once unless {@link #holdWrites}. */
    public static FakeTransport rawFrames(WireFrames wire) {
        return new FakeTransport(false, wire);
    }

    @Override
    public FrameSink frames() {
        return sink;
    }

    /** Raw writes from now on stay in the "server's queue" (not done) until {@link #releaseWrites}. */
    public void holdWrites(boolean hold) {
        holdWrites = hold;
    }

    /** Completes every held raw write. */
    public void releaseWrites() {
        for (CompletableFuture<Void> held = heldWrites.poll(); held != null; held = heldWrites.poll()) {
            held.complete(null);
        }
    }

    /** Makes every raw write from now on throw {@code failure}, as a closed socket's does. */
    public void failWrites(RuntimeException failure) {
        failWrites = failure;
    }

    /** How many frames each raw write carried, in order. */
    public List<Integer> framesPerWrite() {
        synchronized (framesPerWrite) {
            return List.copyOf(framesPerWrite);
        }
    }

    /** Splits a raw write into its frames (server frames: final, unmasked) and records them; returns their number. */
    private int decode(ByteBuffer frames) {
        ByteBuffer in = frames.duplicate();
        int count = 0;
        while (in.hasRemaining()) {
            int first = in.get() & 0xFF;
            int second = in.get() & 0xFF;
            if ((first & 0x80) == 0 || (second & 0x80) != 0) {
                throw new AssertionError("not a final unmasked frame: " + Integer.toHexString(first) + " " + Integer.toHexString(second));
            }
            long length = second & 0x7F;
            if (length == 126) {
                length = in.getShort() & 0xFFFF;
            } else if (length == 127) {
                length = in.getLong();
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            switch (first & 0x0F) {
                case 0x1 -> written.add(new String(payload, StandardCharsets.UTF_8));
                case 0x9 -> pings.add(ByteBuffer.wrap(payload).getLong());
                default -> throw new AssertionError("unexpected opcode " + (first & 0x0F));
            }
            count++;
        }
        return count;
    }

    /** Completes every write at once. */
    public static FakeTransport instant() {
        return new FakeTransport(false);
    }

    /** Holds every write until {@link #completeOne()}. */
    public static FakeTransport manual() {
        return new FakeTransport(true);
    }

    /** Makes a send of text containing {@code marker} throw an {@link Error}. */
    public FakeTransport poisonedBy(String marker) {
        this.poisonedBy = marker;
        return this;
    }

    /** A connection of {@code user} on this transport, written on the caller's thread. */
    public Connection connection(String id, String user, Channel channel, int queueLimit) {
        return connection(id, user, channel, queueLimit, Runnable::run);
    }

    public Connection connection(String id, String user, Channel channel, int queueLimit, Executor writer) {
        return new Connection(id, new ParleyPrincipal(user, Set.of(Role.USER), "cred", CredentialKind.TOKEN, Instant.MAX), channel, this,
                writer, queueLimit, 1 << 20, 20, 40, 0);
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        if (poisonedBy != null && text.contains(poisonedBy)) {
            throw new Error("MalformedInputException: Input length = 1");
        }
        written.add(text);
        if (manual) {
            maxInFlight = Math.max(maxInFlight, inFlight.incrementAndGet());
            pending.add(done);
        } else {
            done.accept(null);
        }
    }

    /** Completes the oldest held write; false when none is held. */
    public boolean completeOne() {
        Consumer<Throwable> done = pending.poll();
        if (done == null) {
            return false;
        }
        inFlight.decrementAndGet();
        done.accept(null);
        return true;
    }

    @Override
    public void sendPing(long mark) {
        pings.add(mark);
    }

    @Override
    public void close(int code, String reason) {
        closedWith = code;
    }

    /** Everything written so far, in order. */
    public List<String> written() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    /** The marks of the pings sent so far. */
    public List<Long> pings() {
        synchronized (pings) {
            return List.copyOf(pings);
        }
    }

    /** The close code, or null while open. */
    public Integer closedWith() {
        return closedWith;
    }

    public int maxInFlight() {
        return maxInFlight;
    }
}
