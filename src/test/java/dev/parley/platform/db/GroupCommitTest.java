package dev.parley.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.testing.PlainThreads;
import dev.parley.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batching thread: what queues during a commit shares the next, refusals and failures are answered, and it never dies. */
class GroupCommitTest {

    private final List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    private final LinkedBlockingQueue<String> answered = new LinkedBlockingQueue<>();
    private final CountDownLatch inFirst = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Function<List<Integer>, List<Exception>> store = this::holdTheFirst;
    private final GroupCommit<Integer> commits = new GroupCommit<>("test-commits", 10, 4, new PlainThreads(),
            GroupCommit.Committer.refusing(items -> {
                batches.add(List.copyOf(items));
                return store.apply(items);
            }, (item, refusal) -> answered.add(item + ":" + refusal.getMessage())));

    @AfterEach
    void stop() {
        release.countDown();
        commits.stop();
    }

    private List<Exception> holdTheFirst(List<Integer> items) {
        if (items.get(0) == 0) {
            inFirst.countDown();
            await(release);
        }
        List<Exception> refusals = new ArrayList<>();
        items.forEach(item -> refusals.add(item % 5 == 3 ? ParleyException.badRequest("odd one") : null));
        return refusals;
    }

    @Test
    void whatQueuesDuringACommitGoesInTheNextUpToTheLimitAndOnlyRefusalsAreAnswered() throws Exception {
        commits.submit(0, "busy");
        assertTrue(inFirst.await(10, TimeUnit.SECONDS), "a lone item is committed at once");
        for (int i = 1; i <= 9; i++) {
            commits.submit(i, "busy");
        }
        release.countDown();
        assertEquals("3:odd one", answered.poll(10, TimeUnit.SECONDS));
        assertEquals("8:odd one", answered.poll(10, TimeUnit.SECONDS));
        waitFor(() -> batches.size() == 4);
        assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4), List.of(5, 6, 7, 8), List.of(9)), batches);
        assertEquals(List.of(), new ArrayList<>(answered), "accepted items get no answer");
    }

    @Test
    void aFullQueueRefusesWithUnavailableAndStoppingAnswersWhatIsLeft() throws Exception {
        commits.submit(0, "busy");
        assertTrue(inFirst.await(10, TimeUnit.SECONDS));
        for (int i = 1; i <= 10; i++) {
            commits.submit(i, "busy");
        }
        long before = System.nanoTime();
        assertFalse(commits.offer(11), "offer refuses at once when the queue is full");
        assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(1), "without waiting for room");
        ParleyException full = assertThrows(ParleyException.class, () -> commits.submit(11, "busy storing"));
        assertEquals(ErrorCode.UNAVAILABLE, full.code());
        assertEquals("busy storing", full.getMessage());

        commits.stop();
        release.countDown();
        List<String> left = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            left.add(answered.poll(10, TimeUnit.SECONDS));
        }
        assertTrue(left.stream().allMatch(answer -> answer.endsWith(":the server is stopping; try again")), left.toString());
        assertEquals(ErrorCode.UNAVAILABLE, assertThrows(ParleyException.class, () -> commits.submit(12, "busy")).code());
    }

    @Test
    void aFailedCommitAnswersItsWholeBatchAndTheThreadOutlivesErrorsAndStrayInterrupts() throws Exception {
        release.countDown();
        store = items -> {
            throw new IllegalStateException("database away");
        };
        commits.submit(1, "busy");
        assertEquals("1:database away", answered.poll(10, TimeUnit.SECONDS));
        store = items -> {
            throw new StackOverflowError("deep in a driver");
        };
        commits.submit(2, "busy");
        assertEquals("2:it could not be stored; try again", answered.poll(10, TimeUnit.SECONDS));
        store = items -> {
            Thread.currentThread().interrupt();
            return Collections.nCopies(items.size(), null);
        };
        commits.submit(4, "busy");
        waitFor(() -> batches.size() == 3);
        store = items -> List.of(ParleyException.forbidden("still here"));
        commits.submit(6, "busy");
        assertEquals("6:still here", answered.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void awaitCommittedReturnsOnceTheKeysItemsAreCommitted() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        GroupCommit<String> keyed = new GroupCommit<>("keyed-commits", 10, 4, new PlainThreads(),
                GroupCommit.Committer.refusing(items -> {
                    await(hold);
                    return Collections.nCopies(items.size(), null);
                }, (item, refusal) -> answered.add(item)), item -> item.substring(0, 1));
        try {
            assertTrue(keyed.awaitCommitted("a", Duration.ofSeconds(1)), "nothing queued");
            keyed.submit("a1", "busy");
            keyed.submit("a2", "busy");
            assertTrue(keyed.awaitCommitted("b", Duration.ofSeconds(1)), "b has nothing in flight");
            assertFalse(keyed.awaitCommitted("a", Duration.ofMillis(200)), "a1 is still being committed");
            hold.countDown();
            assertTrue(keyed.awaitCommitted("a", Duration.ofSeconds(10)));
        } finally {
            hold.countDown();
            keyed.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(BooleanSupplier condition) {
        assertTrue(Poll.until(Duration.ofSeconds(10), condition), "not within 10 s");
    }
}
