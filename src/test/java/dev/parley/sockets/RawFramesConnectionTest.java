package dev.parley.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.accounts.entity.CredentialKind;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.accounts.entity.Role;
import dev.parley.testing.FakeTransport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A connection over a transport with raw frames (Tyrus): written on the queuing thread, whatever
 * queued in one write, pings in place with the same marks, the same bounds as the standard path.
 */
class RawFramesConnectionTest {

    private static final ParleyPrincipal ALICE = new ParleyPrincipal("alice", Set.of(Role.USER), "cred", CredentialKind.TOKEN, Instant.MAX);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final WireFrames wire = new WireFrames();
    private final FakeTransport transport = FakeTransport.rawFrames(wire);

    /** The writer executor fails the test if used: raw frames never need a writer thread. */
    private Connection connection(int queueLimit) {
        return new Connection("s1", ALICE, Channel.CHAT, transport, task -> {
            throw new AssertionError("a raw-frame connection handed a write to a writer thread");
        }, queueLimit, 1024 * 1024, 20, 40, 0);
    }

    @Test
    void eachFrameIsWrittenAtOnceOnTheQueuingThreadWithPingsInPlace() {
        Connection connection = connection(16);
        connection.send("a");
        connection.heartbeat();
        connection.reply("b");
        assertEquals(List.of("a", "b"), transport.written());
        assertEquals(List.of(1L), transport.pings(), "the heartbeat's ping carries the characters written before it");
        assertEquals(List.of(1, 1, 1), transport.framesPerWrite());
        assertEquals(0, connection.backlog());
    }

    @Test
    void whatQueuedTogetherGoesOutInOneWrite() {
        Connection connection = connection(16);
        connection.sendAll(List.of("one", "two", "three"));
        assertEquals(List.of("one", "two", "three"), transport.written());
        assertEquals(List.of(3), transport.framesPerWrite());
    }

    @Test
    void largeBacklogsAreSplitIntoBoundedWritesInOrderWithPingsEvery64KCharacters() {
        Connection connection = connection(1000);
        List<String> frames = IntStream.range(0, 20).mapToObj(i -> (char) ('a' + i) + "x".repeat(16 * 1024 - 1)).toList();
        connection.sendAll(frames); // 20 frames of 16 K characters, 16,388 bytes each with the header
        assertEquals(frames, transport.written());
        assertEquals(List.of(64L * 1024, 128L * 1024, 192L * 1024, 256L * 1024, 320L * 1024), transport.pings(),
                "a ping after every 64 K characters, marked with the characters written");
        assertTrue(transport.framesPerWrite().size() >= 7, "three frames fit in 64 KiB, not four: " + transport.framesPerWrite());
        assertTrue(transport.framesPerWrite().stream().allMatch(n -> n <= 4), "each write at most 64 KiB: " + transport.framesPerWrite());
    }

    @Test
    void aBroadcastIsEncodedOnceForEverySocket() {
        String frame = "{\"type\":\"message\",\"text\":\"héllo\"}";
        byte[] first = wire.text(frame);
        assertTrue(first == wire.text(frame), "the same string gives the same bytes, not a second encoding");
        assertFalse(first == wire.text(new String(frame)), "an equal string of its own is encoded again");
        Connection a = connection(16);
        a.send(frame);
        assertEquals(List.of(frame), transport.written(), "the frame decodes to the text");
    }

    @Test
    void aWriteStillInTheServersQueueAfterTheTimeoutIsAStall() {
        Connection connection = connection(16);
        connection.send("a");
        long timeout = 2 * SECOND;
        assertFalse(connection.writeStalled(System.nanoTime() + 10 * timeout, timeout), "a completed write never stalls");
        transport.holdWrites(true);
        long started = System.nanoTime();
        connection.send("b");
        connection.send("c");
        assertFalse(connection.writeStalled(started + timeout / 2, timeout));
        assertTrue(connection.writeStalled(System.nanoTime() + timeout + SECOND, timeout), "the bytes never left the server");
        transport.releaseWrites();
        assertFalse(connection.writeStalled(System.nanoTime() + 10 * timeout, timeout), "drained: no longer stalled");
        assertEquals(List.of("a", "b", "c"), transport.written(), "writes do not wait for earlier ones to drain");
    }

    @Test
    void aPeerThatAcknowledgesNothingOfAWindowIsClosedWith1013() {
        Connection connection = connection(100_000);
        String frame = "x".repeat(16 * 1024);
        for (int i = 0; i < 65; i++) {
            connection.send(frame);
        }
        assertNull(transport.closedWith());
        connection.send(frame);
        assertEquals(1013, transport.closedWith());
        connection.acknowledge(transport.pings().get(transport.pings().size() - 1), 0);
        assertTrue(connection.isClosed(), "closed for good");
    }

    @Test
    void aFailedWriteClosesTheSocketAsGone() {
        Connection connection = connection(16);
        transport.failWrites(new IllegalStateException("Socket is not connected."));
        connection.send("a");
        assertEquals(1001, transport.closedWith());
        connection.send("b");
        assertEquals(List.of(), transport.written());
    }

    @Test
    void closingAfterQueuedWritesTheAnswersFirst() {
        Connection connection = connection(16);
        transport.holdWrites(true);
        connection.reply("answer");
        connection.closeAfterQueued(1008, "flooding");
        assertEquals(List.of("answer"), transport.written());
        assertEquals(1008, transport.closedWith());
    }

    @Test
    void concurrentSendersNeverOverlapWritesAndLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 5_000;
        AtomicBoolean overlap = new AtomicBoolean();
        AtomicBoolean inWrite = new AtomicBoolean();
        FrameSink counting = transport.frames();
        Connection watched = new Connection("s2", ALICE, Channel.CHAT, new Transport() {
            @Override
            public void sendText(String text, java.util.function.Consumer<Throwable> done) {
                throw new AssertionError("not used with raw frames");
            }

            @Override
            public void sendPing(long mark) {
                throw new AssertionError("not used with raw frames");
            }

            @Override
            public void close(int code, String reason) {
                transport.close(code, reason);
            }

            @Override
            public FrameSink frames() {
                return new FrameSink() {
                    @Override
                    public byte[] textFrame(String text) {
                        return counting.textFrame(text);
                    }

                    @Override
                    public Future<?> write(java.nio.ByteBuffer frames) {
                        if (!inWrite.compareAndSet(false, true)) {
                            overlap.set(true);
                        }
                        try {
                            return counting.write(frames);
                        } finally {
                            inWrite.set(false);
                        }
                    }
                };
            }
        }, Runnable::run, 1_000_000, 1L << 40, 20, 40, 0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            senders.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    watched.send(id + ":" + i);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> sender : senders) {
            sender.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertFalse(overlap.get(), "two threads wrote to the socket at once");
        assertEquals(threads * perThread, transport.written().size());
        int[] last = new int[threads];
        java.util.Arrays.fill(last, -1);
        for (String frame : transport.written()) {
            String[] parts = frame.split(":");
            int sender = Integer.parseInt(parts[0]);
            assertEquals(last[sender] + 1, Integer.parseInt(parts[1]), "each sender's frames keep their order");
            last[sender] = Integer.parseInt(parts[1]);
        }
        assertNull(transport.closedWith());
    }
}
