package dev.parley.cluster.control;

import dev.parley.integration.broker.Broker;
import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.delivery.LocalDelivery;
import dev.parley.platform.config.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The delivery port: every envelope goes to this node's sockets and, when {@code PARLEY_CLUSTER} is
 * {@code hazelcast} or {@code jms}, to every other node, which delivers it to its own sockets.
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
    NodeIdentity node;

    @Inject
    Broker broker;

    @Resource
    ManagedThreadFactory threads;

    private volatile ClusterTransport transport;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        ClusterTransport chosen = switch (settings.cluster()) {
            case Settings.CLUSTER_HAZELCAST -> hazelcast();
            case Settings.CLUSTER_JMS -> new JmsTransport(broker.connectionFactory(), node.id(), threads);
            default -> null;
        };
        if (chosen != null) {
            chosen.start(this::received);
            transport = chosen;
            LOG.info(() -> "Cluster: node " + node.id() + " delivers across nodes over " + chosen.describe());
            if (settings.embeddedBroker()) {
                LOG.warning("Cluster: this node runs its own embedded JMS broker, so parley.events and the inbound queues "
                        + "are split across the nodes' brokers. Set PARLEY_JMS_URL to one broker all nodes share.");
            }
        }
    }

    private static ClusterTransport hazelcast() {
        try {
            return (ClusterTransport) Class.forName("dev.parley.cluster.hazelcast.HazelcastTransport")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException("PARLEY_CLUSTER=hazelcast needs Payara's Hazelcast: " + cause, cause);
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        ClusterTransport current = transport;
        transport = null;
        if (current != null) {
            current.stop();
        }
    }

    @Override
    public void publish(Envelope envelope) {
        local.publish(envelope);
        ClusterTransport current = transport;
        if (current != null) {
            try {
                current.broadcast(codec.encode(envelope));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cluster: could not hand an envelope to " + current.describe(), e);
            }
        }
    }

    void received(String encoded) {
        try {
            local.publish(codec.decode(encoded));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cluster: could not deliver an envelope from another node", e);
        }
    }

    /** How envelopes cross nodes, or {@code none}. */
    public String describe() {
        ClusterTransport current = transport;
        return current == null ? Settings.CLUSTER_NONE : current.describe();
    }
}
