package dev.parley.notifications.control;

import dev.parley.platform.config.Settings;
import dev.parley.sockets.Connection;
import dev.parley.sockets.SocketClosed;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Live-data topics on this node: who subscribes to each, and its last value (nothing else is kept).
 *
 * <p>Updates are paced: a topic's subscribers get its newest value at most
 * {@link Settings#topicMaxRate()} times a second. An update to a topic that was quiet for a whole
 * interval goes out at once; later ones within the interval wait for the next tick, where only the
 * newest is sent. A fast feed therefore costs each subscriber a bounded number of frames, and the
 * last value always arrives. Beyond that, a subscriber that falls behind gets the newest value of a
 * topic, not every value ({@link Connection#sendLatest}), so a feed never backs up behind a slow client.
 *
 * <p>Subscribing and fanning out one topic are serialised, so a new subscriber sees
 * {@code subscribed}, then the last value, then every later value sent (a newer value that was
 * waiting for the tick when it subscribed comes once more at the tick).
 */
@ApplicationScoped
public class TopicIndex {

    public static final int MAX_TOPICS_PER_SOCKET = 1000;

    private static final class Topic {
        final Set<Connection> subscribers = ConcurrentHashMap.newKeySet();
        /** The newest value (guarded by this). */
        String last;
        /** The value last sent to the subscribers (guarded by this). */
        String sent;
        /** When it was sent (guarded by this). */
        long sentAtNanos;
        /** Whether {@link #last} waits for the next tick (guarded by this). */
        boolean pending;
    }

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

    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> bySocket = new ConcurrentHashMap<>();
    /** Topics whose newest value waits for the next tick. */
    private final Set<String> due = ConcurrentHashMap.newKeySet();
    private long intervalNanos;
    private ScheduledFuture<?> ticks;

    @PostConstruct
    void start() {
        pace(settings.topicMaxRate());
        if (intervalNanos > 0) {
            ticks = scheduler.scheduleAtFixedRate(() -> tick(System.nanoTime()), intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    /** Sets the pace: at most {@code maxRate} values a second per topic, or every value if 0. */
    void pace(int maxRate) {
        intervalNanos = maxRate == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / maxRate;
    }

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

    /** Remembers the value and sends it to every subscriber, now or at the next tick (see the pace above). */
    public void publish(String name, String frame) {
        publish(name, frame, System.nanoTime());
    }

    void publish(String name, String frame, long nowNanos) {
        Topic topic = topics.computeIfAbsent(name, n -> new Topic());
        synchronized (topic) {
            topic.last = frame;
            if (topic.pending) {
                return;
            }
            if (intervalNanos == 0 || topic.sent == null || nowNanos - topic.sentAtNanos >= intervalNanos) {
                fanOut(name, topic, nowNanos);
            } else {
                topic.pending = true;
                due.add(name);
            }
        }
    }

    /** Sends every topic's newest value that waited for this tick. */
    void tick(long nowNanos) {
        for (String name : due) {
            due.remove(name);
            Topic topic = topics.get(name);
            if (topic != null) {
                synchronized (topic) {
                    if (topic.pending) {
                        fanOut(name, topic, nowNanos);
                    }
                }
            }
        }
    }

    /** Only while holding the topic's lock. */
    private static void fanOut(String name, Topic topic, long nowNanos) {
        topic.pending = false;
        topic.sent = topic.last;
        topic.sentAtNanos = nowNanos;
        for (Connection subscriber : topic.subscribers) {
            subscriber.sendLatest(name, topic.sent);
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
                topic.sent = frame;
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
