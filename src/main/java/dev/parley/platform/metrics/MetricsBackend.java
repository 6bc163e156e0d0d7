package dev.parley.platform.metrics;

import java.util.function.DoubleSupplier;

/** What {@link Metrics} writes to: the server's MicroProfile Metrics, or Parley's own registry. */
interface MetricsBackend {

    Metrics.Counter counter(String name, Labels labels);

    void gauge(String name, Labels labels, DoubleSupplier value);
}
