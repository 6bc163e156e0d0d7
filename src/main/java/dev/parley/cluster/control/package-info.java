/**
 * Several nodes of the same WAR. {@link dev.parley.cluster.control.ClusterDelivery} is the delivery
 * port: each envelope goes to this node's sockets and, over a {@link dev.parley.cluster.control.ClusterTransport}
 * (Payara's Hazelcast or a JMS topic), to every other node. {@link dev.parley.cluster.control.PresenceTracker}
 * makes presence cluster-wide through the shared database, with node heartbeats and sweeping of dead
 * nodes; {@link dev.parley.cluster.control.SharedTopicValues} shares topic last values. With
 * {@code PARLEY_CLUSTER=none} (the default) all of this reduces to local delivery.
 */
package dev.parley.cluster.control;
