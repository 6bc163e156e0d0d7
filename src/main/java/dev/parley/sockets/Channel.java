package dev.parley.sockets;

import java.util.Locale;

/** The two WebSocket endpoints a connection can be open on. */
public enum Channel {
    CHAT, NOTIFICATIONS;

    public String path() {
        return "/" + name().toLowerCase(Locale.ROOT);
    }
}
