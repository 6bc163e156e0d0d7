package dev.parley.platform.health;

import dev.parley.presence.control.Channel;
import dev.parley.presence.control.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the application answers; reports the open sockets for a quick look. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    SessionRegistry registry;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("parley")
                .up()
                .withData("chatSockets", registry.count(Channel.CHAT))
                .withData("notificationSockets", registry.count(Channel.NOTIFICATIONS))
                .build();
    }
}
