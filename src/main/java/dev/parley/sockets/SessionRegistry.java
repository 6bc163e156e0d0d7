package dev.parley.sockets;

import dev.parley.accounts.control.CredentialRevoked;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.platform.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Every socket open on this node, by session id and by user. A user's first socket and last socket fire
 * {@link NodePresenceChanged}. Fan-out finds a user's sessions here;
 * logout closes the sockets of the ended credential; shutdown closes everything with 1001 so that
 * clients reconnect (to another node, once there are several) and resume.
 */
@ApplicationScoped
public class SessionRegistry {

    @Inject
    Settings settings;

    @Inject
    SocketWriters writers;

    @Inject
    Event<NodePresenceChanged> presence;

    @Inject
    Event<SocketClosed> socketClosed;

    private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();

    /** Registers a freshly opened, authenticated WebSocket. */
    public Connection open(Session session, ParleyPrincipal user, Channel channel) {
        return open(session.getId(), user, channel, new WebSocketTransport(session, writers));
    }

    /** Registers a freshly opened, authenticated connection on any transport, under an id unique on this node. */
    public Connection open(String id, ParleyPrincipal user, Channel channel, Transport transport) {
        Connection connection = new Connection(id, user, channel,
                transport, writers, settings.sendQueueLimit(), settings.sendWindowChars(),
                settings.ratePerSecond(), settings.rateBurst(), System.nanoTime());
        connection.onClosed(() -> {
            try {
                writers.execute(() -> closed(connection.id()));
            } catch (RejectedExecutionException shuttingDown) {
                closed(connection.id());
            }
        });
        byId.put(connection.id(), connection);
        boolean[] first = new boolean[1];
        byUser.compute(user.username(), (u, sessions) -> {
            Set<Connection> current = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            first[0] = current.isEmpty();
            current.add(connection);
            return current;
        });
        if (first[0]) {
            presence.fire(new NodePresenceChanged(user.username(), true));
        }
        return connection;
    }

    public Optional<Connection> find(String sessionId) {
        return Optional.ofNullable(byId.get(sessionId));
    }

    /**
     * Forgets a socket: when the server closed it, or when the peer's close arrived, whichever comes
     * first (the second call finds nothing). Fires {@link SocketClosed}, and {@link NodePresenceChanged}
     * for the user's last socket.
     */
    public Optional<Connection> closed(String sessionId) {
        Connection connection = byId.remove(sessionId);
        if (connection == null) {
            return Optional.empty();
        }
        connection.close(Connection.CLOSE_GOING_AWAY, "closed");
        socketClosed.fire(new SocketClosed(sessionId, connection.username()));
        boolean[] last = new boolean[1];
        byUser.computeIfPresent(connection.username(), (user, sessions) -> {
            sessions.remove(connection);
            last[0] = sessions.isEmpty();
            return last[0] ? null : sessions;
        });
        if (last[0]) {
            presence.fire(new NodePresenceChanged(connection.username(), false));
        }
        return Optional.of(connection);
    }

    public boolean isOnline(String username) {
        return byUser.containsKey(username);
    }

    /** The user's open sockets on this node, on every endpoint. */
    public Collection<Connection> of(String username) {
        Set<Connection> sessions = byUser.get(username);
        return sessions == null ? List.of() : List.copyOf(sessions);
    }

    public Collection<Connection> all() {
        return List.copyOf(byId.values());
    }

    public long count(Channel channel) {
        return byId.values().stream().filter(c -> c.channel() == channel).count();
    }

    /** Logout: the sockets opened with the ended credential close with 1008 (policy violation). */
    void onCredentialRevoked(@Observes(during = TransactionPhase.AFTER_SUCCESS) CredentialRevoked revoked) {
        for (Connection connection : of(revoked.username())) {
            if (connection.user().credentialId().equals(revoked.credentialId())) {
                connection.close(Connection.CLOSE_POLICY, "logged out");
            }
        }
    }

    @PreDestroy
    void shutdown() {
        for (Connection connection : byId.values()) {
            connection.close(Connection.CLOSE_GOING_AWAY, "server shutting down");
        }
    }
}
