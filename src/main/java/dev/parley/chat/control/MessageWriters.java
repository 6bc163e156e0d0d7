package dev.parley.chat.control;

import dev.parley.chat.control.MessageSender.Outcome;
import dev.parley.chat.control.MessageSender.Pending;
import dev.parley.platform.db.DatabaseUnavailable;
import dev.parley.platform.db.DiskSync;
import dev.parley.platform.db.IntegrityViolation;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: a few writer threads, each owning the conversations whose id hashes to it, commit
 * sends in batches. A writer takes everything that queued while its previous commit ran (at most
 * {@link #MAX_BATCH}) and commits it in one transaction; a lone send commits at once, so batches form
 * only under load and nothing waits for a timer. One conversation's sends go through one writer, so
 * this node stores, acknowledges and publishes them in the order they arrived.
 */
@ApplicationScoped
public class MessageWriters {

    private static final Logger LOG = Logger.getLogger(MessageWriters.class.getName());

    static final int MAX_BATCH = 500;
    /** Sends waiting per writer; beyond it a sender waits for room, then is told to try again. */
    static final int QUEUE_CAPACITY = 20_000;
    private static final long ROOM_WAIT_SECONDS = 5;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MessageBatch batches;

    @Inject
    MessageSender sender;

    @Inject
    DiskSync disk;

    private final List<Writer> writers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * Created at startup, on the deploying thread: the container's thread factory is injected there,
     * but a bean first created on a WebSocket thread (no naming context on Payara) gets none.
     */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    @PostConstruct
    void start() {
        int count = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));
        for (int i = 0; i < count; i++) {
            Writer writer = new Writer();
            Thread thread = threads.newThread(writer);
            thread.setName("parley-message-writer-" + i);
            writer.thread = thread;
            writers.add(writer);
            thread.start();
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        writers.forEach(writer -> writer.thread.interrupt());
    }

    /** Queues a send to its conversation's writer; refuses it with {@code unavailable} when the writer stays full. */
    void submit(Pending send) {
        Writer writer = writers.get(Math.floorMod(send.conversation().value().hashCode(), writers.size()));
        try {
            if (!running || !writer.queue.offer(send, ROOM_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ParleyException(ErrorCode.UNAVAILABLE, "the server is busy storing messages; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "interrupted while queueing the message");
        }
    }

    private final class Writer implements Runnable {

        final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        Thread thread;

        @Override
        public void run() {
            List<Pending> batch = new ArrayList<>(MAX_BATCH);
            while (running) {
                Pending first;
                try {
                    first = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    continue; // stop() clears running first; any other interrupt must not end the writer
                }
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                try {
                    write(batch);
                } catch (RuntimeException | Error e) {
                    // Whatever went wrong, the writer lives on: a dead writer would leave its sends unanswered.
                    LOG.log(Level.SEVERE, "Writing a batch of " + batch.size() + " sends failed", e);
                    ParleyException failed = new ParleyException(ErrorCode.INTERNAL, "the message could not be stored; send it again");
                    batch.forEach(send -> complete(Outcome.failed(send, failed)));
                } finally {
                    batch.clear();
                }
            }
            List<Pending> left = new ArrayList<>();
            queue.drainTo(left);
            ParleyException stopping = new ParleyException(ErrorCode.UNAVAILABLE, "the server is stopping; send again");
            left.forEach(send -> complete(Outcome.failed(send, stopping)));
        }
    }

    /**
     * Commits a batch and completes each send in order. If the batch's transaction fails for any
     * reason but the database being away (a unique key that another node's send took first, say),
     * each send is tried again alone, so one send cannot fail the others.
     */
    private void write(List<Pending> batch) {
        List<Outcome> outcomes;
        try {
            outcomes = batches.commit(batch);
        } catch (Exception e) {
            if (DatabaseUnavailable.in(e)) {
                batch.forEach(send -> complete(Outcome.failed(send, e)));
                return;
            }
            LOG.log(Level.FINE, "A batch of " + batch.size() + " sends failed; storing them one by one", e);
            outcomes = new ArrayList<>(batch.size());
            for (Pending send : batch) {
                outcomes.add(alone(send));
            }
        }
        synced(outcomes).forEach(this::complete);
    }

    /**
     * With {@code PARLEY_DB_SYNC}, the batch is forced to the disk before anything is acknowledged. If
     * that fails, the sends are answered with {@code unavailable}: they are stored, so sending them
     * again returns the stored message.
     */
    private List<Outcome> synced(List<Outcome> outcomes) {
        if (!disk.enabled() || outcomes.stream().allMatch(outcome -> outcome.failure() != null)) {
            return outcomes;
        }
        try {
            disk.sync();
            return outcomes;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Forcing a batch of sends to the disk failed", e);
            ParleyException unsynced = new ParleyException(ErrorCode.UNAVAILABLE, "the message could not be made durable; send it again");
            return outcomes.stream().map(outcome -> outcome.failure() != null ? outcome : Outcome.failed(outcome.send(), unsynced)).toList();
        }
    }

    /**
     * One send in a transaction of its own. A unique key it lost to a send committed meanwhile (the
     * same {@code clientMsgId} from another socket) is tried once more, and then finds that original.
     */
    private Outcome alone(Pending send) {
        for (int attempt = 1; ; attempt++) {
            try {
                return batches.commit(List.of(send)).get(0);
            } catch (Exception e) {
                if (attempt == 2 || !IntegrityViolation.in(e)) {
                    return Outcome.failed(send, e);
                }
            }
        }
    }

    private void complete(Outcome outcome) {
        try {
            sender.completed(outcome);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, "Answering a send of " + outcome.send().sender() + " failed", e);
        }
    }
}
