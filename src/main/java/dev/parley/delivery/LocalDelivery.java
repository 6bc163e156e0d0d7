package dev.parley.delivery;

import dev.parley.sockets.Connection;
import dev.parley.sockets.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Delivers envelopes to the sockets open on this node: conversation envelopes to the chat feature,
 * notifications and topic updates to the notifications feature (each through its receiver port), and
 * frames for users and disconnects straight to their sockets. Each frame was serialised once by the
 * publisher; here it is only queued on each socket's {@link Connection}, so publishing never waits for
 * a slow client.
 */
@ApplicationScoped
public class LocalDelivery {

    @Inject
    SessionRegistry registry;

    @Inject
    ConversationReceiver conversations;

    @Inject
    NotificationReceiver notifications;

    /** Delivers to this node's sockets. */
    public void publish(Envelope envelope) {
        envelope.deliverLocally(this);
    }

    void sequenced(Envelope.Sequenced message) {
        conversations.sequenced(message);
    }

    void toConversation(Envelope.ToConversation event) {
        conversations.toConversation(event);
    }

    void presence(Envelope.Presence change) {
        conversations.presence(change);
    }

    void membership(Envelope.MembershipChange change) {
        conversations.membership(change);
    }

    void notify(Envelope.Notify notification) {
        notifications.notify(notification);
    }

    void topicUpdate(Envelope.TopicUpdate update) {
        notifications.topicUpdate(update);
    }

    void toUsers(Envelope.ToUsers event) {
        for (String user : event.users()) {
            for (Connection connection : registry.of(user)) {
                if (connection.channel() == event.channel() && !connection.id().equals(event.exceptConnection())) {
                    connection.send(event.frame());
                }
            }
        }
    }

    void disconnect(Envelope.Disconnect disconnect) {
        for (Connection connection : registry.of(disconnect.user())) {
            connection.close(Connection.CLOSE_GOING_AWAY, disconnect.reason());
        }
    }
}
