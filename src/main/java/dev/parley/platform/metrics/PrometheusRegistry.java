package dev.parley.platform.metrics;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parley's own metrics registry, for servers without MicroProfile Metrics. It renders the Prometheus
 * text format (version 0.0.4) with the same names Payara's MicroProfile Metrics gives: counters end in
 * {@code _total}.
 */
public final class PrometheusRegistry implements MetricsBackend {

    private static final Logger LOG = Logger.getLogger(PrometheusRegistry.class.getName());

    /** Per exported name, its type and series; sorted so that the output is stable. */
    private final ConcurrentMap<String, Family> families = new ConcurrentSkipListMap<>();

    private record Family(String type, ConcurrentMap<Labels, DoubleSupplier> series) {
    }

    @Override
    public Metrics.Counter counter(String name, Labels labels) {
        Family family = family(name + "_total", "counter");
        LongAdder adder = new LongAdder();
        DoubleSupplier existing = family.series().putIfAbsent(labels, new CounterValue(adder));
        LongAdder counting = existing instanceof CounterValue value ? value.adder() : adder;
        return counting::add;
    }

    @Override
    public void gauge(String name, Labels labels, DoubleSupplier value) {
        family(name, "gauge").series().put(labels, value);
    }

    private Family family(String name, String type) {
        Family family = families.computeIfAbsent(name, n -> new Family(type, new ConcurrentHashMap<>()));
        if (!family.type().equals(type)) {
            throw new IllegalArgumentException(name + " is a " + family.type() + ", not a " + type);
        }
        return family;
    }

    private record CounterValue(LongAdder adder) implements DoubleSupplier {
        @Override
        public double getAsDouble() {
            return adder.sum();
        }
    }

    /** Every metric in the Prometheus text format. A gauge that fails to read is left out and logged. */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        for (Map.Entry<String, Family> entry : families.entrySet()) {
            String name = entry.getKey();
            out.append("# TYPE ").append(name).append(' ').append(entry.getValue().type()).append('\n');
            List<Map.Entry<Labels, DoubleSupplier>> series = entry.getValue().series().entrySet().stream()
                    .sorted((a, b) -> a.getKey().pairs().toString().compareTo(b.getKey().pairs().toString()))
                    .toList();
            for (Map.Entry<Labels, DoubleSupplier> one : series) {
                double value;
                try {
                    value = one.getValue().getAsDouble();
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Metric " + name + " could not be read", e);
                    continue;
                }
                out.append(name);
                appendLabels(out, one.getKey());
                out.append(' ').append(format(value)).append('\n');
            }
        }
        return out.toString();
    }

    private static void appendLabels(StringBuilder out, Labels labels) {
        if (labels.pairs().isEmpty()) {
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> pair : labels.pairs().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(pair.getKey()).append("=\"");
            escape(out, Objects.toString(pair.getValue(), ""));
            out.append('"');
        }
        out.append('}');
    }

    private static void escape(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
    }

    private static String format(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
