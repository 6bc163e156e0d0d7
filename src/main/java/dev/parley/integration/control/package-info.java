/**
 * Enterprise integration over JMS, written against {@code jakarta.jms} only.
 * <ul>
 *   <li>Outbound: {@link dev.parley.integration.control.DomainEventsToOutbox} writes an event into the
 *       outbox table inside the transaction of the change; {@link dev.parley.integration.control.OutboxRelay}
 *       publishes pending rows to topic {@code parley.events} after commit and marks them sent, retrying
 *       while the broker is unreachable.</li>
 *   <li>Inbound: {@link dev.parley.integration.control.InboundListeners} consume {@code parley.notifications}
 *       and {@code parley.messages}; {@link dev.parley.integration.control.InboundProcessor} processes each
 *       message idempotently; what cannot be processed moves to {@code parley.dlq} with its reason.</li>
 * </ul>
 */
package dev.parley.integration.control;
