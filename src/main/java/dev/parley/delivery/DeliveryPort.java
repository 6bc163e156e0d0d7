package dev.parley.delivery;

/**
 * The one way anything reaches sockets. Features publish {@link Envelope}s after their transaction
 * committed; the port delivers them to every relevant socket, on this node ({@link LocalDelivery})
 * or, behind the same interface, on every node of a cluster.
 */
public interface DeliveryPort {

    void publish(Envelope envelope);
}
