package dev.parley.chat.control;

import dev.parley.sockets.Connection;
import dev.parley.sockets.SocketClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whose presence each chat socket on this node asked for ({@code watch}), beyond the users it shares
 * a small conversation with. A socket that never watches costs nothing here.
 */
@ApplicationScoped
public class PresenceWatches {

    private final Map<String, Set<Connection>> watchers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> watchedBy = new ConcurrentHashMap<>();

    /** The socket now watches exactly {@code users} (none: it stops watching). */
    public synchronized void watch(Connection connection, Set<String> users) {
        unwatch(connection);
        if (users.isEmpty() || connection.isClosed()) {
            return;
        }
        watchedBy.put(connection.id(), Set.copyOf(users));
        for (String user : users) {
            watchers.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(connection);
        }
        if (connection.isClosed()) {
            unwatch(connection); // it closed meanwhile, and its close may have been observed before the watch
        }
    }

    /** The sockets on this node that watch {@code user}. */
    public Collection<Connection> watchersOf(String user) {
        Set<Connection> sockets = watchers.get(user);
        return sockets == null ? List.of() : sockets;
    }

    void closed(@Observes SocketClosed closed) {
        Set<String> users = watchedBy.get(closed.connectionId());
        if (users != null) {
            synchronized (this) {
                watchedBy.remove(closed.connectionId());
                users.forEach(user -> forget(user, closed.connectionId()));
            }
        }
    }

    private void unwatch(Connection connection) {
        Set<String> users = watchedBy.remove(connection.id());
        if (users != null) {
            users.forEach(user -> forget(user, connection.id()));
        }
    }

    private void forget(String user, String connectionId) {
        watchers.computeIfPresent(user, (u, sockets) -> {
            sockets.removeIf(socket -> socket.id().equals(connectionId));
            return sockets.isEmpty() ? null : sockets;
        });
    }
}
