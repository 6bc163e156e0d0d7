package dev.parley.accounts.control;

/**
 * An administrator asked to close every socket of a user on every node (their clients reconnect and
 * resume). The socket side observes it; accounts know nothing of sockets.
 */
public record DisconnectRequested(String username, String reason) {
}
