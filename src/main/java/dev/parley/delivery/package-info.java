/**
 * The delivery port: the one way anything reaches sockets. Features publish serialised
 * {@link dev.parley.delivery.Envelope}s after commit; {@link dev.parley.delivery.LocalDelivery} hands
 * them to this node's sockets through the {@link dev.parley.delivery.ConversationIndex} and each socket's
 * {@link dev.parley.delivery.Subscriber}, which keeps every conversation exactly-once and in order,
 * also across a resume and when messages from several nodes arrive out of order ({@link dev.parley.delivery.GapRepair}
 * fills gaps from the database). The cluster transport plugs in behind {@link dev.parley.delivery.DeliveryPort}.
 */
package dev.parley.delivery;
