package dev.parley.integration.control;

import dev.parley.chat.control.ChatEvents.MembershipChanged;
import dev.parley.chat.control.ChatEvents.MessageChanged;
import dev.parley.chat.control.ChatEvents.MessagesPosted;
import dev.parley.notifications.control.NotificationEvents.NotificationCreated;
import dev.parley.notifications.control.NotificationEvents.NotificationsRead;
import dev.parley.presence.control.PresenceChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Turns Parley's own events into outbox rows. The chat and notification events are observed while
 * their transaction is still open, so the row commits (or rolls back) with the change.
 */
@ApplicationScoped
public class DomainEventsToOutbox {

    @Inject
    Outbox outbox;

    @Inject
    PresenceEvents presence;

    void messagesSent(@Observes MessagesPosted posted) {
        outbox.appendEach(EventTypes.MESSAGE_SENT, posted.messages());
    }

    /** {@code message.edited}, {@code message.deleted}, {@code reaction.added} or {@code reaction.removed}: the change as sockets get it. */
    void messageChanged(@Observes MessageChanged changed) {
        outbox.append(changed.change().kind(), changed.change());
    }

    void notificationCreated(@Observes NotificationCreated created) {
        outbox.append(EventTypes.NOTIFICATION_CREATED,
                new EventTypes.NotificationCreated(created.recipient(), created.notification(), created.push()));
    }

    void notificationsRead(@Observes NotificationsRead read) {
        outbox.append(EventTypes.NOTIFICATION_READ, new EventTypes.NotificationsRead(read.user(), read.ids()));
    }

    void membershipChanged(@Observes MembershipChanged changed) {
        outbox.append(changed.member() ? EventTypes.MEMBER_JOINED : EventTypes.MEMBER_LEFT,
                new EventTypes.Member(changed.conversation(), changed.user()));
    }

    /** Presence changes with a socket, outside any transaction: it is recorded in the background. */
    void presenceChanged(@Observes PresenceChanged changed) {
        presence.record(changed);
    }
}
