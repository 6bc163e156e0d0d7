/**
 * The delivery port: the one way anything reaches sockets. Features publish serialised
 * {@link dev.parley.delivery.Envelope}s after commit to the {@link dev.parley.delivery.DeliveryPort}
 * (implemented by the cluster adapter, which also carries them to other nodes). On each node
 * {@link dev.parley.delivery.LocalDelivery} hands them to the feature that keeps the sockets' state,
 * through its receiver port ({@link dev.parley.delivery.ConversationReceiver},
 * {@link dev.parley.delivery.NotificationReceiver}). No feature state lives here.
 */
package dev.parley.delivery;
