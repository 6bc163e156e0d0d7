package dev.parley.sockets;

/** A socket is gone from this node (closed by the server or by the peer). */
public record SocketClosed(String connectionId, String user) {
}
