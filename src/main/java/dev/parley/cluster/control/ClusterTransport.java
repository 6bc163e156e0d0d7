package dev.parley.cluster.control;

import java.util.function.Consumer;

/**
 * Carries encoded envelopes to every other node. Implementations: Payara's Hazelcast topic, or a JMS
 * topic on the shared broker. Delivery between nodes may drop or reorder; sockets repair gaps in
 * conversations from the database, and everything else is ephemeral.
 */
public interface ClusterTransport {

    /** Starts receiving what the other nodes broadcast (never this node's own envelopes). */
    void start(Consumer<String> receiver);

    /**
     * Hands an envelope to the transport without waiting for the other nodes.
     *
     * @return false when the transport could not take it (its queue is full); a failure throws
     */
    boolean broadcast(String envelope);

    void stop();

    /** For health and logs, e.g. {@code hazelcast parley-delivery}. */
    String describe();
}
