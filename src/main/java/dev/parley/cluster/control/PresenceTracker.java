package dev.parley.cluster.control;

import dev.parley.platform.config.Settings;
import dev.parley.presence.control.NodePresenceChanged;
import dev.parley.presence.control.PresenceChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cluster-wide presence. On one node, a user's first and last socket here are their presence. With
 * several nodes, each node records in the database which users it holds sockets of; a user comes
 * online with their first socket on any node and goes offline with their last socket on every node.
 * Nodes heartbeat every {@value #HEARTBEAT_SECONDS} s; a node silent for {@value #SILENCE_SECONDS} s
 * (killed) is swept by the others, and its users go offline unless another node holds them. Changes
 * are recorded by one background thread, in order, so opening a socket never waits for the database.
 */
@ApplicationScoped
public class PresenceTracker {

    private static final Logger LOG = Logger.getLogger(PresenceTracker.class.getName());
    static final int HEARTBEAT_SECONDS = 3;
    static final int SILENCE_SECONDS = 12;
    static final int CAPACITY = 50_000;

    @Inject
    Settings settings;

    @Inject
    NodeIdentity node;

    @Inject
    ClusterStore store;

    @Inject
    Event<PresenceChanged> presence;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final BlockingQueue<NodePresenceChanged> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private volatile boolean stopped;
    private Thread worker;

    void changed(@Observes NodePresenceChanged changed) {
        if (!settings.clustered()) {
            presence.fire(new PresenceChanged(changed.user(), changed.online()));
        } else if (!queue.offer(changed)) {
            LOG.warning(() -> "Presence changes are backed up (" + CAPACITY + "); dropped one of " + changed.user());
        }
    }

    void start(@Observes Startup startup) {
        if (!settings.clustered()) {
            return;
        }
        store.heartbeat(node.id());
        worker = threads.newThread(this::run);
        worker.setName("parley-cluster-presence");
        worker.start();
        synchronized (timers) {
            timers.add(scheduler.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS));
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stopped = true;
        synchronized (timers) {
            timers.forEach(t -> t.cancel(false));
            timers.clear();
        }
        if (worker != null) {
            worker.interrupt();
            try {
                sweep(node.id());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not withdraw this node's presence at shutdown", e);
            }
        }
    }

    private void run() {
        NodePresenceChanged current = null;
        int failures = 0;
        while (!stopped) {
            try {
                if (current == null) {
                    current = queue.take();
                }
                boolean transition = current.online() ? store.arrive(current.user(), node.id()) : store.leave(current.user(), node.id());
                if (transition) {
                    presence.fire(new PresenceChanged(current.user(), current.online()));
                }
                current = null;
                failures = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures++;
                if (failures == 1 || failures % 20 == 0) {
                    LOG.log(Level.WARNING, "Recording presence failed (" + failures + " times); retrying", e);
                }
                try {
                    Thread.sleep(Math.min(10_000, 250L << Math.min(failures, 6)));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void beat() {
        try {
            store.heartbeat(node.id());
            for (String silent : store.silentNodes(node.id(), Duration.ofSeconds(SILENCE_SECONDS))) {
                LOG.warning(() -> "Cluster: node " + silent + " stopped answering; its users go offline unless another node holds them");
                sweep(silent);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: heartbeat or sweep failed", e);
        }
    }

    /** Withdraws a node's presence: users it alone held go offline (an event for each). */
    private void sweep(String gone) {
        for (String user : store.usersOf(gone)) {
            if (store.leave(user, gone)) {
                presence.fire(new PresenceChanged(user, false));
            }
        }
        store.forgetNode(gone);
    }

    @Inject
    dev.parley.presence.control.SessionRegistry registry;

    /** Whether the user has a socket on any node (on this node, without a cluster). */
    public boolean isOnline(String user) {
        return settings.clustered() ? store.isOnline(user) : registry.isOnline(user);
    }
}
