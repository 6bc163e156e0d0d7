package dev.parley.notifications.control;

import dev.parley.notifications.control.NotificationEvents.BroadcastQueued;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores publications to everyone in the background, one chunk of recipients per transaction, after
 * the request has been answered. At startup it resumes any broadcast a stopped node left unfinished;
 * a failed chunk is retried.
 */
@ApplicationScoped
public class BroadcastWorker {

    private static final Logger LOG = Logger.getLogger(BroadcastWorker.class.getName());
    static final int RETRY_SECONDS = 5;

    @Inject
    NotificationService notifications;

    @Resource
    ManagedScheduledExecutorService executor;

    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) BroadcastQueued queued) {
        executor.execute(() -> run(queued.id()));
    }

    void resume(@Observes Startup startup) {
        for (String id : notifications.pendingBroadcasts()) {
            executor.execute(() -> run(id));
        }
    }

    void run(String id) {
        try {
            while (notifications.storeBroadcastChunk(id, NotificationService.CHUNK) > 0) {
                // next chunk
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Broadcast " + id + " stalled; retrying in " + RETRY_SECONDS + " s", e);
            executor.schedule(() -> run(id), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }
}
