package dev.parley.platform.metrics;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.function.DoubleSupplier;
import java.util.logging.Logger;

/**
 * Where Parley records its metrics. Features name a counter or a gauge with optional label pairs
 * ({@code "queue", "parley.messages"}) and never see the backend: MicroProfile Metrics where the
 * server has it (Payara serves it at {@code /metrics}), otherwise Parley's own registry, which the WAR
 * then serves at {@code /metrics} in the Prometheus text format (WildFly, which dropped MicroProfile
 * Metrics).
 */
@ApplicationScoped
public class Metrics {

    private static final Logger LOG = Logger.getLogger(Metrics.class.getName());

    /** For the MicroProfile lookup: its registry producer needs an injection point, which this field gives. */
    @Inject
    @Any
    Instance<Object> beans;

    private MetricsBackend backend;

    @PostConstruct
    void choose() {
        backend = microProfileMetricsPresent() ? new MicroProfileMetricsBackend(beans) : new PrometheusRegistry();
        LOG.fine(() -> "Metrics backend: " + backend.getClass().getSimpleName());
    }

    private static boolean microProfileMetricsPresent() {
        try {
            Class.forName("org.eclipse.microprofile.metrics.MetricRegistry", false, Metrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The counter {@code name} with these labels, created on first use. Exported as {@code name_total}. */
    public Counter counter(String name, String... labels) {
        return backend.counter(name, Labels.of(labels));
    }

    /** Registers the gauge {@code name} with these labels; {@code value} is read at every scrape. */
    public void gauge(String name, DoubleSupplier value, String... labels) {
        backend.gauge(name, Labels.of(labels), value);
    }

    /** Parley's own registry when it serves {@code /metrics} itself, or null when the server does. */
    public PrometheusRegistry ownRegistry() {
        return backend instanceof PrometheusRegistry own ? own : null;
    }

    /** A monotonically increasing count. */
    public interface Counter {
        void inc(long amount);
    }
}
