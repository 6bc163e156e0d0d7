/**
 * What the JMS integration stores: the outbox of events waiting for (or done with) the broker, and the
 * keys of inbound messages already processed.
 */
package dev.parley.integration.entity;
