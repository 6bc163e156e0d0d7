package dev.parley.cluster.control;

import dev.parley.platform.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * This node's id in the cluster: {@code PARLEY_NODE_NAME} (or {@code node}) plus a random suffix, new
 * at every start, so what a crashed run left behind is never mistaken for the running one.
 */
@ApplicationScoped
public class NodeIdentity {

    private final String id;

    @Inject
    public NodeIdentity(Settings settings) {
        this.id = settings.nodeName().orElse("node") + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected NodeIdentity() {
        this.id = null;
    }

    public String id() {
        return id;
    }
}
