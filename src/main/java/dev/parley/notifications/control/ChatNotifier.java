package dev.parley.notifications.control;

import dev.parley.chat.control.ChatEvents.MessagePosted;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.control.ConversationService;
import dev.parley.chat.control.MessageStore;
import dev.parley.chat.entity.ConversationId;
import dev.parley.notifications.entity.ChatNotificationDue;
import dev.parley.notifications.entity.NotificationContent;
import dev.parley.notifications.entity.Priority;
import dev.parley.platform.config.Settings;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.retry.Backoff;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chat messages that concern someone become notifications (category {@code chat}): a direct message
 * for its recipient, an {@code @username} mention for that room member. So that someone reading the
 * conversation right now is not notified, the notification is created only if the message is still
 * unread {@code PARLEY_CHAT_NOTIFY_DELAY_SECONDS} after it was sent (the way Slack and Mattermost
 * hold back their emails and pushes).
 *
 * <p>Nothing pending lives only in memory: the due time is a row written in the message's own
 * transaction, and every node polls for due rows; the node that deletes a row creates the
 * notification in the same transaction. A node that dies inside the delay loses nothing.
 */
@ApplicationScoped
public class ChatNotifier {

    private static final Logger LOG = Logger.getLogger(ChatNotifier.class.getName());
    static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.@-])@([a-z0-9_.-]{3,32})");
    static final int PREVIEW = 200;
    static final long POLL_MILLIS = 500;
    static final int BATCH = 100;

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    ConversationService conversations;

    @Inject
    MessageStore messages;

    @Inject
    NotificationPublisher notifications;

    @Inject
    Settings settings;

    @Inject
    JsonCodec codec;

    @Inject
    Clock clock;

    @Inject
    ChatNotifier self;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Backoff backoff = new Backoff(LOG, "Creating due chat notifications", Duration.ofSeconds(1), Duration.ofSeconds(30));
    private volatile long pauseUntil;
    private ScheduledFuture<?> poller;

    /** In the message's transaction: a message that concerns someone is due for a check after the delay. */
    void posted(@Observes MessagePosted posted) {
        if (!concerned(posted.message()).isEmpty()) {
            // Persisted, not inserted by a native statement: that would flush the whole batch of sends
            // it joins, once per message. It is written after the message, at the batch's flush.
            em.persist(new ChatNotificationDue(posted.message().id(), clock.instant().plusSeconds(settings.chatNotifyDelaySeconds())));
        }
    }

    void start(@Observes Startup startup) {
        poller = scheduler.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        if (poller != null) {
            poller.cancel(false);
        }
    }

    private void poll() {
        if (System.nanoTime() - pauseUntil < 0) {
            return;
        }
        try {
            for (String messageId : self.due()) {
                self.take(messageId);
            }
            backoff.succeeded();
        } catch (RuntimeException e) {
            pauseUntil = System.nanoTime() + backoff.failed(e).toNanos();
        }
    }

    /** The ids of messages whose delay has passed, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> due() {
        return em.createNativeQuery("select message_id from chat_notification_due where due_at <= ?1 order by due_at")
                .setParameter(1, Timestamp.from(clock.instant()))
                .setMaxResults(BATCH)
                .getResultList();
    }

    /**
     * Takes one due message: the node whose delete removes the row creates the notification, in the
     * same transaction (another node that got there first already did; a failure rolls both back).
     */
    @Transactional
    public void take(String messageId) {
        int taken = em.createNativeQuery("delete from chat_notification_due where message_id = ?1")
                .setParameter(1, messageId).executeUpdate();
        if (taken == 1) {
            messages.find(messageId).ifPresent(this::notifyIfUnread);
        }
    }

    /** Who a message concerns: the other participant of a direct conversation, or the mentioned users of a room. */
    static Set<String> concerned(MessageView message) {
        ConversationId id = ConversationId.parse(message.conversation());
        Set<String> users = new LinkedHashSet<>();
        if (id.isDirect()) {
            users.addAll(id.participants());
        } else {
            Matcher mention = MENTION.matcher(message.text());
            while (mention.find()) {
                users.add(mention.group(1));
            }
        }
        users.remove(message.sender());
        return users;
    }

    void notifyIfUnread(MessageView message) {
        ConversationId id = ConversationId.parse(message.conversation());
        Map<String, Long> read = conversations.readPositions(id, concerned(message));
        List<String> unread = read.entrySet().stream().filter(e -> e.getValue() < message.seq()).map(Map.Entry::getKey).sorted().toList();
        if (unread.isEmpty()) {
            return;
        }
        String preview = message.text().codePointCount(0, message.text().length()) > PREVIEW
                ? message.text().substring(0, message.text().offsetByCodePoints(0, PREVIEW)) + "…"
                : message.text();
        String title = id.isDirect() ? message.sender() + " sent you a message" : message.sender() + " mentioned you in " + id;
        var data = codec.provider().createObjectBuilder()
                .add("conversation", message.conversation())
                .add("seq", message.seq())
                .add("messageId", message.id())
                .add("sender", message.sender())
                .build();
        notifications.publish(unread, new NotificationContent("chat", id.isDirect() ? Priority.NORMAL : Priority.HIGH,
                title, preview.isEmpty() ? null : preview, null, data.toString()));
    }
}
