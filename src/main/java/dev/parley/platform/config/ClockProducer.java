package dev.parley.platform.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** The one clock Parley reads time from, so time-dependent rules are testable with a fixed clock. */
@ApplicationScoped
public class ClockProducer {

    /**
     * UTC, in whole microseconds: what PostgreSQL and H2 keep of a timestamp. A time the server
     * answers with at once (a message's {@code sentAt} in its {@code ack}) is then the same as the one
     * read back later (in {@code history}).
     */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }
}
