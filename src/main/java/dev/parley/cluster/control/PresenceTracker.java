package dev.parley.cluster.control;

import dev.parley.platform.retry.Backoff;
import dev.parley.presence.control.PresenceChanged;
import dev.parley.presence.control.SharedPresence;
import dev.parley.sockets.NodePresenceChanged;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.logging.Logger;

/**
 * Presence shared between nodes: the cluster's side of the {@link SharedPresence} port. Each node
 * records in the database which users it holds sockets of; a user comes
 * online with their first socket on any node and goes offline with their last socket on every node.
 * When {@link ClusterNodes} finds a node silent (killed), its users go offline unless another node
 * holds them. Changes are recorded by one background thread, in order, so opening a socket never
 * waits for the database.
 */
@ApplicationScoped
public class PresenceTracker implements SharedPresence {

    private static final Logger LOG = Logger.getLogger(PresenceTracker.class.getName());
    static final int CAPACITY = 50_000;

    @Inject
    ClusterMode mode;

    @Inject
    NodeIdentity node;

    @Inject
    ClusterStore store;

    @Inject
    Event<PresenceChanged> presence;

    @Resource
    ManagedThreadFactory threads;


    private final BlockingQueue<NodePresenceChanged> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile boolean stopped;
    private Thread worker;

    @Override
    public boolean active() {
        return mode.clustered();
    }

    @Override
    public void record(String user, boolean online) {
        if (!queue.offer(new NodePresenceChanged(user, online))) {
            LOG.warning(() -> "Presence changes are backed up (" + CAPACITY + "); dropped one of " + user);
        }
    }

    void start(@Observes Startup startup) {
        if (!mode.clustered()) {
            return;
        }
        worker = threads.newThread(this::run);
        worker.setName("parley-cluster-presence");
        worker.start();
    }

    void nodeSilent(@Observes NodeSilent silent) {
        if (mode.clustered()) {
            sweep(silent.node());
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stopped = true;
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void run() {
        NodePresenceChanged current = null;
        Backoff backoff = new Backoff(LOG, "Recording presence", Duration.ofMillis(500), Duration.ofSeconds(10));
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

    /** Withdraws a node's presence: users it alone held go offline (an event for each). */
    private void sweep(String gone) {
        for (String user : store.usersOf(gone)) {
            if (store.leave(user, gone)) {
                presence.fire(new PresenceChanged(user, false));
            }
        }
    }

    @Override
    public Set<String> online(Collection<String> users) {
        return store.online(users);
    }
}
