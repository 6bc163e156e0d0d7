package dev.parley.presence.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** Publishes the number of open sockets per endpoint as the gauge {@code parley_sockets_open{endpoint}}. */
@ApplicationScoped
public class SocketMetrics {

    @Inject
    MetricRegistry metrics;

    @Inject
    SessionRegistry registry;

    void register(@Observes Startup startup) {
        for (Channel channel : Channel.values()) {
            metrics.gauge("parley_sockets_open", registry, r -> r.count(channel),
                    new Tag("endpoint", channel.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
