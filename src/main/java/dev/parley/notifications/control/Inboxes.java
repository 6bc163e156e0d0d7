package dev.parley.notifications.control;

import dev.parley.platform.config.Settings;
import dev.parley.sockets.Connection;
import dev.parley.sockets.SocketClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link Inbox} of every {@code /notifications} socket on this node. */
@ApplicationScoped
public class Inboxes {

    @Inject
    Settings settings;

    private final ConcurrentHashMap<String, Inbox> byConnection = new ConcurrentHashMap<>();

    public Inbox attach(Connection connection) {
        return byConnection.computeIfAbsent(connection.id(), id -> new Inbox(connection, settings.sendQueueLimit()));
    }

    public Optional<Inbox> find(String connectionId) {
        return Optional.ofNullable(byConnection.get(connectionId));
    }

    void detach(@Observes SocketClosed closed) {
        byConnection.remove(closed.connectionId());
    }
}
