package dev.parley.sockets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Check {@code sockets} under {@code /health/live}: alive while the application answers, with its open sockets. */
@Liveness
@ApplicationScoped
public class SocketsHealthCheck implements HealthCheck {

    @Inject
    SessionRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sockets")
                .up()
                .withData("chat", registry.count(Channel.CHAT))
                .withData("notifications", registry.count(Channel.NOTIFICATIONS))
                .build();
    }
}
