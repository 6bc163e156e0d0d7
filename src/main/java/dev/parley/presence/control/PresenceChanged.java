package dev.parley.presence.control;

/**
 * A user came online (their first socket on any node opened) or went offline (their last socket on
 * every node closed, or the node holding it died). Fired once in the whole cluster.
 */
public record PresenceChanged(String user, boolean online) {
}
