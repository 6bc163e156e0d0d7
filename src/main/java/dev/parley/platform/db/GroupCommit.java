package dev.parley.platform.db;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One thread that commits what queued, in batches: it takes everything that queued while its previous
 * commit ran (at most {@code maxBatch}) and hands it to its {@link Committer} at once. A lone item is
 * committed without waiting for company, so batches form only under load and nothing waits for a
 * timer. The committer answers each item; when it throws instead (or the thread is stopped with items
 * still queued), {@link Committer#fail} answers them, and the thread goes on: a dead thread would leave
 * every later item unanswered.
 * <p>
 * Items may be keyed (by their user, say): {@link #awaitCommitted} then waits until every item of a
 * key queued so far is committed or answered, so that what a user did on one socket is stored before
 * a new socket of theirs reads it.
 *
 * @param <T> what is queued: a send, a read mark, an acknowledgement
 */
public final class GroupCommit<T> {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class.getName());
    private static final long ROOM_WAIT_SECONDS = 5;

    /** Commits a batch and answers each of its items. */
    public interface Committer<T> {

        /** Commits {@code batch} (in queue order) and answers each item: stored, or refused alone. */
        void commit(List<T> batch);

        /** Answers each item of a batch that {@link #commit} threw on, or that was still queued at shutdown. */
        void fail(List<T> batch, Exception failure);

        /**
         * The committer of items that are answered only when refused: {@code store} commits a batch and
         * returns each item's refusal at its index (null when it was applied); {@code refuse} answers one
         * item. A batch whose transaction fails refuses every item with that failure.
         */
        static <T> Committer<T> refusing(Function<List<T>, List<? extends Exception>> store, BiConsumer<T, Exception> refuse) {
            return new Committer<>() {
                @Override
                public void commit(List<T> batch) {
                    List<? extends Exception> refusals;
                    try {
                        refusals = store.apply(batch);
                    } catch (RuntimeException e) {
                        LOG.log(Level.FINE, "A batch of " + batch.size() + " failed", e);
                        fail(batch, e);
                        return;
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        if (refusals.get(i) != null) {
                            refuse(batch.get(i), refusals.get(i));
                        }
                    }
                }

                @Override
                public void fail(List<T> batch, Exception failure) {
                    batch.forEach(item -> refuse(item, failure));
                }

                private void refuse(T item, Exception failure) {
                    try {
                        refuse.accept(item, failure);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "Answering " + item + " failed", e);
                    }
                }
            };
        }
    }

    private final String name;
    private final int maxBatch;
    private final Committer<T> committer;
    private final BlockingQueue<T> queue;
    private final Function<T, Object> key;
    /** Items per key that are queued or being committed; guarded by itself. */
    private final Map<Object, Integer> inFlight = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param name     the thread's name, and what the logs and the busy refusal call the items
     * @param capacity items that may wait; beyond it {@link #submit} waits for room, then refuses
     * @param maxBatch the most items in one commit
     */
    public GroupCommit(String name, int capacity, int maxBatch, ThreadFactory threads, Committer<T> committer) {
        this(name, capacity, maxBatch, threads, committer, null);
    }

    /** Keyed: {@code key} tells whose an item is, for {@link #awaitCommitted}. */
    public GroupCommit(String name, int capacity, int maxBatch, ThreadFactory threads, Committer<T> committer, Function<T, Object> key) {
        this.name = name;
        this.key = key;
        this.maxBatch = maxBatch;
        this.committer = committer;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = threads.newThread(this::run);
        thread.setName(name);
        thread.start();
    }

    /** Queues an item; refuses it with {@code unavailable} ({@code busy}) when the queue stays full for a few seconds. */
    public void submit(T item, String busy) {
        counted(List.of(item), +1);
        boolean queued = false;
        try {
            queued = running && queue.offer(item, ROOM_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!queued) {
                counted(List.of(item), -1);
            }
        }
        if (!queued) {
            throw new ParleyException(ErrorCode.UNAVAILABLE, busy);
        }
    }

    /** Queues an item if there is room now; returns whether it was queued (never waits). */
    public boolean offer(T item) {
        counted(List.of(item), +1);
        boolean queued = running && queue.offer(item);
        if (!queued) {
            counted(List.of(item), -1);
        }
        return queued;
    }

    /**
     * Waits until every item of {@code key} queued before this call is committed or answered, at most
     * {@code timeout}; returns whether they all were.
     */
    public boolean awaitCommitted(Object key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlight) {
            while (inFlight.containsKey(key)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    inFlight.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Stops taking items; what is still queued is failed with {@code unavailable}. */
    public void stop() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (running) {
            T first;
            try {
                first = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                continue; // stop() clears running first; any other interrupt must not end the thread
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            try {
                committer.commit(batch);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, name + ": committing a batch of " + batch.size() + " failed", e);
                failQuietly(batch, e instanceof Exception exception ? exception
                        : new ParleyException(ErrorCode.INTERNAL, "it could not be stored; try again"));
            } finally {
                counted(batch, -1);
                batch.clear();
            }
        }
        queue.drainTo(batch);
        if (!batch.isEmpty()) {
            failQuietly(batch, new ParleyException(ErrorCode.UNAVAILABLE, "the server is stopping; try again"));
            counted(batch, -1);
        }
    }

    private void counted(List<T> items, int change) {
        if (key == null) {
            return;
        }
        synchronized (inFlight) {
            items.forEach(item -> inFlight.merge(key.apply(item), change, (was, delta) -> was + delta == 0 ? null : was + delta));
            if (change < 0) {
                inFlight.notifyAll();
            }
        }
    }

    private void failQuietly(List<T> batch, Exception failure) {
        try {
            committer.fail(batch, failure);
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, name + ": answering a failed batch of " + batch.size() + " failed", e);
        }
    }
}
