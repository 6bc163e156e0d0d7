package dev.parley.presence.control;

import dev.parley.accounts.control.CredentialRevoked;
import dev.parley.accounts.entity.ParleyPrincipal;
import dev.parley.platform.config.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every socket open on this node, by session id and by user. Fan-out finds a user's sessions here;
 * logout closes the sockets of the ended credential; shutdown closes everything with 1001 so that
 * clients reconnect (to another node, once there are several) and resume.
 */
@ApplicationScoped
public class SessionRegistry {

    @Inject
    Settings settings;

    @Resource
    ManagedExecutorService executor;

    private final ConcurrentHashMap<String, Connection> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Connection>> byUser = new ConcurrentHashMap<>();

    /** Registers a freshly opened, authenticated socket. */
    public Connection open(Session session, ParleyPrincipal user, Channel channel) {
        Connection connection = new Connection(session.getId(), user, channel,
                new WebSocketTransport(session, executor), settings.sendQueueLimit(),
                settings.ratePerSecond(), settings.rateBurst(), System.nanoTime());
        byId.put(connection.id(), connection);
        byUser.computeIfAbsent(user.username(), u -> ConcurrentHashMap.newKeySet()).add(connection);
        return connection;
    }

    public Optional<Connection> find(String sessionId) {
        return Optional.ofNullable(byId.get(sessionId));
    }

    /** Forgets a socket that has closed; returns it if it was known. */
    public Optional<Connection> closed(String sessionId) {
        Connection connection = byId.remove(sessionId);
        if (connection == null) {
            return Optional.empty();
        }
        byUser.computeIfPresent(connection.username(), (user, sessions) -> {
            sessions.remove(connection);
            return sessions.isEmpty() ? null : sessions;
        });
        return Optional.of(connection);
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
