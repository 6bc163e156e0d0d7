package dev.parley.presence.control;

/**
 * A user's first socket on this node opened ({@code online}), or their last one on this node closed.
 * {@code dev.parley.cluster.control.PresenceTracker} turns it into a cluster-wide {@link PresenceChanged}.
 */
public record NodePresenceChanged(String user, boolean online) {
}
