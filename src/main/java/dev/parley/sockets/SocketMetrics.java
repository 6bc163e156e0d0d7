package dev.parley.sockets;

import dev.parley.platform.metrics.Metrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Locale;

/** Publishes the number of open sockets per endpoint as the gauge {@code parley_sockets_open{endpoint}}. */
@ApplicationScoped
public class SocketMetrics {

    @Inject
    Metrics metrics;

    @Inject
    SessionRegistry registry;

    void register(@Observes Startup startup) {
        for (Channel channel : Channel.values()) {
            metrics.gauge("parley_sockets_open", () -> registry.count(channel), "endpoint", channel.name().toLowerCase(Locale.ROOT));
        }
    }
}
