package dev.parley.cluster.control;

import dev.parley.notifications.control.TopicValues;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Topic last values that every node can read: with several nodes, each published value is also
 * written to the database, at most every {@value #FLUSH_MILLIS} ms per topic (a 100/s feed costs five
 * writes a second), and a node with no value for a topic reads it there when someone subscribes. Live
 * updates reach every node through the delivery port, so nodes that are running stay current anyway.
 * On one node nothing is written.
 */
@ApplicationScoped
public class SharedTopicValues implements TopicValues {

    private static final Logger LOG = Logger.getLogger(SharedTopicValues.class.getName());
    static final long FLUSH_MILLIS = 200;

    @Inject
    ClusterMode mode;

    @Inject
    ClusterStore store;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private record Value(String frame, Instant publishedAt) {
    }

    private final Map<String, Value> unwritten = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flusher;

    void start(@Observes Startup startup) {
        if (mode.clustered()) {
            flusher = scheduler.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        if (flusher != null) {
            flusher.cancel(false);
            flush();
        }
    }

    @Override
    public void published(String topic, String frame, Instant publishedAt) {
        if (mode.clustered()) {
            unwritten.put(topic, new Value(frame, publishedAt));
        }
    }

    /** The last value another node published, if this node has none. */
    @Override
    public Optional<String> lastValue(String topic) {
        if (!mode.clustered()) {
            return Optional.empty();
        }
        Value pending = unwritten.get(topic);
        return pending != null ? Optional.of(pending.frame()) : store.topicValue(topic);
    }

    private void flush() {
        for (String topic : unwritten.keySet()) {
            Value value = unwritten.remove(topic);
            if (value == null) {
                continue;
            }
            try {
                store.saveTopicValue(topic, value.frame(), value.publishedAt());
            } catch (RuntimeException e) {
                unwritten.putIfAbsent(topic, value);
                LOG.log(Level.WARNING, "Could not store the last value of topic " + topic, e);
                return;
            }
        }
    }
}
