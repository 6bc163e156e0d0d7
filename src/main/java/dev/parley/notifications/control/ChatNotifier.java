package dev.parley.notifications.control;

import dev.parley.accounts.entity.Account;
import dev.parley.chat.control.ChatEvents.MessageChanged;
import dev.parley.chat.control.ChatEvents.MessagesPosted;
import dev.parley.chat.control.ChatFrames.ChangeView;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.control.ConversationService;
import dev.parley.chat.control.MessageStore;
import dev.parley.chat.entity.ConversationId;
import dev.parley.chat.entity.MessageChange;
import dev.parley.notifications.entity.ChatNotificationDue;
import dev.parley.notifications.entity.NotificationContent;
import dev.parley.notifications.entity.Priority;
import dev.parley.platform.config.Settings;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.retry.Backoff;
import dev.parley.presence.control.PresenceService;
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
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.Session;

/**
 * Chat messages that concern someone become notifications (category {@code chat}): a direct message
 * for its recipient, an {@code @username} mention for that room member, {@code @channel} (and
 * {@code @room}, {@code @everyone}, {@code @all}) for every member and {@code @here} for those online
 * when the room lets the sender, a reply for its thread's participants. So that someone reading the
 * conversation right now is not notified, the notification is created only if the message is still
 * unread {@code PARLEY_CHAT_NOTIFY_DELAY_SECONDS} after it was sent (the way Slack and Mattermost
 * hold back their emails and pushes). Messages that fall due together (a poll takes up to
 * {@link #BATCH}) become one notification per conversation, sender and recipient: "alice sent you 3
 * messages".
 *
 * <p>Nothing pending lives only in memory: the due time is a row written in the message's own
 * transaction, and every node polls for due rows; the node that deletes a row creates its
 * notification in the same transaction. A node that dies inside the delay loses nothing.
 */
@ApplicationScoped
public class ChatNotifier {

