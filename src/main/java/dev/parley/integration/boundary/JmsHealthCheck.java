package dev.parley.integration.boundary;

import dev.parley.integration.broker.Broker;
import dev.parley.integration.control.InboundListeners;
import dev.parley.integration.control.OutboxRelay;
import dev.parley.integration.control.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The broker connection and the outbox backlog, under {@code /health} as check {@code jms}. It stays
 * UP while the broker is unreachable: chat and notifications keep working and events wait in the
 * outbox, so taking the node out of the load balancer would only make things worse. Alert on
 * {@code broker} = {@code unreachable} or on a growing {@code outboxBacklog} instead.
 */
@Readiness
@ApplicationScoped
public class JmsHealthCheck implements HealthCheck {

    @Inject
    Broker broker;

    @Inject
    OutboxRelay relay;

    @Inject
    InboundListeners listeners;

    @Inject
    OutboxStore store;

    @Override
    public HealthCheckResponse call() {
        boolean reachable = relay.connected() && listeners.connected();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("jms").up()
                .withData("broker", reachable ? "connected" : "unreachable")
                .withData("mode", String.valueOf(broker.description()));
        try {
            OutboxStore.Backlog backlog = store.backlog();
            response.withData("outboxBacklog", backlog.pending());
            if (backlog.oldest() != null) {
                response.withData("outboxOldest", backlog.oldest().toString());
            }
        } catch (RuntimeException e) {
            response.withData("outboxBacklog", "unknown (" + e.getMessage() + ")");
        }
        String error = relay.lastError();
        if (error != null) {
            response.withData("lastError", error);
        }
        return response.build();
    }
}
