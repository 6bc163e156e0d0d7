package dev.parley.chat.control;

import dev.parley.chat.control.ChatEvents.MembershipChanged;
import dev.parley.chat.control.ChatEvents.MessagePosted;
import dev.parley.chat.control.ChatEvents.ReadMoved;
import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.platform.json.JsonCodec;
import dev.parley.sockets.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Turns committed chat events into deliveries: each frame is serialised once and handed to the
 * delivery port. Runs after commit only, so no client ever sees what rolled back.
 */
@ApplicationScoped
public class ChatFanout {

    @Inject
    DeliveryPort delivery;

    @Inject
    SessionRegistry registry;

    @Inject
    JsonCodec codec;

    void posted(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagePosted posted) {
        // Both frames are written before either is queued, so the members' copies follow the ack at once.
        String message = codec.write(new ChatFrames.MessageFrame(posted.message()));
        if (posted.originConnection() != null) {
            // The sender's socket learns that its message is stored before it sees the message.
            String ack = codec.write(new ChatFrames.Ack(posted.ref(), posted.message()));
            registry.find(posted.originConnection()).ifPresent(origin -> origin.reply(ack));
        }
        delivery.publish(new Envelope.Sequenced(posted.message().conversation(), posted.message().seq(), message));
    }

    void read(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReadMoved read) {
        delivery.publish(new Envelope.ToConversation(read.conversation(),
                codec.write(new ChatFrames.Receipt(read.conversation(), read.user(), read.seq())), read.originConnection(), null));
    }

    void membership(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged change) {
        delivery.publish(new Envelope.MembershipChange(change.conversation(), change.user(), change.member(), change.lastSeq()));
    }
}
