package dev.parley.integration.control;

import dev.parley.platform.retry.Backoff;
import dev.parley.presence.control.PresenceChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Records {@code user.online} and {@code user.offline} in the outbox from one background thread, in
 * batches, so opening a socket never waits for the database and one user's changes keep their order.
 * The queue is bounded ({@value #CAPACITY}); a database outage longer than it can absorb costs
 * presence events (logged), never sockets. Presence is not acknowledged data, unlike messages.
 */
@ApplicationScoped
public class PresenceEvents {

    private static final Logger LOG = Logger.getLogger(PresenceEvents.class.getName());
    static final int CAPACITY = 50_000;
    static final int BATCH = 500;

    @Inject
    Outbox outbox;

    @Resource
    ManagedThreadFactory threads;

    private final BlockingQueue<Outbox.Pending> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean stopped;
    private Thread worker;

    void start(@Observes Startup startup) {
        worker = threads.newThread(this::run);
        worker.setName("parley-presence-events");
        worker.start();
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stopped = true;
        if (worker != null) {
            worker.interrupt();
        }
    }

    void record(PresenceChanged changed) {
        Outbox.Pending event = new Outbox.Pending(changed.online() ? EventTypes.USER_ONLINE : EventTypes.USER_OFFLINE,
                new EventTypes.Presence(changed.user()));
        if (!queue.offer(event)) {
            LOG.warning(() -> "Presence events are backed up (" + CAPACITY + "); dropped " + event.type() + " of " + changed.user());
        }
    }

    private void run() {
        List<Outbox.Pending> batch = new ArrayList<>(BATCH);
        Backoff backoff = new Backoff(LOG, "Recording presence events", Duration.ofMillis(500), Duration.ofSeconds(30));
        while (!stopped) {
            try {
                if (batch.isEmpty()) {
                    Outbox.Pending first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                outbox.appendAll(batch);
                batch.clear();
                backoff.succeeded();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!backoff.pauseAfter(e)) {
                    return;
                }
            }
        }
    }
}
