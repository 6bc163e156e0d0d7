package dev.parley.integration.control;

import dev.parley.integration.control.Outbox.OutboxAppended;
import dev.parley.platform.config.Settings;
import dev.parley.platform.retry.Backoff;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays the outbox to the broker: woken after every commit that wrote events, and once a second in
 * any case (for events of a crashed node and for retries). One drain at a time per node; batches
 * from several nodes are serialised by the relay row lock. While the broker is unreachable it backs
 * off from 1 s to 10 s; events wait in the table meanwhile, and no user request ever waits for it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    static final int BATCH = 500;

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

    private final AtomicBoolean draining = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile boolean again;
    private volatile boolean stopped;
    private volatile long retryAt = System.nanoTime();
    private final Backoff backoff = new Backoff(LOG, "JMS: relaying events", Duration.ofSeconds(1), Duration.ofSeconds(10));
    private volatile String lastError;

    void appended(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxAppended appended) {
        wake();
    }

    void start(@Observes Startup startup) {
        synchronized (timers) {
            timers.add(executor.scheduleWithFixedDelay(this::wake, 1, 1, TimeUnit.SECONDS));
            timers.add(executor.scheduleWithFixedDelay(this::purge, 1, 60, TimeUnit.MINUTES));
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stopped = true;
        synchronized (timers) {
            timers.forEach(timer -> timer.cancel(false));
            timers.clear();
        }
        publisher.close();
    }

    /** Asks for a drain; cheap enough to call after every commit. */
    public void wake() {
        again = true;
        if (stopped || System.nanoTime() - retryAt < 0) {
            return;
        }
        if (draining.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException rejected) {
                draining.set(false);
            }
        }
    }

    void drain() {
        try {
            while (again && !stopped) {
                again = false;
                int published;
                do {
                    published = store.relayBatch(BATCH, publisher::publish);
                    metrics.published(published);
                } while (published == BATCH && !stopped);
            }
            backoff.succeeded();
            lastError = null;
        } catch (RuntimeException e) {
            retryAt = System.nanoTime() + backoff.failed(e).toNanos();
            lastError = String.valueOf(e.getMessage());
            again = true;
        } finally {
            draining.set(false);
        }
        if (again && !stopped && System.nanoTime() - retryAt >= 0) {
            wake();
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
