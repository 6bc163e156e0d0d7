package dev.parley.platform.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Parley's own registry: the Prometheus text format with the names Payara's MicroProfile Metrics gives. */
class PrometheusRegistryTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();

    @Test
    void countersEndInTotalAndGaugesAreReadAtEveryScrape() {
        Metrics.Counter messages = registry.counter("parley_jms_dead_lettered", Labels.of("queue", "parley.messages"));
        registry.counter("parley_jms_dead_lettered", Labels.of("queue", "parley.notifications")).inc(2);
        messages.inc(3);
        registry.counter("parley_jms_dead_lettered", Labels.of("queue", "parley.messages")).inc(1);
        AtomicInteger open = new AtomicInteger(7);
        registry.gauge("parley_sockets_open", Labels.of("endpoint", "chat"), open::get);
        open.set(9);
        assertEquals("""
                # TYPE parley_jms_dead_lettered_total counter
                parley_jms_dead_lettered_total{queue="parley.messages"} 4
                parley_jms_dead_lettered_total{queue="parley.notifications"} 2
                # TYPE parley_sockets_open gauge
                parley_sockets_open{endpoint="chat"} 9
                """, registry.scrape());
    }

    @Test
    void labelValuesAreEscapedAndAFailingGaugeIsLeftOut() {
        registry.gauge("odd", Labels.of("v", "a\"b\\c\nd"), () -> 1.5);
        registry.gauge("broken", Labels.of(), () -> {
            throw new IllegalStateException("database down");
        });
        assertEquals("""
                # TYPE broken gauge
                # TYPE odd gauge
                odd{v="a\\"b\\\\c\\nd"} 1.5
                """, registry.scrape());
    }

    @Test
    void badLabelsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Labels.of("queue"));
        assertThrows(IllegalArgumentException.class, () -> Labels.of("9queue", "x"));
    }
}
