package dev.parley.notifications.control;

import dev.parley.notifications.control.NotificationEvents.BroadcastQueued;
import dev.parley.platform.retry.Backoff;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Stores publications to everyone in the background, one chunk of recipients per transaction, after
 * the request has been answered. At startup it resumes any broadcast a stopped node left unfinished;
 * a failed chunk is retried.
 */
@ApplicationScoped
public class BroadcastWorker {

    private static final Logger LOG = Logger.getLogger(BroadcastWorker.class.getName());

    @Inject
    BroadcastStore broadcasts;

    @Resource
    ManagedScheduledExecutorService executor;

    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) BroadcastQueued queued) {
        start(queued.id());
    }

    void resume(@Observes Startup startup) {
        for (String id : broadcasts.pending()) {
            start(id);
        }
    }

    private void start(String id) {
        Backoff backoff = new Backoff(LOG, "Broadcast " + id, Duration.ofSeconds(1), Duration.ofSeconds(30));
        executor.execute(() -> run(id, backoff));
    }

    void run(String id, Backoff backoff) {
        try {
            while (broadcasts.storeChunk(id, BroadcastStore.CHUNK) > 0) {
                backoff.succeeded();
            }
        } catch (RuntimeException e) {
            executor.schedule(() -> run(id, backoff), backoff.failed(e).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
