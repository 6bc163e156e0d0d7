package dev.parley.presence.control;

import dev.parley.sockets.NodePresenceChanged;
import dev.parley.sockets.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;

/**
 * Who is online. On one node, a user's first and last socket here are their presence, and
 * {@link PresenceChanged} follows at once. With several nodes the {@link SharedPresence} port decides
 * (a user is online while any node holds a socket of theirs) and fires the change itself.
 */
@ApplicationScoped
public class PresenceService {

    @Inject
    SessionRegistry registry;

    @Inject
    SharedPresence shared;

    @Inject
    Event<PresenceChanged> changed;

    void nodeChanged(@Observes NodePresenceChanged change) {
        if (shared.active()) {
            shared.record(change.user(), change.online());
        } else {
            changed.fire(new PresenceChanged(change.user(), change.online()));
        }
    }

    /** The most users one presence question ({@link #online}, a socket's {@code watch}) may name. */
    public static final int MAX_USERS = 200;

    /** Those of {@code users} who have a socket open (on any node, when clustered), in the given order. */
    public List<String> online(List<String> users) {
        if (!shared.active()) {
            return users.stream().filter(registry::isOnline).toList();
        }
        Set<String> online = shared.online(users);
        return users.stream().filter(online::contains).toList();
    }
}
