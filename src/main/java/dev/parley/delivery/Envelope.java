package dev.parley.delivery;

import dev.parley.sockets.Channel;
import java.util.Set;

/**
 * Something to deliver to sockets, already serialised once. Envelopes are plain data (strings and
 * numbers), so a cluster transport can carry them between nodes as they are. On each node
 * {@link LocalDelivery} hands them to the feature that keeps the sockets' state for them.
 */
public sealed interface Envelope {

    /** Hands this envelope to the right method of this node's {@link LocalDelivery} (Java 17 has no switch over types). */
    void deliverLocally(LocalDelivery local);

    /**
     * A message at its place in a conversation's sequence. Every subscribed socket gets it once, in
     * seq order, and not before a resume that is in progress has caught the socket up.
     */
    record Sequenced(String conversation, long seq, String frame) implements Envelope {
        @Override
        public void deliverLocally(LocalDelivery local) {
            local.sequenced(this);
        }

    }

    /**
     * An ephemeral event (typing, receipt) for a conversation's member sockets, except one socket
     * ({@code exceptConnection}) or all sockets of one user ({@code exceptUser}); either may be null.
     */
    record ToConversation(String conversation, String frame, String exceptConnection, String exceptUser) implements Envelope {
        @Override
        public void deliverLocally(LocalDelivery local) {
            local.toConversation(this);
        }

    }

    /** A frame for every socket of the given users on one endpoint, except one socket (may be null). */
    record ToUsers(Set<String> users, Channel channel, String frame, String exceptConnection) implements Envelope {
        @Override
        public void deliverLocally(LocalDelivery local) {
            local.toUsers(this);
        }

        public ToUsers {
            users = Set.copyOf(users);
        }

        public ToUsers(Set<String> users, Channel channel, String frame) {
            this(users, channel, frame, null);
        }
    }

    /**
     * A user's presence changed: the frame goes to every {@code /chat} socket of the {@code audience}
     * (who share a small conversation with the user) and to every other socket that watches the user.
     */
    record Presence(String user, Set<String> audience, String frame) implements Envelope {
        @Override
        public void deliverLocally(LocalDelivery local) {
            local.presence(this);
        }

        public Presence {
            audience = Set.copyOf(audience);
        }
    }

    /**
     * A notification for every {@code /notifications} socket of its recipient: at most once per socket,
     * also when it is in the backlog that socket is being sent on connect.
     */
    record Notify(String user, long id, String frame) implements Envelope {
        @Override
        public void deliverLocally(LocalDelivery local) {
            local.notify(this);
        }

    }

    /** A live-data update for a topic's subscribers; it also becomes the topic's last value. */
    record TopicUpdate(String topic, String frame) implements Envelope {
        @Override
        public void deliverLocally(LocalDelivery local) {
            local.topicUpdate(this);
        }

    }

    /**
     * A user joined or left a conversation: their sockets start or stop receiving it. A new member's
     * sockets receive the messages after {@code lastSeq}, the conversation's last seq when they joined
     * (-1 when unknown: from the first message that arrives), so a later message that overtakes an
     * earlier one between nodes cannot become their starting point.
     */
    record MembershipChange(String conversation, String user, boolean member, long lastSeq) implements Envelope {
        @Override
        public void deliverLocally(LocalDelivery local) {
            local.membership(this);
        }

    }

    /** Closes every socket of a user (an administrator's disconnect); clients reconnect and resume. */
    record Disconnect(String user, String reason) implements Envelope {
        @Override
        public void deliverLocally(LocalDelivery local) {
            local.disconnect(this);
        }

    }
}
