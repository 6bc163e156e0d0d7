package dev.parley.testing;

import dev.parley.accounts.entity.CredentialKind;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.accounts.entity.Role;
import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.sockets.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The one in-memory {@link Transport} of the unit tests: it records what a {@link Connection} writes,
 * its pings and its close. By default every write completes at once on the caller's thread; a
 * {@link #manual()} transport holds each write until the test completes it (a peer that reads
 * slowly); text containing {@link #poisonedBy} throws an {@link Error} from the send itself, the way
 * Tyrus reports text it cannot encode.
 */
public final class FakeTransport implements Transport {

    private final boolean manual;
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> pings = Collections.synchronizedList(new ArrayList<>());
    private final Queue<Consumer<Throwable>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile int maxInFlight;
    private volatile Integer closedWith;
    private volatile String poisonedBy;

    private FakeTransport(boolean manual) {
        this.manual = manual;
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
