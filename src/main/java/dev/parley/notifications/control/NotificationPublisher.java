package dev.parley.notifications.control;

import dev.parley.notifications.control.NotificationEvents.NotificationCreated;
import dev.parley.notifications.control.NotificationFrames.NotificationView;
import dev.parley.notifications.entity.Notification;
import dev.parley.notifications.entity.NotificationContent;
import dev.parley.notifications.entity.Preferences;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Publishing: one notification per recipient, stored in the caller's transaction and pushed (where the
 * recipient's preferences allow) once it commits. A publication to everyone goes to the
 * {@link BroadcastStore}, which answers at once and stores in chunks.
 */
@ApplicationScoped
public class NotificationPublisher {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    PreferenceService preferences;

    @Inject
    BroadcastStore broadcasts;

    @Inject
    JsonCodec codec;

    @Inject
    Clock clock;

    @Inject
    Event<NotificationCreated> created;

    /** Publishes to the listed users, or to everyone. @return one notification id per recipient */
    @Transactional
    public List<Long> publish(Publication publication) {
        return publication.toAll() ? broadcasts.queue(publication.content()) : publish(publication.users(), publication.content());
    }

    /**
     * Stores one notification per listed recipient, in one transaction; once committed, those the
     * recipients' preferences allow are pushed. Unknown users fail the whole call, storing nothing.
     */
    @Transactional
    public List<Long> publish(List<String> users, NotificationContent content) {
        Set<String> recipients = new LinkedHashSet<>(users);
        if (recipients.isEmpty()) {
            throw ParleyException.badRequest("'to.users' must name at least one user");
        }
        Set<String> known = new HashSet<>(em.createQuery(
                "select a.username from Account a where a.username in :users", String.class)
                .setParameter("users", recipients).getResultList());
        if (known.size() < recipients.size()) {
            Set<String> unknown = new TreeSet<>(recipients);
            unknown.removeAll(known);
            throw ParleyException.badRequest("unknown users: " + String.join(", ", unknown));
        }
        return store(new ArrayList<>(recipients), content);
    }

    /**
     * Several publications to users known to exist (members of a conversation, say), in the caller's
     * transaction: one lookup of preferences and one flush for all of them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishEach(List<Publication> publications) {
        Set<String> everyone = new HashSet<>();
        publications.forEach(publication -> everyone.addAll(publication.users()));
        Map<String, Preferences> rules = preferences.of(everyone);
        List<Stored> stored = new ArrayList<>();
        Instant now = clock.instant();
        for (Publication publication : publications) {
            stored.addAll(persist(publication.users(), publication.content(), rules, now));
        }
        announce(stored);
    }

    private List<Long> store(List<String> recipients, NotificationContent content) {
        List<Stored> stored = persist(recipients, content, preferences.of(recipients), clock.instant());
        announce(stored);
        return stored.stream().map(one -> one.notification().id()).toList();
    }

    private record Stored(Notification notification, JsonValue data) {
    }

    private List<Stored> persist(List<String> recipients, NotificationContent content, Map<String, Preferences> rules, Instant now) {
        JsonValue data = codec.readStored(content.data());
        List<Stored> stored = new ArrayList<>(recipients.size());
        for (String recipient : recipients) {
            boolean push = rules.getOrDefault(recipient, Preferences.NONE).pushes(content.category(), content.priority(), now);
            Notification notification = new Notification(recipient, content, push, now);
            em.persist(notification);
            stored.add(new Stored(notification, data));
        }
        return stored;
    }

    /** Writes the notifications out, then tells the outbox and, after the commit, the recipients' sockets. */
    private void announce(List<Stored> stored) {
        em.flush();
        for (Stored one : stored) {
            Notification notification = one.notification();
            created.fire(new NotificationCreated(notification.recipient(), NotificationView.of(notification, one.data()), notification.pushable()));
        }
    }
}
