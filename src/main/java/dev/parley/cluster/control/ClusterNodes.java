package dev.parley.cluster.control;

import dev.parley.platform.config.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The nodes that share this database, whatever the transport. Every node on a shared database
 * heartbeats every {@value #HEARTBEAT_SECONDS} s; a node silent for {@value #SILENCE_SECONDS} s is
 * swept ({@link NodeSilent}), and so is this node when it stops. Each heartbeat also sends a beacon over the cluster transport, so a node
 * knows which of the live nodes it actually reaches: one that shares the database but has not been
 * heard over the transport for {@value #UNHEARD_SECONDS} s is <em>unconnected</em>, and readiness goes
 * DOWN, because messages sent on either node would silently never reach the other's sockets.
 */
@ApplicationScoped
public class ClusterNodes {

    private static final Logger LOG = Logger.getLogger(ClusterNodes.class.getName());
    static final int HEARTBEAT_SECONDS = 3;
    static final int SILENCE_SECONDS = 12;
    /** Longer than {@link #SILENCE_SECONDS}, so a killed node is swept before it could count as unconnected. */
    static final int UNHEARD_SECONDS = 2 * SILENCE_SECONDS;

    @Inject
    Settings settings;

    @Inject
    NodeIdentity node;

    @Inject
    ClusterStore store;

    @Inject
    ClusterDelivery delivery;

    @Inject
    Event<NodeSilent> silent;

    @Inject
    Clock clock;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** When this node first saw each other live node in the database. */
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final Map<String, Boolean> reported = new ConcurrentHashMap<>();
    private volatile List<String> unconnected = List.of();
    private ScheduledFuture<?> timer;

    void start(@Observes Startup startup) {
        if (!settings.sharedDatabase()) {
            return;
        }
        store.heartbeat(node.id());
        timer = scheduler.scheduleWithFixedDelay(this::beat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        if (timer != null) {
            timer.cancel(false);
            try {
                silent.fire(new NodeSilent(node.id()));
                store.forgetNode(node.id());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Could not withdraw this node at shutdown", e);
            }
        }
    }

    private void beat() {
        try {
            store.heartbeat(node.id());
            delivery.announce();
            for (String gone : store.silentNodes(node.id(), Duration.ofSeconds(SILENCE_SECONDS))) {
                LOG.warning(() -> "Cluster: node " + gone + " stopped answering; its users go offline unless another node holds them");
                silent.fire(new NodeSilent(gone));
                store.forgetNode(gone);
                firstSeen.remove(gone);
            }
            check(store.liveNodes(node.id(), Duration.ofSeconds(SILENCE_SECONDS)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: heartbeat or sweep failed", e);
        }
    }

    /** Recomputes the unconnected nodes among the live ones. */
    void check(List<String> live) {
        Instant now = clock.instant();
        Duration silence = Duration.ofSeconds(UNHEARD_SECONDS);
        firstSeen.keySet().retainAll(live);
        live.forEach(peer -> firstSeen.putIfAbsent(peer, now));
        List<String> lost = live.stream()
                .filter(peer -> firstSeen.get(peer).isBefore(now.minus(silence)))
                .filter(peer -> !delivery.heardFrom(peer, now.minus(silence)))
                .sorted()
                .toList();
        reported.keySet().retainAll(lost);
        for (String peer : lost) {
            if (reported.putIfAbsent(peer, Boolean.TRUE) == null) {
                LOG.severe(() -> "Cluster: node " + peer + " shares this database, but no cluster transport connects it to this "
                        + "node (" + delivery.describe() + "): " + remedy() + ". Readiness is DOWN until it is connected.");
            }
        }
        unconnected = lost;
    }

    /** Live nodes on this database that this node does not reach over its transport. */
    public List<String> unconnected() {
        return unconnected;
    }

    /** What an operator should do about an unconnected node. */
    public String remedy() {
        return "start every Payara Micro node in one cluster (--clustername and --clustermode), or set PARLEY_CLUSTER=jms "
                + "and PARLEY_JMS_URL (one shared broker) on every node";
    }
}
