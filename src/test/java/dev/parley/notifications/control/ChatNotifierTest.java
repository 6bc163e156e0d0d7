package dev.parley.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.chat.control.ChatFrames.MessageView;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChatNotifierTest {

    private static MessageView message(String conversation, String sender, String text) {
        return new MessageView("id", conversation, 1, sender, text, List.of(), "c", Instant.EPOCH);
    }

    @Test
    void aDirectMessageConcernsTheOtherParticipant() {
        assertEquals(Set.of("bob"), ChatNotifier.concerned(message("dm:alice:bob", "alice", "hi")));
        assertEquals(Set.of(), ChatNotifier.concerned(message("dm:alice:alice", "alice", "note to self")));
    }

    @Test
    void aRoomMessageConcernsTheMentionedUsersButNotTheSender() {
        assertEquals(Set.of("bob", "carol.x"),
                ChatNotifier.concerned(message("room:ops", "alice", "@bob and @carol.x: look (cc @alice)")));
        assertEquals(Set.of(), ChatNotifier.concerned(message("room:ops", "alice", "mail me at alice@bob.example, or @x")),
                "an e-mail address and a too-short name are not mentions");
        assertEquals(Set.of(), ChatNotifier.concerned(message("room:ops", "alice", "no mentions here")));
    }
}
