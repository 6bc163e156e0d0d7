package dev.parley.integration.control;

import dev.parley.integration.control.Outbox.OutboxAppended;
import dev.parley.platform.config.Settings;
import dev.parley.platform.retry.Backoff;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays the outbox to the broker, on a thread of its own: woken after every commit that wrote
 * events, and once a second in any case (for events of a crashed node and for retries). A lone event
 * goes at once; under load, drains are at least {@value #PAUSE_MILLIS} ms apart, so each relays what
 * many commits wrote (one relay transaction per batch of events, not one per commit). Waking it is a
 * notify, not a task handed to the container's executor (whose context capture costs more than a
 * small drain). Batches from several nodes are serialised by the relay row lock. While the broker is
 * unreachable it backs off from 1 s to 10 s; events wait in the table meanwhile, and no user request
 * ever waits for it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 500;
    static final long PAUSE_MILLIS = 20;
    private static final long IDLE_MILLIS = 1000;

    @Inject
    OutboxStore store;

    @Inject
    EventPublisher publisher;

    @Inject
    IntegrationMetrics metrics;

    @Inject
    Settings settings;

    @Resource
    ManagedScheduledExecutorService executor;

    @Resource
    ManagedThreadFactory threads;

    private final Object signal = new Object();
    /** Events may be waiting; guarded by {@link #signal}. */
    private boolean again = true;
    private volatile boolean stopped;
    private final Backoff backoff = new Backoff(LOG, "JMS: relaying events", Duration.ofSeconds(1), Duration.ofSeconds(10));
    private volatile String lastError;
    private Thread thread;
    private ScheduledFuture<?> purging;

    void appended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        wake();
    }

    void start(@Observes Startup startup) {
        thread = threads.newThread(this::run);
        thread.setName("parley-outbox-relay");
        thread.start();
        purging = executor.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stopped = true;
        if (purging != null) {
            purging.cancel(false);
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        publisher.close();
    }

    /** Asks for a drain; cheap enough to call after every commit. */
    public void wake() {
        synchronized (signal) {
            again = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (!stopped) {
            try {
                awaitWork();
                if (stopped) {
                    break;
                }
                long pause = drain();
                if (pause > 0) {
                    Thread.sleep(pause); // the pause is the point: what commits meanwhile goes in one drain
                }
            } catch (InterruptedException e) {
                // stop() sets stopped first; any other interrupt must not end the relay
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "Outbox relay: unexpected failure; going on", e);
            }
        }
    }

    /** Waits for a wake, or a second: the periodic look for events of crashed nodes and for retries. */
    private void awaitWork() throws InterruptedException {
        synchronized (signal) {
            if (!again) {
                signal.wait(IDLE_MILLIS);
            }
            again = false;
        }
    }

    /**
     * Relays everything pending, in batches. Returns how many ms to pause before the next drain:
     * {@value #PAUSE_MILLIS} after relaying something, 0 after finding nothing, the backoff's delay
     * after a failure (and then it tries again without waiting for a wake).
     */
    long drain() {
        try {
            boolean relayed = false;
            int published;
            do {
                published = store.relayBatch(BATCH, publisher::publish);
                metrics.published(published);
                relayed |= published > 0;
            } while (published == BATCH && !stopped);
            backoff.succeeded();
            lastError = null;
            return relayed ? PAUSE_MILLIS : 0;
        } catch (RuntimeException e) {
            lastError = String.valueOf(e.getMessage());
            wake();
            return backoff.failed(e).toMillis();
        }
    }

    private void purge() {
        try {
            int purged = store.purge(Duration.ofHours(settings.outboxRetentionHours()));
            if (purged > 0) {
                LOG.fine(() -> "Outbox: purged " + purged + " sent events");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Outbox: purging sent events failed", e);
        }
    }

    /** True while the last attempt to reach the broker succeeded. */
    public boolean connected() {
        return backoff.failures() == 0;
    }

    public String lastError() {
        return lastError;
    }
}
