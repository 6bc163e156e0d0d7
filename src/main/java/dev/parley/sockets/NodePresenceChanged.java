package dev.parley.sockets;

/**
 * A user's first socket on this node opened ({@code online}), or their last one on this node closed.
 * The presence feature turns it into a user's presence, on this node or across the cluster.
 */
public record NodePresenceChanged(String user, boolean online) {
}