    private static final Logger LOG = Logger.getLogger(ChatNotifier.class.getName());
    static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.@-])@([a-z0-9_.-]{3,32})");
    /** {@code @here} (the members online) or {@code @channel}, {@code @room}, {@code @everyone}, {@code @all} (every member). */
    static final Pattern EVERYONE = Pattern.compile("(?<![A-Za-z0-9_.@-])@(here|channel|room|everyone|all)(?![a-z0-9_.-])");
    static final int PREVIEW = 200;
    static final long POLL_MILLIS = 500;
    static final int BATCH = 500;

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    ConversationService conversations;

    @Inject
    MessageStore messages;

    @Inject
    NotificationPublisher notifications;

    @Inject
    PresenceService presence;

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

    /** In the messages' transaction: each message that concerns someone is due for a check after the delay. */
    void posted(@Observes MessagesPosted posted) {
        Instant due = clock.instant().plusSeconds(settings.chatNotifyDelaySeconds());
        for (MessageView message : posted.messages()) {
            if (!concerned(message).isEmpty() || message.thread() != null || mentionsEveryone(message) != null) {
                // Persisted with its own key: written with the messages at the batch's flush, in JDBC batches.
                em.persist(new ChatNotificationDue(message.id(), due));
            }
        }
    }

    /**
     * In a deletion's transaction: the deleted message notifies nobody any more, and the notifications
     * that quote it (their preview is its text) keep their title without the text. Those went to
     * members (a mentioned user who has left since keeps theirs).
     */
    void changed(@Observes MessageChanged changed) {
        ChangeView change = changed.change();
        if (!change.kind().equals(MessageChange.Kind.DELETED.wireName())) {
            return;
        }
        em.createNativeQuery("delete from chat_notification_due where message_id = ?1").setParameter(1, change.messageId()).executeUpdate();
        em.createNativeQuery("update notification set body = null where category = 'chat' and data like ?1"
                        + " and recipient in (select username from membership where conversation_id = ?2)")
                .setParameter(1, "%\"messageId\":\"" + change.messageId() + "\"%")
                .setParameter(2, change.conversation()).executeUpdate();
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
            while (self.takeDue() == BATCH) {
                // a backlog: take the next batch at once
            }
            backoff.succeeded();
        } catch (RuntimeException e) {
            pauseUntil = System.nanoTime() + backoff.failed(e).toNanos();
        }
    }

    /**
     * Takes up to {@link #BATCH} due messages in one transaction and notifies, per conversation,
     * sender and recipient, once for what is still unread. Of rows that two nodes see at once, each
     * goes to the node whose delete removes it; both delete in the same order, so neither waits on
     * the other in a cycle. Returns how many rows were due.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public int takeDue() {
        List<String> due = em.createNativeQuery(
                        "select message_id from chat_notification_due where due_at <= ?1 order by due_at, message_id")
                .setParameter(1, Timestamp.from(clock.instant()))
                .setMaxResults(BATCH)
                .getResultList();
        List<MessageView> messages = this.messages.findAll(delete(due));
        // Views are all this needs: nothing loaded stays for the flushes below to check.
        em.clear();
        Map<String, Set<String>> participants = new HashMap<>();
        Map<MessageView, Set<String>> concernedBy = new HashMap<>();
        for (MessageView message : messages) {
            Set<String> users = new TreeSet<>(concerned(message));
            if (message.thread() != null) {
                users.addAll(participants.computeIfAbsent(message.conversation() + "\n" + message.thread(),
                        key -> this.messages.threadParticipants(ConversationId.parse(message.conversation()), message.thread())));
            }
            String everyone = mentionsEveryone(message);
            if (everyone != null) {
                List<String> members = conversations.everyoneMentionedBy(message.sender(), ConversationId.parse(message.conversation()));
                users.addAll(everyone.equals("here") ? presence.online(members) : members);
            }
            users.remove(message.sender());
            concernedBy.put(message, users);
        }
        Map<ConversationId, Set<String>> concerned = new LinkedHashMap<>();
        messages.forEach(message -> concerned.computeIfAbsent(ConversationId.parse(message.conversation()), id -> new TreeSet<>())
                .addAll(concernedBy.get(message)));
        Map<ConversationId, Map<String, Long>> read = conversations.readPositions(concerned);
        notifications.publishEach(digest(messages, concernedBy::get, (id, users) -> read.getOrDefault(id, Map.of())).stream()
                .map(digest -> new Publication(false, digest.recipients(), content(digest)))
                .toList());
        return due.size();
    }

    /** Deletes the rows, in order, in JDBC batches; returns the ids whose row this delete removed. */
    private List<String> delete(List<String> messageIds) {
        List<String> taken = new ArrayList<>(messageIds.size());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("delete from chat_notification_due where message_id = ?")) {
                for (String messageId : messageIds) {
                    delete.setString(1, messageId);
                    delete.addBatch();
                }
                int[] counts = delete.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 1) {
                        taken.add(messageIds.get(i));
                    }
                }
            }
        });
        return taken;
    }

    /**
     * Whether a room message mentions everyone: {@code "here"} for the members online, {@code "all"}
     * for every member ({@code @channel}, {@code @room}, {@code @everyone}, {@code @all}), null if not.
     * Whether the sender may do so is the room's rule, checked when the notifications are made.
     */
    static String mentionsEveryone(MessageView message) {
        if (!ConversationId.parse(message.conversation()).isRoom()) {
            return null;
        }
        Matcher everyone = EVERYONE.matcher(message.text());
        String found = null;
        while (everyone.find()) {
            if (!everyone.group(1).equals("here")) {
                return "all";
            }
            found = "here";
        }
        return found;
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
                if (!Account.RESERVED.contains(mention.group(1))) {
                    users.add(mention.group(1));
                }
            }
        }
        users.remove(message.sender());
        return users;
    }

    /**
     * What a batch of due messages (by conversation and seq) becomes: per conversation and sender, each
     * concerned member who has not read up to a message is notified once for all of them that concern
     * them ("alice sent you 3 messages"), the way Slack and Novu digest. Members with the same unread
     * messages share one {@link Digest}.
     */
    static List<Digest> digest(List<MessageView> messages, BiFunction<ConversationId, Set<String>, Map<String, Long>> readPositions) {
        return digest(messages, ChatNotifier::concerned, readPositions);
    }

    /**
     * {@link #digest(List, BiFunction)} with who each message concerns given (a reply also concerns
     * its thread's participants); replies are digested per thread.
     */
    static List<Digest> digest(List<MessageView> messages, Function<MessageView, Set<String>> concerned,
                               BiFunction<ConversationId, Set<String>, Map<String, Long>> readPositions) {
        Map<List<String>, List<MessageView>> bySender = new LinkedHashMap<>();
        messages.forEach(message -> bySender.computeIfAbsent(List.of(message.conversation(), message.sender(),
                        message.thread() == null ? "" : message.thread().toString()), key -> new ArrayList<>())
                .add(message));
        List<Digest> digests = new ArrayList<>();
        for (List<MessageView> group : bySender.values()) {
            Map<MessageView, Set<String>> concernedBy = new LinkedHashMap<>();
            group.forEach(message -> concernedBy.put(message, concerned.apply(message)));
            Set<String> everyone = new TreeSet<>();
            concernedBy.values().forEach(everyone::addAll);
            if (everyone.isEmpty()) {
                continue;
            }
            Map<String, Long> read = readPositions.apply(ConversationId.parse(group.get(0).conversation()), everyone);
            Map<List<MessageView>, List<String>> recipientsByUnread = new LinkedHashMap<>();
            for (String user : everyone) {
                Long readSeq = read.get(user);
                if (readSeq == null) {
                    continue; // not a member (any more)
                }
                List<MessageView> unread = group.stream()
                        .filter(message -> message.seq() > readSeq && concernedBy.get(message).contains(user))
                        .toList();
                if (!unread.isEmpty()) {
                    recipientsByUnread.computeIfAbsent(unread, key -> new ArrayList<>()).add(user);
                }
            }
            recipientsByUnread.forEach((unread, users) -> digests.add(new Digest(users, unread)));
        }
        return digests;
    }

    /** One notification for each of {@code recipients}, about these messages of one sender in one conversation. */
    record Digest(List<String> recipients, List<MessageView> messages) {

        MessageView latest() {
            return messages.get(messages.size() - 1);
        }

        String title() {
            ConversationId id = ConversationId.parse(latest().conversation());
            int count = messages.size();
            String sender = latest().sender();
            if (id.isDirect()) {
                return count == 1 ? sender + " sent you a message" : sender + " sent you " + count + " messages";
            }
            if (latest().thread() != null) {
                return count == 1 ? sender + " replied in a thread in " + id : sender + " replied " + count + " times in a thread in " + id;
            }
            return count == 1 ? sender + " mentioned you in " + id : sender + " mentioned you " + count + " times in " + id;
        }

        /** The latest message's text, cut to {@link #PREVIEW} code points; null when it has none (files only). */
        String preview() {
            String text = latest().text();
            if (text.isEmpty()) {
                return null;
            }
            return text.codePointCount(0, text.length()) > PREVIEW ? text.substring(0, text.offsetByCodePoints(0, PREVIEW)) + "…" : text;
        }
    }

    private NotificationContent content(Digest digest) {
        MessageView latest = digest.latest();
        boolean direct = ConversationId.parse(latest.conversation()).isDirect();
        var data = codec.provider().createObjectBuilder()
                .add("conversation", latest.conversation())
                .add("seq", latest.seq())
                .add("messageId", latest.id())
                .add("sender", latest.sender())
                .add("count", digest.messages().size())
                .add("firstSeq", digest.messages().get(0).seq());
        if (latest.thread() != null) {
            data.add("thread", latest.thread());
        }
        return new NotificationContent("chat", direct ? Priority.NORMAL : Priority.HIGH, digest.title(), digest.preview(), null,
                data.build().toString());
    }
}
