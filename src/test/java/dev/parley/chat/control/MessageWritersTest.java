package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.control.MessageSender.Outcome;
import dev.parley.chat.control.MessageSender.Pending;
import dev.parley.chat.control.MessageSender.Stored;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.config.MapConfig;
import dev.parley.platform.config.Settings;
import dev.parley.platform.db.DatabaseTarget;
import dev.parley.platform.db.DiskSync;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.testing.PlainThreads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Group commit: batches form while a commit runs, a lone send goes at once, and one bad send fails alone. */
class MessageWritersTest {

    private static final ConversationId ROOM = ConversationId.room("general");

    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final LinkedBlockingQueue<Outcome> completed = new LinkedBlockingQueue<>();
    private volatile Function<List<Pending>, List<Outcome>> database = MessageWritersTest::storeAll;
    private final MessageWriters writers = new MessageWriters();
    /** The number of commits so far at each sync; null while syncing is off. */
    private volatile List<Integer> syncs;
    private volatile boolean syncFails;

    MessageWritersTest() {
        writers.threads = new PlainThreads();
        writers.settings = Settings.from(new MapConfig(Map.of()));
        writers.batches = new MessageBatch() {
            @Override
            public List<Outcome> commit(List<Pending> sends) {
                batchSizes.add(sends.size());
                return database.apply(sends);
            }
        };
        writers.disk = new DiskSync() {
            @Override
            public boolean enabled() {
                return syncs != null;
            }

            @Override
            public synchronized void sync() {
                syncs.add(batchSizes.size());
                if (syncFails) {
                    throw new IllegalStateException("disk full");
                }
            }
        };
        writers.sender = new MessageSender() {
            @Override
            void completed(Outcome outcome) {
                completed.add(outcome);
            }
        };
        writers.start();
    }

    @AfterEach
    void stop() {
        writers.stop();
    }

    private static List<Outcome> storeAll(List<Pending> sends) {
        return sends.stream().map(send -> Outcome.stored(send, new Stored(null, false))).toList();
    }

    private static Pending send(String clientMsgId) {
        return new Pending("alice", ROOM, "hello", clientMsgId, List.of(), null);
    }

