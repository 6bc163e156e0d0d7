package dev.parley.cluster.control;

import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.delivery.LocalDelivery;
import dev.parley.integration.broker.Broker;
import dev.parley.platform.config.Settings;
import dev.parley.platform.metrics.Metrics;
import dev.parley.platform.retry.Backoff;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery port: every envelope goes to this node's sockets and, when {@link ClusterMode} chose a
 * transport, to every other node, which delivers it to its own sockets.
 */
@ApplicationScoped
public class ClusterDelivery implements DeliveryPort {

    private static final Logger LOG = Logger.getLogger(ClusterDelivery.class.getName());

    @Inject
    LocalDelivery local;

    @Inject
    EnvelopeCodec codec;

    @Inject
    Settings settings;

    @Inject
    ClusterMode mode;

    @Inject
    ClusterStore store;

    @Inject
    NodeIdentity node;

    @Inject
    Broker broker;

    @Inject
    Clock clock;

    @Resource
    ManagedThreadFactory threads;

    private volatile ClusterTransport transport;

    static final int RETRY_CAPACITY = 10_000;
    private final BlockingQueue<String> retries = new LinkedBlockingQueue<>(RETRY_CAPACITY);
    private Thread retrying;
    private Metrics.Counter dropped;

    @Inject
    Metrics metrics;

    /** When each other node was last heard over the transport (its beacon or any envelope). */
    private final Map<String, Instant> heard = new ConcurrentHashMap<>();

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ClusterTransport chosen = switch (mode.transport()) {
            case HAZELCAST -> hazelcast(store.installation());
            case JMS -> new JmsTransport(broker.connectionFactory(), node.id(), store.installation(), threads);
            case NONE -> null;
        };
        dropped = metrics.counter("parley_cluster_envelopes_dropped");
        if (chosen != null) {
            chosen.start(this::received);
            transport = chosen;
            retrying = threads.newThread(this::retryRefused);
            retrying.setName("parley-cluster-retry");
            retrying.start();
            LOG.info(() -> "Cluster: node " + node.id() + " delivers across nodes over " + chosen.describe());
            if (settings.embeddedBroker()) {
                LOG.warning("Cluster: this node runs its own embedded JMS broker, so parley.events and the inbound queues "
                        + "are split across the nodes' brokers. Set PARLEY_JMS_URL to one broker all nodes share.");
            }
        }
    }

    private static ClusterTransport hazelcast(String installation) {
        try {
            return (ClusterTransport) Class.forName("dev.parley.cluster.hazelcast.HazelcastTransport")
                    .getDeclaredConstructor(String.class).newInstance(installation);
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException("PARLEY_CLUSTER=hazelcast needs Payara's Hazelcast: " + cause, cause);
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        ClusterTransport current = transport;
        transport = null;
        if (retrying != null) {
            retrying.interrupt();
        }
        if (current != null) {
            current.stop();
        }
    }

    /**
     * Delivers to this node's sockets, then hands the envelope to the other nodes. What the transport
     * refuses or fails to take is not silently lost: a message is repaired from the database by the
     * receiving sockets ({@code GapRepair}), typing, receipts, presence and topic values are ephemeral
     * (counted as dropped), and a membership change, a disconnect or a notification, which nothing
     * else would repair, is retried in the background until the transport takes it.
     */
    @Override
    public void publish(Envelope envelope) {
        local.publish(envelope);
        ClusterTransport current = transport;
        if (current == null) {
            return;
        }
        String encoded = codec.encode(envelope);
        boolean taken;
        try {
            taken = current.broadcast(encoded);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: could not hand an envelope to " + current.describe(), e);
            taken = false;
        }
        if (!taken) {
            notTaken(envelope, encoded);
        }
    }

    private void notTaken(Envelope envelope, String encoded) {
        boolean lasting = envelope instanceof Envelope.MembershipChange || envelope instanceof Envelope.Disconnect
                || envelope instanceof Envelope.Notify;
        if (!lasting) {
            dropped.inc(1);
            LOG.fine(() -> "Cluster: dropped an " + envelope.getClass().getSimpleName() + " envelope the transport did not take"
                    + (envelope instanceof Envelope.Sequenced ? " (receiving sockets repair the gap)" : " (ephemeral)"));
        } else if (!retries.offer(encoded)) {
            dropped.inc(1);
            LOG.warning(() -> "Cluster: " + RETRY_CAPACITY + " envelopes already wait for the transport; dropped a "
                    + envelope.getClass().getSimpleName());
        }
    }

    /** Hands refused membership changes, disconnects and notifications to the transport again, with backoff. */
    private void retryRefused() {
        Backoff backoff = new Backoff(LOG, "Cluster: handing refused envelopes to the transport", Duration.ofMillis(200),
                Duration.ofSeconds(5));
        while (transport != null) {
            try {
                String encoded = retries.take();
                ClusterTransport current = transport;
                while (current != null && !current.broadcast(encoded)) {
                    if (!backoff.pauseAfter(new IllegalStateException("the transport's queue is full"))) {
                        return;
                    }
                    current = transport;
                }
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

    /** Tells the other nodes that this one is alive and reaches them (see {@link ClusterNodes}). */
    void announce() {
        ClusterTransport current = transport;
        if (current != null) {
            current.broadcast(codec.encodeBeacon(node.id()));
        }
    }

    /** True when {@code peer}'s beacon arrived over the transport after {@code since}. */
    boolean heardFrom(String peer, Instant since) {
        Instant last = heard.get(peer);
        return last != null && last.isAfter(since);
    }

    void received(String encoded) {
        try {
            String beacon = codec.beaconFrom(encoded);
            if (beacon != null) {
                heard.put(beacon, clock.instant());
            } else {
                local.publish(codec.decode(encoded));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: could not deliver an envelope from another node", e);
        }
    }

    /** How envelopes cross nodes and why, e.g. {@code hazelcast (auto: Payara's data grid 'x' is clustered)}. */
    public String describe() {
        return mode.describe();
    }
}
