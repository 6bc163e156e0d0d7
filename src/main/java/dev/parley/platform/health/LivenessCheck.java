package dev.parley.platform.health;

import dev.parley.presence.control.Channel;
import dev.parley.presence.control.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the application answers; reports the open sockets, this node's id and the cluster transport. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Inject
    SessionRegistry registry;

    @Inject
    dev.parley.cluster.control.ClusterDelivery cluster;

    @Inject
    dev.parley.cluster.control.NodeIdentity node;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("parley")
                .up()
                .withData("chatSockets", registry.count(Channel.CHAT))
                .withData("notificationSockets", registry.count(Channel.NOTIFICATIONS))
                .withData("node", node.id())
                .withData("cluster", cluster.describe())
                .build();
    }
}
