package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.error.ParleyException;
import dev.parley.testing.PlainThreads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Read marks: batches form while a commit runs, a refused mark is answered alone, a failed commit answers every mark. */
class ReadMarksTest {

    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private final LinkedBlockingQueue<String> answered = new LinkedBlockingQueue<>();
    private volatile Function<List<ReadMarks.Mark>, List<Exception>> database = marks -> Collections.nCopies(marks.size(), null);
    private final ReadMarks reads = new ReadMarks();

    ReadMarksTest() {
        reads.threads = new PlainThreads();
        reads.store = new MessageStore() {
            @Override
            public List<Exception> markAllRead(List<ReadMarks.Mark> marks) {
                batchSizes.add(marks.size());
                return database.apply(marks);
            }
        };
        reads.start();
    }

    @AfterEach
    void stop() {
        reads.stop();
    }

    private ReadMarks.Mark mark(long seq) {
        return new ReadMarks.Mark("bob", ConversationId.room("ops"), seq, "socket", failure -> answered.add(seq + ":" + failure.getMessage()));
    }

    @Test
    void marksThatQueueDuringACommitShareTheNextAndOnlyRefusedOnesAreAnswered() throws Exception {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        database = marks -> {
            if (marks.get(0).seq() == 1) {
                inFirst.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            List<Exception> refusals = new ArrayList<>();
            marks.forEach(mark -> refusals.add(mark.seq() == 99 ? ParleyException.badRequest("too far") : null));
            return refusals;
        };
        reads.submit(mark(1));
        assertTrue(inFirst.await(10, TimeUnit.SECONDS), "a lone mark is committed at once");
        for (long seq = 2; seq <= 30; seq++) {
            reads.submit(mark(seq == 30 ? 99 : seq));
        }
        release.countDown();
        // The refused mark is the last of its batch, and a batch is answered in order: the first answer
        // being that one shows that the 28 accepted marks before it got none.
        assertEquals("99:too far", answered.poll(10, TimeUnit.SECONDS));
        assertEquals(List.of(), new ArrayList<>(answered));
        assertEquals(List.of(1, 29), batchSizes, "the 29 that queued during the first commit went in one");
    }

    @Test
    void aFailedCommitAnswersEveryMarkOfItsBatch() throws Exception {
        database = marks -> {
            throw new IllegalStateException("database away");
        };
        reads.submit(mark(3));
        assertEquals("3:database away", answered.poll(10, TimeUnit.SECONDS));
        database = marks -> List.of(ParleyException.forbidden("not a member"));
        reads.submit(mark(4));
        assertEquals("4:not a member", answered.poll(10, TimeUnit.SECONDS), "the thread goes on after a failure");
    }
}
