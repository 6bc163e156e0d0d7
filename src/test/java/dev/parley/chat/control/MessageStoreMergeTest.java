package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.chat.control.ChatFrames.InStream;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.entity.ConversationId;
import dev.parley.chat.entity.Message;
import dev.parley.chat.entity.MessageChange;
import dev.parley.integration.control.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageStoreMergeTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final ConversationId ROOM = ConversationId.room("r");

    private static Message message(long seq) {
        return new Message("m" + seq, ROOM, seq, "alice", "text " + seq, "c" + seq, List.of(), NOW);
    }

    @Test
    void messagesAndChangesInterleaveBySeqInEitherDirection() {
        Message first = message(1);
        Message third = message(3);
        List<MessageView> messages = List.of(MessageView.of(first, ""), MessageView.of(third, ""), MessageView.of(message(6), ""));
        List<MessageChange> changes = List.of(MessageChange.reaction(first, 2, "bob", "👍", true, NOW),
                MessageChange.edited(third, 4, "alice", NOW), MessageChange.deleted(first, 5, "alice", NOW));

        List<InStream> ascending = MessageStore.merge(messages, changes, Comparator.comparingLong(InStream::seq));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ascending.stream().map(InStream::seq).toList());
        assertEquals(List.of("message", "change", "message", "change", "change", "message"),
                ascending.stream().map(entry -> entry instanceof MessageView ? "message" : "change").toList());

        List<InStream> descending = MessageStore.merge(reverse(messages), reverse(changes),
                Comparator.comparingLong(InStream::seq).reversed());
        assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), descending.stream().map(InStream::seq).toList());
    }

    @Test
    void aChangeNamesItsMessageAndItsKindIsAnEventType() {
        ChatFrames.ChangeView edit = ChatFrames.ChangeView.of(MessageChange.edited(message(3), 9, "alice", NOW));
        assertEquals(3, edit.messageSeq());
        assertEquals("m3", edit.messageId());
        assertEquals("text 3", edit.text());
        List<String> kinds = List.of(MessageChange.Kind.values()).stream().map(MessageChange.Kind::wireName).toList();
        assertEquals(List.of(EventTypes.MESSAGE_EDITED, EventTypes.MESSAGE_DELETED, EventTypes.REACTION_ADDED, EventTypes.REACTION_REMOVED), kinds,
                "each kind goes to JMS under its own event type");
    }

    @Test
    void aLaterDeletionTakesTheTextOfEarlierEdits() {
        MessageChange edit = MessageChange.edited(message(1), 2, "alice", NOW);
        edit.forgetText();
        assertEquals(null, edit.text());
        MessageChange reaction = MessageChange.reaction(message(1), 3, "bob", "👍", true, NOW);
        reaction.forgetText();
        assertEquals("👍", reaction.emoji(), "only edits carry text");
    }

    private static <T> List<T> reverse(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
