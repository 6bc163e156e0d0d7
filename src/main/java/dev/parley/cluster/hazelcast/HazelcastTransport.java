package dev.parley.cluster.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import dev.parley.cluster.control.ClusterTransport;
import jakarta.enterprise.inject.Vetoed;
import java.util.UUID;
import java.util.function.Consumer;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The cluster transport on Payara: a topic of Payara's built-in Hazelcast data grid, looked up at
 * {@code payara/Hazelcast}. The only Payara-specific class; it is loaded by name, and only when
 * {@code PARLEY_CLUSTER=hazelcast}, so the WAR deploys unchanged on servers without Hazelcast.
 * Payloads are strings, so Hazelcast never needs an application class.
 */
@Vetoed
public final class HazelcastTransport implements ClusterTransport {

    static final String TOPIC = "parley-delivery";

    private final ITopic<String> topic;
    private final String cluster;
    private UUID listener;

    public HazelcastTransport() throws NamingException {
        HazelcastInstance hazelcast = (HazelcastInstance) new InitialContext().lookup("payara/Hazelcast");
        if (hazelcast == null || !hazelcast.getLifecycleService().isRunning()) {
            throw new IllegalStateException("Payara's Hazelcast is not running: start Payara Micro with clustering "
                    + "(--clustername …), or set PARLEY_CLUSTER=jms");
        }
        this.topic = hazelcast.getTopic(TOPIC);
        this.cluster = hazelcast.getConfig().getClusterName();
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
    public void broadcast(String envelope) {
        topic.publish(envelope);
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
