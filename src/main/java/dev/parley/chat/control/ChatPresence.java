package dev.parley.chat.control;

import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.platform.config.Settings;
import dev.parley.platform.db.GroupCommit;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.presence.control.PresenceChanged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells users when someone they share a small conversation with (at most
 * {@link Settings#presenceRoomLimit()} members), or whom their socket watches, comes online or goes
 * offline. Changes are announced in batches on a thread of their own, never on the socket's: one
 * thread takes every change that queued while it announced the last ones, nets them (a user who went
 * and came back causes no frame), finds all their audiences with three queries and publishes one
 * envelope per user that changed. So a thousand members connecting at once cost a few queries, and a
 * large room costs nobody a frame per member.
 */
@ApplicationScoped
public class ChatPresence {

    private static final Logger LOG = Logger.getLogger(ChatPresence.class.getName());

    static final int MAX_BATCH = 1000;
    static final int QUEUE_CAPACITY = 50_000;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    ConversationService conversations;

    @Inject
    DeliveryPort delivery;

    @Inject
    JsonCodec codec;

    @Inject
    Settings settings;

    private GroupCommit<PresenceChanged> announcements;

    /** Created at startup, on the deploying thread, where the container's thread factory is injected. */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    @PostConstruct
    void start() {
        announcements = new GroupCommit<>("parley-presence", QUEUE_CAPACITY, MAX_BATCH, threads, new GroupCommit.Committer<>() {
            @Override
            public void commit(List<PresenceChanged> batch) {
                announce(batch);
            }

            @Override
            public void fail(List<PresenceChanged> batch, Exception failure) {
                // Presence is best effort (during shutdown the database may already be gone).
                LOG.log(Level.FINE, batch.size() + " presence changes not announced", failure);
            }
        });
    }

    @PreDestroy
    void stop() {
        announcements.stop();
    }

    void changed(@Observes PresenceChanged change) {
        try {
            announcements.submit(change, "presence changes are queued beyond capacity");
        } catch (ParleyException busy) {
            LOG.log(Level.WARNING, "The presence change of " + change.user() + " is not announced: " + busy.getMessage());
        }
    }

    private void announce(List<PresenceChanged> batch) {
        Map<String, Boolean> changes = net(batch);
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Set<String>> audiences = conversations.presenceAudiences(changes.keySet(), settings.presenceRoomLimit());
        changes.forEach((user, online) -> delivery.publish(new Envelope.Presence(user, audiences.getOrDefault(user, Set.of()),
                codec.write(new ChatFrames.Presence(user, online)))));
    }

    /**
     * Each user's net change over a batch, in the order users first changed: their last state, or
     * nothing when it is the state they had before the batch (a change only ever flips the state).
     */
    static Map<String, Boolean> net(List<PresenceChanged> batch) {
        Map<String, Boolean> before = new HashMap<>();
        Map<String, Boolean> after = new LinkedHashMap<>();
        for (PresenceChanged change : batch) {
            before.putIfAbsent(change.user(), !change.online());
            after.put(change.user(), change.online());
        }
        after.entrySet().removeIf(change -> change.getValue().equals(before.get(change.getKey())));
        return after;
    }
}
