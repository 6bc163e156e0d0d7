package dev.parley.presence.control;

import dev.parley.platform.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code heartbeatSeconds}, sends each socket a WebSocket ping and closes (1001) those from which
 * nothing, not even a pong, has arrived for three periods: dead peers and half-open TCP connections
 * do not hold memory for ever.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
    static final int MISSED_PERIODS = 3;

    @Inject
    Settings settings;

    @Inject
    SessionRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;

    void start(@Observes Startup startup) {
        long period = settings.heartbeatSeconds();
        task = scheduler.scheduleAtFixedRate(this::beat, period, period, TimeUnit.SECONDS);
    }

    void beat() {
        try {
            long now = System.nanoTime();
            long idleLimit = TimeUnit.SECONDS.toNanos((long) settings.heartbeatSeconds() * MISSED_PERIODS);
            for (Connection connection : registry.all()) {
                if (now - connection.lastInboundNanos() > idleLimit) {
                    connection.close(Connection.CLOSE_GOING_AWAY, "idle timeout");
                } else {
                    connection.ping();
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Heartbeat round failed", e);
        }
    }

    @PreDestroy
    void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
