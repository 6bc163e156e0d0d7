package dev.parley.cluster.hazelcast;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.parley.cluster.control.ClusterTransport;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The cluster transport on Payara: a topic of Payara's built-in Hazelcast data grid, looked up at
 * {@code payara/Hazelcast}. The only Payara-specific class; it is loaded by name, and only on a server
 * that has the grid, so the WAR deploys unchanged elsewhere. Payloads are strings, so Hazelcast never
 * needs an application class. The topic's name carries the installation id, so two Parley
 * installations that happen to share a grid never see each other's envelopes.
 */
public final class HazelcastTransport implements ClusterTransport {

    static final String TOPIC = "parley-delivery";

    private final ITopic<String> topic;
    private final String cluster;
    private UUID listener;

    public HazelcastTransport(String installation) throws NamingException {
        HazelcastInstance hazelcast = grid().orElseThrow(() -> new IllegalStateException(
                "Payara's Hazelcast is not running: start Payara Micro with clustering (--clustername …), or set PARLEY_CLUSTER=jms"));
        this.topic = hazelcast.getTopic(TOPIC + "-" + installation);
        this.cluster = hazelcast.getConfig().getClusterName();
    }

    /**
     * The name of Payara's data grid when it runs and may join other members (Payara Micro without
     * {@code --nocluster}, or Payara Server), or null when there is none or it is alone by design.
     */
    public static String clusteredGrid() {
        try {
            return grid().filter(HazelcastTransport::joinsOthers).map(h -> h.getConfig().getClusterName()).orElse(null);
        } catch (NamingException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static Optional<HazelcastInstance> grid() throws NamingException {
        Object found = new InitialContext().lookup("payara/Hazelcast");
        return found instanceof HazelcastInstance hazelcast && hazelcast.getLifecycleService().isRunning()
                ? Optional.of(hazelcast) : Optional.empty();
    }

    /**
     * Payara turns Hazelcast's auto-detection off exactly when clustering is on; with {@code --nocluster}
     * it stays on and only Payara's own local discovery runs (read in Payara's {@code HazelcastCore},
     * and seen: multicast for the default, TCP/IP for {@code --clustermode tcpip:}).
     */
    private static boolean joinsOthers(HazelcastInstance hazelcast) {
        if (hazelcast.getCluster().getMembers().size() > 1) {
            return true;
        }
        JoinConfig join = hazelcast.getConfig().getNetworkConfig().getJoin();
        boolean joining = join.getMulticastConfig().isEnabled() || join.getTcpIpConfig().isEnabled()
                || join.getDiscoveryConfig().isEnabled() || join.getKubernetesConfig().isEnabled();
        return joining && !join.getAutoDetectionConfig().isEnabled();
    }

    @Override
    public void start(Consumer<String> receiver) {
        listener = topic.addMessageListener((Message<String> message) -> {
            if (!message.getPublishingMember().localMember()) {
                receiver.accept(message.getMessageObject());
            }
        });
    }

    @Override
    public boolean broadcast(String envelope) {
        topic.publish(envelope);
        return true;
    }

    @Override
    public void stop() {
        if (listener != null) {
            topic.removeMessageListener(listener);
        }
    }

    @Override
    public String describe() {
        return "hazelcast " + cluster + "/" + TOPIC;
    }
}
