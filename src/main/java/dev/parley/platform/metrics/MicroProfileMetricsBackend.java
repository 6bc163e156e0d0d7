package dev.parley.platform.metrics;

import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import java.util.function.DoubleSupplier;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The backend on servers with MicroProfile Metrics (Payara): Parley's metrics join the server's
 * application registry. Not a CDI bean, and only loaded after {@link Metrics} found the API, so the
 * WAR still deploys where it is missing.
 */
final class MicroProfileMetricsBackend implements MetricsBackend {

    private final MetricRegistry registry;

    MicroProfileMetricsBackend(Instance<Object> beans) {
        this.registry = beans.select(MetricRegistry.class, Default.Literal.INSTANCE).get();
    }

    @Override
    public Metrics.Counter counter(String name, Labels labels) {
        Counter counter = registry.counter(name, tags(labels));
        return counter::inc;
    }

    @Override
    public void gauge(String name, Labels labels, DoubleSupplier value) {
        registry.gauge(name, value, DoubleSupplier::getAsDouble, tags(labels));
    }

    private static Tag[] tags(Labels labels) {
        return labels.pairs().entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
    }
}
