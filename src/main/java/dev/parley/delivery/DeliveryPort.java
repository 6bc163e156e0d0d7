package dev.parley.delivery;

/**
 * The one way anything reaches sockets. Features publish {@link Envelope}s after their transaction
 * committed; the implementation ({@code dev.parley.cluster.control.ClusterDelivery}) delivers them to
 * every relevant socket on this node ({@link LocalDelivery}) and, when clustered, on every other node.
 */
public interface DeliveryPort {

    void publish(Envelope envelope);
}
