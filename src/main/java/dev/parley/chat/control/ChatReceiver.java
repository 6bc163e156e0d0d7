package dev.parley.chat.control;

import dev.parley.delivery.ConversationReceiver;
import dev.parley.delivery.Envelope;
import dev.parley.sockets.Channel;
import dev.parley.sockets.Connection;
import dev.parley.sockets.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Conversation envelopes on this node: a message goes to each subscribed socket's {@link Subscriber}
 * (exactly once, in seq order; a gap is repaired from the database), an ephemeral event to the
 * conversation's sockets, a membership change into the {@link ConversationIndex}, a presence change to
 * its audience's sockets and its watchers.
 */
@ApplicationScoped
public class ChatReceiver implements ConversationReceiver {

    @Inject
    ConversationIndex index;

    @Inject
    SessionRegistry registry;

    @Inject
    GapRepair gaps;

    @Inject
    PresenceWatches watches;

    @Override
    public void sequenced(Envelope.Sequenced message) {
        boolean gap = false;
        for (Subscriber subscriber : index.subscribers(message.conversation())) {
            gap |= subscriber.live(message.conversation(), message.seq(), message.frame());
        }
        if (gap) {
            gaps.gapIn(message.conversation());
        }
    }

    @Override
    public void toConversation(Envelope.ToConversation event) {
        for (Subscriber subscriber : index.subscribers(event.conversation())) {
            Connection connection = subscriber.connection();
            if (!connection.id().equals(event.exceptConnection()) && !connection.username().equals(event.exceptUser())) {
                connection.send(event.frame());
            }
        }
    }

    @Override
    public void membership(Envelope.MembershipChange change) {
        for (Connection connection : registry.of(change.user())) {
            if (connection.channel() != Channel.CHAT) {
                continue;
            }
            index.find(connection.id()).ifPresent(subscriber -> apply(subscriber, change));
        }
    }

    @Override
    public void presence(Envelope.Presence change) {
        for (String user : change.audience()) {
            for (Connection connection : registry.of(user)) {
                if (connection.channel() == Channel.CHAT) {
                    connection.send(change.frame());
                }
            }
        }
        for (Connection watcher : watches.watchersOf(change.user())) {
            if (!change.audience().contains(watcher.username())) {
                watcher.send(change.frame());
            }
        }
    }

    /** A socket of the user starts (after the seq they joined at) or stops receiving the conversation. */
    void apply(Subscriber subscriber, Envelope.MembershipChange change) {
        if (change.member()) {
            if (change.lastSeq() >= 0) {
                subscriber.position(change.conversation(), change.lastSeq());
            }
            index.subscribe(subscriber, change.conversation());
        } else {
            index.unsubscribe(subscriber, change.conversation());
        }
    }
}
