/**
 * The adapter to ActiveMQ Artemis: the embedded broker (or the connection to an external one) and its
 * security. The only package that imports Artemis classes.
 */
package dev.parley.integration.broker;
