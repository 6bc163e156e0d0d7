package dev.parley.sockets;

import dev.parley.platform.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code heartbeatSeconds}, sends each socket a WebSocket ping and closes (1001) those from which
 * nothing, not even a pong, has arrived for three periods: dead peers and half-open TCP connections
 * do not hold memory for ever. Every second it also closes (1013) sockets whose current write has not
 * completed within {@code PARLEY_WRITE_TIMEOUT_SECONDS}, and (4001) sockets whose credential (token or
 * browser session) has expired: a socket never outlives what authenticated it.
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());
    static final int MISSED_PERIODS = 3;

    @Inject
    Settings settings;

    @Inject
    SessionRegistry registry;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> task;
    private ScheduledFuture<?> stallCheck;

    void start(@Observes Startup startup) {
        long period = settings.heartbeatSeconds();
        task = scheduler.scheduleAtFixedRate(this::beat, period, period, TimeUnit.SECONDS);
        stallCheck = scheduler.scheduleAtFixedRate(this::everySecond, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Closes sockets whose write has not completed within the write timeout (1013: their peer stopped
     * reading), and sockets whose credential has expired (4001).
     */
    void everySecond() {
        try {
            long now = System.nanoTime();
            Instant wallClock = clock.instant();
            long timeout = TimeUnit.SECONDS.toNanos(settings.writeTimeoutSeconds());
            for (Connection connection : registry.all()) {
                if (!connection.user().expiresAt().isAfter(wallClock)) {
                    connection.close(Connection.CLOSE_CREDENTIALS_EXPIRED, "credentials expired");
                } else if (connection.writeStalled(now, timeout)) {
                    connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "too slow: a write did not complete in time");
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Stall and expiry check failed", e);
        }
    }

    void beat() {
        try {
            long now = System.nanoTime();
            long idleLimit = TimeUnit.SECONDS.toNanos((long) settings.heartbeatSeconds() * MISSED_PERIODS);
            for (Connection connection : registry.all()) {
                if (now - connection.lastInboundNanos() > idleLimit) {
                    connection.close(Connection.CLOSE_GOING_AWAY, "idle timeout");
                } else {
                    connection.heartbeat();
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
            stallCheck.cancel(false);
        }
    }
}
