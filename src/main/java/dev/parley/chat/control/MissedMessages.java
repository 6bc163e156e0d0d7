package dev.parley.chat.control;

import java.util.List;

/** Where {@link GapRepair} reads messages that did not arrive live: the chat store. */
public interface MissedMessages {

    /** Up to {@code limit} messages and changes of {@code conversation} after {@code afterSeq}, ascending, as frames. */
    List<Subscriber.Replay> after(String conversation, long afterSeq, int limit);
}
