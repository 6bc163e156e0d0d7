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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ConnectionTest {

    private static final ParleyPrincipal ALICE = new ParleyPrincipal("alice", Set.of(Role.USER), "cred", CredentialKind.TOKEN, Instant.MAX);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long WINDOW = 1024 * 1024;



    private static Connection connection(Transport transport, int queueLimit) {
        return new Connection("s1", ALICE, Channel.CHAT, transport, Runnable::run, queueLimit, WINDOW, 20, 40, 0);
    }

    @Test
    void writesFramesInOrderWithPingsInPlace() {
        FakeTransport transport = FakeTransport.instant();
        Connection connection = connection(transport, 16);
        connection.send("a");
        connection.heartbeat();
        connection.send("b");
        assertEquals(List.of("a", "b"), transport.written());
        assertEquals(1, transport.pings().size());
        assertEquals(0, connection.backlog());
    }

    @Test
    void synchronousCompletionsDoNotRecurse() {
        FakeTransport transport = FakeTransport.instant();
        Connection connection = connection(transport, 100_000);
        for (int i = 0; i < 50_000; i++) {
            connection.send(Integer.toString(i));
        }
        assertEquals(50_000, transport.written().size());
        assertEquals("49999", transport.written().get(49_999));
    }

    @Test
    void onlyOneWriteIsInFlightAndTheRestQueue() {
        FakeTransport transport = FakeTransport.manual();
        Connection connection = connection(transport, 16);
        connection.send("a");
        connection.send("b");
        connection.send("c");
        assertEquals(List.of("a"), transport.written());
        assertEquals(2, connection.backlog());
        assertTrue(transport.completeOne());
        assertEquals(List.of("a", "b"), transport.written());
        assertTrue(transport.completeOne());
        assertTrue(transport.completeOne());
        assertEquals(List.of("a", "b", "c"), transport.written());
        assertFalse(transport.completeOne());
        assertEquals(1, transport.maxInFlight());
    }

    @Test
    void aPeerThatFallsTooFarBehindIsClosedWith1013() {
        FakeTransport transport = FakeTransport.manual();
        Connection connection = connection(transport, 16);
        for (int i = 0; i < 17; i++) {
            connection.send("frame " + i);
        }
        assertNull(transport.closedWith(), "one in flight plus 16 queued fits");
        connection.send("one too many");
        assertEquals(1013, transport.closedWith());
        assertTrue(connection.isClosed());
        assertEquals(0, connection.backlog());
        connection.send("after close");
        while (transport.completeOne()) {
            // drain
        }
        assertEquals(1, transport.written().size(), "nothing is written after the close");
    }

    @Test
    void concurrentSendersNeverOverlapWritesAndLoseNothing() throws Exception {
        FakeTransport transport = FakeTransport.manual();
        Connection connection = connection(transport, 1_000_000);
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int id = t;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < perThread; i++) {
                    connection.send(id + ":" + i);
                }
                return null;
            });
        }
        start.countDown();
        long deadline = System.nanoTime() + 30 * SECOND;
        while (System.nanoTime() < deadline) {
            if (!transport.completeOne() && transport.written().size() == threads * perThread) {
                break;
            }
        }
        pool.shutdownNow();
        assertEquals(threads * perThread, transport.written().size());
        assertEquals(1, transport.maxInFlight());
        // Each sender's frames keep their order.
        int[] last = new int[threads];
        java.util.Arrays.fill(last, -1);
        for (String frame : transport.written()) {
            String[] parts = frame.split(":");
            int sender = Integer.parseInt(parts[0]);
            int seq = Integer.parseInt(parts[1]);
            assertEquals(last[sender] + 1, seq);
            last[sender] = seq;
        }
    }

    @Test
    void rateLimitAdmitsTheBurstThenLimitsThenReportsFlooding() {
        Connection connection = connection(FakeTransport.instant(), 16);
        for (int i = 0; i < 40; i++) {
            assertEquals(Connection.Admission.ADMITTED, connection.admit(0));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(Connection.Admission.LIMITED, connection.admit(1));
        }
        assertEquals(Connection.Admission.FLOODING, connection.admit(2));
        assertEquals(Connection.Admission.ADMITTED, connection.admit(SECOND));
    }

    @Test
    void admittingAFrameCountsAsLifeForTheHeartbeat() {
        Connection connection = connection(FakeTransport.instant(), 16);
        connection.admit(5 * SECOND);
        assertEquals(5 * SECOND, connection.lastInboundNanos());
        connection.touch(7 * SECOND);
        assertEquals(7 * SECOND, connection.lastInboundNanos());
    }

    @Test
    void pingsCarryTheCharactersWrittenAndAPeerThatNeverPongsIsClosed() {
        FakeTransport transport = FakeTransport.instant();
        Connection connection = connection(transport, 100_000);
        String frame = "x".repeat(16 * 1024);
        connection.heartbeat();
        assertEquals(List.of(0L), transport.pings());
        for (int i = 0; i < 4; i++) {
            connection.send(frame);
        }
        assertEquals(List.of(0L, 65536L), transport.pings(), "a ping after every 64 K characters written");
        for (int i = 0; i < 61; i++) {
            connection.send(frame);
        }
        assertNull(transport.closedWith(), "a frame may start while at most a window is unacknowledged");
        connection.send(frame);
        assertEquals(1013, transport.closedWith(), "a peer that acknowledged nothing of a whole window is too slow");
    }

    @Test
    void pongsMoveTheWindow() {
        FakeTransport transport = FakeTransport.instant();
        Connection connection = connection(transport, 100_000);
        String frame = "x".repeat(16 * 1024);
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 32; i++) {
                connection.send(frame);
            }
            long mark = transport.pings().get(transport.pings().size() - 1);
            connection.acknowledge(mark, 0);
            assertEquals(0, connection.unacknowledged());
        }
        assertNull(transport.closedWith(), "a peer that keeps reading is never too slow, however much it gets");
        connection.acknowledge(Long.MAX_VALUE, 0);
        assertEquals(0, connection.unacknowledged(), "a pong cannot acknowledge what was never written");
    }

    @Test
    void latestValuesReplaceWhatIsStillWaiting() {
        FakeTransport transport = FakeTransport.manual();
        Connection connection = connection(transport, 16);
        connection.send("in flight");
        connection.sendLatest("prices:ACME", "acme 1");
        connection.sendLatest("prices:ACME", "acme 2");
        connection.sendLatest("prices:INIT", "init 1");
        connection.sendLatest("prices:ACME", "acme 3");
        assertEquals(2, connection.backlog(), "one slot per key");
        while (transport.completeOne()) {
            // drain
        }
        assertEquals(List.of("in flight", "acme 3", "init 1"), transport.written());
        connection.sendLatest("prices:ACME", "acme 4");
        transport.completeOne();
        assertEquals("acme 4", transport.written().get(3), "after a write, a new value takes a new slot");
    }

    @Test
    void closesOnlyOnce() {
        FakeTransport transport = FakeTransport.instant();
        Connection connection = connection(transport, 16);
        connection.close(1008, "logged out");
        connection.close(1001, "shutdown");
        assertEquals(1008, transport.closedWith());
    }


    @Test
    void anErrorFromAWriteClosesThatSocketWith1011AndTheWriterCarriesOn() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            FakeTransport poisoned = FakeTransport.instant().poisonedBy("poison");
            FakeTransport healthy = FakeTransport.instant();
            Connection first = new Connection("s1", ALICE, Channel.CHAT, poisoned, writer, 16, WINDOW, 20, 40, 0);
            Connection second = new Connection("s2", ALICE, Channel.CHAT, healthy, writer, 16, WINDOW, 20, 40, 0);
            first.send("before");
            first.send("poison");
            first.send("after");
            second.send("other socket");
            writer.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertEquals(1011, poisoned.closedWith());
            assertTrue(first.isClosed());
            assertEquals(List.of("before"), poisoned.written());
            assertEquals(List.of("other socket"), healthy.written(), "the same writer thread served the other socket");
            second.send("still");
            writer.submit(() -> { }).get(5, TimeUnit.SECONDS);
            assertEquals(List.of("other socket", "still"), healthy.written());
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void repliesToABurstAreNotASlowConsumerButTooManyWaitingIsAPolicyClose() {
        FakeTransport transport = FakeTransport.manual();
        Connection connection = connection(transport, 16);
        for (int i = 0; i < 40 + Connection.FLOOD_LIMIT; i++) {
            connection.reply("pong " + i);
        }
        assertFalse(connection.isClosed(), "a burst's replies wait beyond the push queue limit");
        for (int i = 0; i < 20; i++) {
            connection.reply("more " + i);
        }
        assertTrue(connection.isClosed());
        assertEquals(1008, transport.closedWith(), "a peer that floods and does not read is closed by policy");
    }
}
