package dev.parley.chat.control;

import dev.parley.chat.control.ChatEvents.MarkedUnread;
import dev.parley.chat.control.ChatEvents.MembershipChanged;
import dev.parley.chat.control.ChatEvents.MessageChanged;
import dev.parley.chat.control.ChatEvents.ReadMoved;
import dev.parley.delivery.DeliveryPort;
import dev.parley.delivery.Envelope;
import dev.parley.platform.json.JsonCodec;
import dev.parley.sockets.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Set;

/**
 * Turns committed chat events into deliveries: each frame is serialised once and handed to the
 * delivery port. Runs after commit only, so no client ever sees what rolled back.
 */
@ApplicationScoped
public class ChatFanout {

    @Inject
    DeliveryPort delivery;

    @Inject
    JsonCodec codec;

    /** A change goes to the conversation's sockets at its seq, like a message. */
    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageChanged changed) {
        ChatFrames.ChangeView change = changed.change();
        delivery.publish(new Envelope.Sequenced(change.conversation(), change.seq(), codec.write(change.frame())));
    }

    void read(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReadMoved read) {
        delivery.publish(new Envelope.ToConversation(read.conversation(),
                codec.write(new ChatFrames.Receipt(read.conversation(), read.user(), read.seq())), read.originConnection(), null));
    }

    /** The user's other chat sockets learn that they marked the conversation unread. */
    void markedUnread(@Observes(during = TransactionPhase.AFTER_SUCCESS) MarkedUnread marked) {
        delivery.publish(new Envelope.ToUsers(Set.of(marked.user()), Channel.CHAT,
                codec.write(new ChatFrames.Marked(null, marked.conversation(), marked.readSeq(), marked.unread())), marked.originConnection()));
    }

    void membership(@Observes(during = TransactionPhase.AFTER_SUCCESS) MembershipChanged change) {
        delivery.publish(new Envelope.MembershipChange(change.conversation(), change.user(), change.member(), change.lastSeq()));
    }
}
