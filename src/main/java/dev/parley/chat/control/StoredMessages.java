package dev.parley.chat.control;

import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The database as the source of messages that did not arrive live (see {@link GapRepair}). */
@ApplicationScoped
public class StoredMessages implements MissedMessages {

    @Inject
    MessageStore store;

    @Inject
    JsonCodec codec;

    @Override
    public List<Subscriber.Replay> after(String conversation, long afterSeq, int limit) {
        List<MessageView> messages = store.after(ConversationId.parse(conversation), afterSeq, limit);
        List<Subscriber.Replay> replay = new ArrayList<>(messages.size());
        for (MessageView message : messages) {
            replay.add(new Subscriber.Replay(conversation, message.seq(), codec.write(new ChatFrames.MessageFrame(message))));
        }
        return replay;
    }
}
