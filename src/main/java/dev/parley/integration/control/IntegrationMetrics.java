package dev.parley.integration.control;

import dev.parley.platform.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/**
 * The JMS integration's metrics: {@code parley_jms_events_published}, and per inbound queue
 * {@code parley_jms_inbound_processed}, {@code parley_jms_inbound_redelivered} and
 * {@code parley_jms_dead_lettered} (counters); {@code parley_outbox_backlog} and
 * {@code parley_jms_connected} (gauges).
 */
@ApplicationScoped
public class IntegrationMetrics {

    @Inject
    Metrics metrics;

    @Inject
    OutboxStore store;

    @Inject
    OutboxRelay relay;

    private Metrics.Counter published;

    void register(@Observes Startup startup) {
        published = metrics.counter("parley_jms_events_published");
        metrics.gauge("parley_outbox_backlog", () -> store.backlog().pending());
        metrics.gauge("parley_jms_connected", () -> relay.connected() ? 1 : 0);
        for (String queue : new String[] {Destinations.NOTIFICATIONS, Destinations.MESSAGES}) {
            processed(queue, 0);
            redelivered(queue, 0);
            deadLettered(queue, 0);
        }
    }

    void published(int events) {
        if (published != null && events > 0) {
            published.inc(events);
        }
    }

    void processed(String queue, int count) {
        counter("parley_jms_inbound_processed", queue).inc(count);
    }

    void redelivered(String queue, int count) {
        counter("parley_jms_inbound_redelivered", queue).inc(count);
    }

    void deadLettered(String queue, int count) {
        counter("parley_jms_dead_lettered", queue).inc(count);
    }

    private Metrics.Counter counter(String name, String queue) {
        return metrics.counter(name, "queue", queue);
    }
}
