package dev.parley.chat.control;

import dev.parley.chat.entity.ConversationId;
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
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Read positions, moved in batches. A {@code read} frame queues its mark here and returns; one thread
 * commits everything that queued meanwhile in one transaction ({@link MessageStore#markAllRead}), so
 * a room whose members all read each message costs a commit per batch, not one per member and
 * message. As with sends, a lone mark commits at once. A mark the rules refuse (not a member, a seq
 * past the conversation's last) is answered alone, through its {@link Mark#refused} callback.
 */
@ApplicationScoped
public class ReadMarks {

    private static final Logger LOG = Logger.getLogger(ReadMarks.class.getName());

    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 20_000;
    private static final long ROOM_WAIT_SECONDS = 5;

    /** A member has read {@code conversation} up to {@code seq}; {@code refused} hears why not, if not. */
    public record Mark(String user, ConversationId conversation, long seq, String originConnection, Consumer<Exception> refused) {
    }

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MessageStore store;

    private final BlockingQueue<Mark> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private volatile boolean running = true;
    private Thread thread;

    /** Created at startup, on the deploying thread, where the container's thread factory is injected. */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    @PostConstruct
    void start() {
        thread = threads.newThread(this::run);
        thread.setName("parley-read-marks");
        thread.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        thread.interrupt();
    }

    /** Queues a mark; refuses it with {@code unavailable} when the queue stays full. */
    public void submit(Mark mark) {
        try {
            if (!running || !queue.offer(mark, ROOM_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ParleyException(ErrorCode.UNAVAILABLE, "the server is busy storing read positions; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyException(ErrorCode.UNAVAILABLE, "interrupted while queueing the read position");
        }
    }

    private void run() {
        List<Mark> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            Mark first;
            try {
                first = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                continue; // stop() clears running first
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                write(batch);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Mark> batch) {
        List<Exception> refusals;
        try {
            refusals = store.markAllRead(batch);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.FINE, "A batch of " + batch.size() + " read marks failed", e);
            Exception failure = e instanceof Exception exception ? exception
                    : new ParleyException(ErrorCode.INTERNAL, "the read position could not be stored");
            batch.forEach(mark -> answer(mark, failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (refusals.get(i) != null) {
                answer(batch.get(i), refusals.get(i));
            }
        }
    }

    private static void answer(Mark mark, Exception failure) {
        try {
            mark.refused().accept(failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Answering a read mark of " + mark.user() + " failed", e);
        }
    }
}
