package dev.parley.delivery;

/**
 * The port through which this node's chat sockets receive conversation envelopes: implemented by the
 * chat feature, which keeps each socket's subscriptions and its exactly-once, in-order state.
 */
public interface ConversationReceiver {

    void sequenced(Envelope.Sequenced message);

    void toConversation(Envelope.ToConversation event);

    void membership(Envelope.MembershipChange change);

    /** To the audience's chat sockets and to the sockets that watch the user (each socket once). */
    void presence(Envelope.Presence change);
}
