package dev.parley.chat.control;

import dev.parley.platform.config.Settings;
import dev.parley.sockets.Connection;
import dev.parley.sockets.SocketClosed;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Which chat sockets on this node receive which conversation. Filled when a chat socket opens (from
 * the user's memberships) and kept current by membership changes, so that delivering a message
 * needs no database query: the conversation's local subscribers are one lookup away.
 */
@ApplicationScoped
public class ConversationIndex {

    static final long RESUME_GRACE_MILLIS = 2000;

    @Inject
    Settings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /**
     * Created at startup, on the deploying thread: the container's executor is injected there, but a
     * bean first created on a WebSocket thread (no naming context on Payara) gets none.
     */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    private final ConcurrentHashMap<String, Subscriber> byConnection = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Subscriber>> byConversation = new ConcurrentHashMap<>();

    /**
     * Makes a chat socket a subscriber (to no conversation yet). Its live messages wait for its first
     * resume, or {@value #RESUME_GRACE_MILLIS} ms for a client that never sends one.
     */
    public Subscriber attach(Connection connection) {
        Subscriber subscriber = byConnection.computeIfAbsent(connection.id(), id -> new Subscriber(connection, settings.sendQueueLimit()));
        scheduler.schedule(subscriber::stopAwaitingResume, RESUME_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        return subscriber;
    }

    public Optional<Subscriber> find(String connectionId) {
        return Optional.ofNullable(byConnection.get(connectionId));
    }

    public void subscribe(Subscriber subscriber, String conversation) {
        if (subscriber.add(conversation)) {
            byConversation.computeIfAbsent(conversation, c -> ConcurrentHashMap.newKeySet()).add(subscriber);
        }
    }

    public void unsubscribe(Subscriber subscriber, String conversation) {
        if (subscriber.remove(conversation)) {
            byConversation.computeIfPresent(conversation, (c, subscribers) -> {
                subscribers.remove(subscriber);
                return subscribers.isEmpty() ? null : subscribers;
            });
        }
    }

    /** Forgets a closed socket everywhere. */
    void detach(@Observes SocketClosed closed) {
        detach(closed.connectionId());
    }

    public void detach(String connectionId) {
        Subscriber subscriber = byConnection.remove(connectionId);
        if (subscriber != null) {
            for (String conversation : List.copyOf(subscriber.conversations())) {
                unsubscribe(subscriber, conversation);
            }
        }
    }

    public Collection<Subscriber> subscribers(String conversation) {
        Set<Subscriber> subscribers = byConversation.get(conversation);
        return subscribers == null ? List.of() : subscribers;
    }
}
