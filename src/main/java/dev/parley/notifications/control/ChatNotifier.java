package dev.parley.notifications.control;

import dev.parley.chat.control.ChatEvents.MessagePosted;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.control.ConversationService;
import dev.parley.chat.entity.ConversationId;
import dev.parley.notifications.entity.NotificationContent;
import dev.parley.notifications.entity.Priority;
import dev.parley.platform.config.Settings;
import dev.parley.platform.json.JsonCodec;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chat messages that concern someone become notifications (category {@code chat}): a direct message
 * for its recipient, an {@code @username} mention for that room member. So that someone reading the
 * conversation right now is not notified, the notification is created only if the message is still
 * unread {@code PARLEY_CHAT_NOTIFY_DELAY_SECONDS} after it was sent (the way Slack and Mattermost
 * hold back their emails and pushes).
 */
@ApplicationScoped
public class ChatNotifier {

    private static final Logger LOG = Logger.getLogger(ChatNotifier.class.getName());
    static final Pattern MENTION = Pattern.compile("(?<![A-Za-z0-9_.@-])@([a-z0-9_.-]{3,32})");
    static final int PREVIEW = 200;

    @Inject
    ConversationService conversations;

    @Inject
    NotificationService notifications;

    @Inject
    Settings settings;

    @Inject
    JsonCodec codec;

    @Resource
    ManagedScheduledExecutorService scheduler;

    void posted(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagePosted posted) {
        MessageView message = posted.message();
        Set<String> concerned = concerned(message);
        if (!concerned.isEmpty()) {
            scheduler.schedule(() -> notifyIfUnread(message, concerned), settings.chatNotifyDelaySeconds(), TimeUnit.SECONDS);
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

    void notifyIfUnread(MessageView message, Set<String> concerned) {
        try {
            ConversationId id = ConversationId.parse(message.conversation());
            Map<String, Long> read = conversations.readPositions(id, concerned);
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
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Chat notification for message " + message.id() + " failed", e);
        }
    }
}
