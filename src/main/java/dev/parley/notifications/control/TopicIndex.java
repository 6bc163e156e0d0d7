package dev.parley.notifications.control;

import dev.parley.sockets.Connection;
import dev.parley.sockets.SocketClosed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Live-data topics on this node: who subscribes to each, and its last value (nothing else is kept).
 * A subscriber that falls behind gets the newest value of a topic, not every value, so a fast feed
 * never backs up behind a slow client. Subscribing and publishing to one topic are serialised, so a
 * new subscriber sees {@code subscribed}, then the last value, then every later update.
 */
@ApplicationScoped
public class TopicIndex {

    public static final int MAX_TOPICS_PER_SOCKET = 1000;

    private static final class Topic {
        final Set<Connection> subscribers = ConcurrentHashMap.newKeySet();
        volatile String last;
    }

    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> bySocket = new ConcurrentHashMap<>();

    /** Subscribes and sends {@code reply}, then the last value if there is one; false if the socket has too many topics. */
    public boolean subscribe(Connection connection, String name, String reply) {
        Set<String> mine = bySocket.computeIfAbsent(connection.id(), id -> ConcurrentHashMap.newKeySet());
        if (!mine.contains(name) && mine.size() >= MAX_TOPICS_PER_SOCKET) {
            return false;
        }
        mine.add(name);
        Topic topic = topics.computeIfAbsent(name, n -> new Topic());
        synchronized (topic) {
            topic.subscribers.add(connection);
            connection.reply(reply);
            if (topic.last != null) {
                connection.sendLatest(name, topic.last);
            }
        }
        return true;
    }

    public void unsubscribe(Connection connection, String name) {
        Set<String> mine = bySocket.get(connection.id());
        if (mine != null) {
            mine.remove(name);
        }
        Topic topic = topics.get(name);
        if (topic != null) {
            topic.subscribers.remove(connection);
        }
    }

    /** Remembers the value and queues it for every subscriber (superseding an older value still waiting). */
    public void publish(String name, String frame) {
        Topic topic = topics.computeIfAbsent(name, n -> new Topic());
        synchronized (topic) {
            topic.last = frame;
            for (Connection subscriber : topic.subscribers) {
                subscriber.sendLatest(name, frame);
            }
        }
    }

    public boolean hasLastValue(String name) {
        Topic topic = topics.get(name);
        return topic != null && topic.last != null;
    }

    /** Takes a last value read elsewhere (another node's), unless a live one arrived meanwhile. */
    public void seed(String name, String frame) {
        Topic topic = topics.computeIfAbsent(name, n -> new Topic());
        synchronized (topic) {
            if (topic.last == null) {
                topic.last = frame;
            }
        }
    }

    public int subscribers(String name) {
        Topic topic = topics.get(name);
        return topic == null ? 0 : topic.subscribers.size();
    }

    void closed(@Observes SocketClosed closed) {
        Set<String> mine = bySocket.remove(closed.connectionId());
        if (mine == null) {
            return;
        }
        for (String name : mine) {
            Topic topic = topics.get(name);
            if (topic != null) {
                topic.subscribers.removeIf(c -> c.id().equals(closed.connectionId()));
            }
        }
    }
}
