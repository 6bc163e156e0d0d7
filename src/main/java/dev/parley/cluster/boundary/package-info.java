/**
 * The cluster's face to operators: a readiness check that goes DOWN when nodes share a database
 * without a transport between them, so a load balancer never routes to a node whose users would
 * silently miss each other's messages.
 */
package dev.parley.cluster.boundary;
