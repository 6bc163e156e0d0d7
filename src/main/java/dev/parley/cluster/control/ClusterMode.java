package dev.parley.cluster.control;

import dev.parley.platform.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * How this node reaches the others, decided once at startup. {@code PARLEY_CLUSTER} may name it; by
 * default ({@code auto}) the node chooses by what it finds: Payara's data grid when it is clustered,
 * otherwise the JMS topic when a shared broker ({@code PARLEY_JMS_URL}) is configured, otherwise none.
 * A node on the embedded H2 database is always alone. Whether the choice actually connects this node
 * to every other node on the same database is watched by {@link ClusterNodes}.
 */
@ApplicationScoped
public class ClusterMode {

    private static final Logger LOG = Logger.getLogger(ClusterMode.class.getName());

    public enum Transport { NONE, HAZELCAST, JMS }

    @Inject
    Settings settings;

    private Transport transport;
    private String reason;

    public ClusterMode() {
    }

    ClusterMode(Transport transport, String reason) {
        this.transport = transport;
        this.reason = reason;
    }

    @PostConstruct
    void resolve() {
        String grid = Settings.CLUSTER_AUTO.equals(settings.cluster()) && settings.sharedDatabase() ? payaraGrid() : null;
        ClusterMode chosen = choose(settings, grid);
        transport = chosen.transport;
        reason = chosen.reason;
        LOG.info(() -> "Cluster transport: " + describe());
    }

    /** The choice for these settings, given the name of Payara's clustered data grid (or null). */
    static ClusterMode choose(Settings settings, String clusteredGrid) {
        return switch (settings.cluster()) {
            case Settings.CLUSTER_NONE -> new ClusterMode(Transport.NONE, "PARLEY_CLUSTER=none");
            case Settings.CLUSTER_HAZELCAST -> new ClusterMode(Transport.HAZELCAST, "PARLEY_CLUSTER=hazelcast");
            case Settings.CLUSTER_JMS -> new ClusterMode(Transport.JMS, "PARLEY_CLUSTER=jms");
            default -> {
                if (!settings.sharedDatabase()) {
                    yield new ClusterMode(Transport.NONE, "auto: the embedded database belongs to this node alone");
                } else if (clusteredGrid != null) {
                    yield new ClusterMode(Transport.HAZELCAST, "auto: Payara's data grid '" + clusteredGrid + "' is clustered");
                } else if (settings.jmsUrl().isPresent()) {
                    yield new ClusterMode(Transport.JMS, "auto: PARLEY_JMS_URL names a broker the nodes share");
                } else {
                    yield new ClusterMode(Transport.NONE, "auto: no clustered data grid and no shared broker");
                }
            }
        };
    }

    /** The name of Payara's clustered data grid, or null (not Payara, {@code --nocluster}, {@code --nohazelcast}). */
    private static String payaraGrid() {
        try {
            return (String) Class.forName("dev.parley.cluster.hazelcast.HazelcastTransport").getMethod("clusteredGrid").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            LOG.fine(() -> "No Payara data grid: " + cause);
            return null;
        }
    }

    public Transport transport() {
        return transport;
    }

    /** True when delivery, presence and topic values are shared with other nodes. */
    public boolean clustered() {
        return transport != Transport.NONE;
    }

    /** E.g. {@code hazelcast (auto: Payara's data grid 'parley' is clustered)}. */
    public String describe() {
        return transport.name().toLowerCase(Locale.ROOT) + " (" + reason + ")";
    }
}
