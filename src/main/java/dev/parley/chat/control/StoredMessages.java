package dev.parley.chat.control;

import dev.parley.chat.control.ChatFrames.InStream;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.json.JsonCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The database as the source of messages and changes that did not arrive live (see {@link GapRepair}). */
@ApplicationScoped
public class StoredMessages implements MissedMessages {

    @Inject
    MessageStore store;

    @Inject
    JsonCodec codec;

    @Override
    public List<Subscriber.Replay> after(String conversation, long afterSeq, int limit) {
        List<InStream> entries = store.after(ConversationId.parse(conversation), afterSeq, limit);
        List<Subscriber.Replay> replay = new ArrayList<>(entries.size());
        for (InStream entry : entries) {
            replay.add(new Subscriber.Replay(conversation, entry.seq(), codec.write(entry.frame())));
        }
        return replay;
    }
}
