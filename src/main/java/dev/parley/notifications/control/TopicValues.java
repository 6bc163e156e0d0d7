package dev.parley.notifications.control;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which live topics' last values are shared between nodes, implemented by the
 * cluster adapter (a no-op on a single node), so that a subscriber on any node, or a node that starts
 * later, gets the last value published anywhere.
 */
public interface TopicValues {

    /** A value was published on this node. */
    void published(String topic, String frame, Instant publishedAt);

    /** The last value another node published, when this node has none. */
    Optional<String> lastValue(String topic);
}
