/**
 * Parley's metrics, independent of the server: features record counters and gauges through
 * {@link dev.parley.platform.metrics.Metrics}; MicroProfile Metrics exports them where the server has
 * it (Payara), Parley's own Prometheus registry where it does not (WildFly).
 */
package dev.parley.platform.metrics;
