/**
 * The Payara adapter of the cluster: a topic of Payara's built-in Hazelcast. Loaded by name and only
 * when {@code PARLEY_CLUSTER=hazelcast}, so nothing else in the WAR depends on Payara.
 */
package dev.parley.cluster.hazelcast;
