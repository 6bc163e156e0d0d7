/** The JMS integration as operators see it: the {@code jms} health check. */
package dev.parley.integration.boundary;