    private List<String> takeCompleted(int count) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Outcome outcome = completed.poll(10, TimeUnit.SECONDS);
            if (outcome == null) {
                throw new AssertionError("only " + ids + " completed within 10 s");
            }
            ids.add(outcome.send().clientMsgId() + (outcome.failure() == null ? "" : ":failed"));
        }
        return ids;
    }

    @Test
    void aLoneSendCommitsAtOnceAndSendsThatQueuedDuringACommitShareTheNext() throws Exception {
        CountDownLatch inFirstCommit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database = sends -> {
            if (sends.get(0).clientMsgId().equals("first")) {
                inFirstCommit.countDown();
                await(release);
            }
            return storeAll(sends);
        };
        writers.submit(send("first"));
        assertTrue(inFirstCommit.await(10, TimeUnit.SECONDS), "a lone send is committed without waiting for company");
        for (int i = 0; i < 50; i++) {
            writers.submit(send("m" + i));
        }
        release.countDown();
        List<String> expected = new ArrayList<>(List.of("first"));
        for (int i = 0; i < 50; i++) {
            expected.add("m" + i);
        }
        assertEquals(expected, takeCompleted(51), "completed in the order they were sent");
        assertEquals(List.of(1, 50), batchSizes, "the 50 that queued during the first commit went in one");
    }

    @Test
    void aBatchThatFailsIsStoredOneByOneSoOnlyTheBadSendFails() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database = sends -> {
            if (sends.get(0).clientMsgId().equals("hold")) {
                holding.countDown();
                await(release);
                return storeAll(sends);
            }
            if (sends.stream().anyMatch(send -> send.clientMsgId().equals("bad"))) {
                throw new IllegalStateException("a constraint nobody expected");
            }
            return storeAll(sends);
        };
        writers.submit(send("hold"));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        writers.submit(send("a"));
        writers.submit(send("bad"));
        writers.submit(send("b"));
        release.countDown();
        assertEquals(List.of("hold", "a", "bad:failed", "b"), takeCompleted(4));
        assertEquals(List.of(1, 3, 1, 1, 1), batchSizes, "the batch of three, then each alone");
    }

    @Test
    void whenTheDatabaseIsAwayEverySendOfTheBatchFailsWithThatWithoutRetries() throws Exception {
        SQLException away = new SQLException("Connection refused", "08001");
        database = sends -> {
            throw new IllegalStateException(away);
        };
        writers.submit(send("x"));
        Outcome outcome = completed.poll(10, TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, outcome.failure());
        assertSame(away, outcome.failure().getCause());
        assertEquals(List.of(1), batchSizes);
    }

    @Test
    void aRefusedSendIsAnsweredWithItsReasonAndTheOthersOfItsBatchAreStored() throws Exception {
        database = sends -> sends.stream()
                .map(send -> send.clientMsgId().equals("stranger")
                        ? Outcome.failed(send, ParleyException.forbidden("you are not a member"))
                        : Outcome.stored(send, new Stored(null, false)))
                .toList();
        writers.submit(send("one"));
        writers.submit(send("stranger"));
        writers.submit(send("two"));
        assertEquals(List.of("one", "stranger:failed", "two"), takeCompleted(3));
    }

    @Test
    void aWriterOutlivesAnErrorInItsCommitAndAStrayInterrupt() throws Exception {
        database = sends -> {
            if (sends.get(0).clientMsgId().equals("boom")) {
                throw new StackOverflowError("deep in a driver");
            }
            if (sends.get(0).clientMsgId().equals("interrupt")) {
                Thread.currentThread().interrupt();
            }
            return storeAll(sends);
        };
        writers.submit(send("boom"));
        assertEquals(List.of("boom:failed"), takeCompleted(1), "answered, not left waiting");
        writers.submit(send("interrupt"));
        assertEquals(List.of("interrupt"), takeCompleted(1));
        writers.submit(send("after"));
        assertEquals(List.of("after"), takeCompleted(1), "the same writer still takes sends");
    }

    @Test
    void withDiskSyncEachBatchIsSyncedOnceBeforeItsAcksAndAFailedSyncFailsItsSends() throws Exception {
        syncs = Collections.synchronizedList(new ArrayList<>());
        writers.submit(send("one"));
        assertEquals(List.of("one"), takeCompleted(1));
        assertEquals(List.of(1), syncs, "synced after the first commit, before the ack");

        database = sends -> sends.stream()
                .map(send -> send.clientMsgId().equals("refused") ? Outcome.failed(send, ParleyException.forbidden("no"))
                        : Outcome.stored(send, new Stored(null, false)))
                .toList();
        writers.submit(send("refused"));
        assertEquals(List.of("refused:failed"), takeCompleted(1));
        assertEquals(List.of(1), syncs, "a batch that stored nothing needs no sync");

        syncFails = true;
        writers.submit(send("unsynced"));
        Outcome outcome = completed.poll(10, TimeUnit.SECONDS);
        assertEquals("unsynced", outcome.send().clientMsgId());
        assertEquals(ErrorCode.UNAVAILABLE, ((ParleyException) outcome.failure()).code(), "told to send again, which finds it stored");
    }

    @Test
    void h2GetsAWriterPerCoreAndPostgresqlTwiceAsMany() {
        assertEquals(2, MessageWriters.writerCount(DatabaseTarget.Kind.H2, 1));
        assertEquals(2, MessageWriters.writerCount(DatabaseTarget.Kind.H2, 2));
        assertEquals(8, MessageWriters.writerCount(DatabaseTarget.Kind.H2, 32));
        assertEquals(4, MessageWriters.writerCount(DatabaseTarget.Kind.POSTGRESQL, 2));
        assertEquals(12, MessageWriters.writerCount(DatabaseTarget.Kind.POSTGRESQL, 6));
        assertEquals(16, MessageWriters.writerCount(DatabaseTarget.Kind.POSTGRESQL, 32));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
