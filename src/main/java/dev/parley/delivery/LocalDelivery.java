package dev.parley.delivery;

import dev.parley.presence.control.Channel;
import dev.parley.presence.control.Connection;
import dev.parley.presence.control.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Delivers envelopes to the sockets open on this node. Each frame was serialised once by the
 * publisher; here it is only queued on each socket's {@link Connection}, which writes asynchronously,
 * so publishing never waits for a slow client.
 */
@ApplicationScoped
public class LocalDelivery {

    @Inject
    ConversationIndex index;

    @Inject
    SessionRegistry registry;

    @Inject
    Inboxes inboxes;

    @Inject
    TopicIndex topics;

    @Inject
    GapRepair gaps;

    /** Delivers to this node's sockets. */
    public void publish(Envelope envelope) {
        envelope.deliverLocally(this);
    }

    void sequenced(Envelope.Sequenced message) {
        boolean gap = false;
        for (Subscriber subscriber : index.subscribers(message.conversation())) {
            gap |= subscriber.live(message.conversation(), message.seq(), message.frame());
        }
        if (gap) {
            gaps.gapIn(message.conversation());
        }
    }

    void toConversation(Envelope.ToConversation event) {
        for (Subscriber subscriber : index.subscribers(event.conversation())) {
            Connection connection = subscriber.connection();
            if (!connection.id().equals(event.exceptConnection()) && !connection.username().equals(event.exceptUser())) {
                connection.send(event.frame());
            }
        }
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

    void notify(Envelope.Notify notification) {
        for (Connection connection : registry.of(notification.user())) {
            if (connection.channel() == Channel.NOTIFICATIONS) {
                inboxes.find(connection.id()).ifPresent(inbox -> inbox.live(notification.id(), notification.frame()));
            }
        }
    }

    void topicUpdate(Envelope.TopicUpdate update) {
        topics.publish(update.topic(), update.frame());
    }

    void membership(Envelope.MembershipChange change) {
        for (Connection connection : registry.of(change.user())) {
            if (connection.channel() != Channel.CHAT) {
                continue;
            }
            index.find(connection.id()).ifPresent(subscriber -> {
                if (change.member()) {
                    index.subscribe(subscriber, change.conversation());
                } else {
                    index.unsubscribe(subscriber, change.conversation());
                }
            });
        }
    }

    void disconnect(Envelope.Disconnect disconnect) {
        for (Connection connection : registry.of(disconnect.user())) {
            connection.close(Connection.CLOSE_GOING_AWAY, disconnect.reason());
        }
    }
}
