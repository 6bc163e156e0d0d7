package dev.parley.notifications.control;

import dev.parley.delivery.Envelope;
import dev.parley.delivery.NotificationReceiver;
import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.sockets.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Notification envelopes on this node: a notification goes to each of its recipient's notification
 * sockets through their {@link Inbox} (at most once per socket), a topic update to the topic's
 * subscribers through the {@link TopicIndex}.
 */
@ApplicationScoped
public class NotificationsReceiver implements NotificationReceiver {

    @Inject
    SessionRegistry registry;

    @Inject
    Inboxes inboxes;

    @Inject
    TopicIndex topics;

    @Override
    public void notify(Envelope.Notify notification) {
        for (Connection connection : registry.of(notification.user())) {
            if (connection.channel() == Channel.NOTIFICATIONS) {
                inboxes.find(connection.id()).ifPresent(inbox -> inbox.live(notification.id(), notification.frame()));
            }
        }
    }

    @Override
    public void topicUpdate(Envelope.TopicUpdate update) {
        topics.publish(update.topic(), update.frame());
    }
}
