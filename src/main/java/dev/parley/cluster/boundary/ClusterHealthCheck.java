package dev.parley.cluster.boundary;

import dev.parley.cluster.control.ClusterDelivery;
import dev.parley.cluster.control.ClusterNodes;
import dev.parley.cluster.control.NodeIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Check {@code cluster} under {@code /health/ready}: DOWN while another live node shares this
 * database but no cluster transport connects the two, with an error naming the settings to fix. It
 * names this node and its transport.
 */
@Readiness
@ApplicationScoped
public class ClusterHealthCheck implements HealthCheck {

    @Inject
    ClusterDelivery delivery;

    @Inject
    ClusterNodes nodes;

    @Inject
    NodeIdentity node;

    @Override
    public HealthCheckResponse call() {
        List<String> unconnected = nodes.unconnected();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("cluster")
                .status(unconnected.isEmpty())
                .withData("node", node.id())
                .withData("transport", delivery.describe());
        if (!unconnected.isEmpty()) {
            response.withData("unconnected", String.join(",", unconnected))
                    .withData("error", "nodes " + unconnected + " share this database but no cluster transport connects them to "
                            + "this node: " + nodes.remedy());
        }
        return response.build();
    }
}
