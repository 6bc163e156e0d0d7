package dev.parley.chat.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConversationIdTest {

    @Test
    void roomsAndDirectConversationsParse() {
        ConversationId room = ConversationId.parse("room:general-2");
        assertTrue(room.isRoom());
        assertEquals("general-2", room.slug());
        ConversationId direct = ConversationId.parse("dm:alice:bob");
        assertTrue(direct.isDirect());
        assertFalse(direct.isRoom());
        assertEquals(List.of("alice", "bob"), direct.participants());
        assertEquals(List.of("alice"), ConversationId.parse("dm:alice:alice").participants());
    }

    @Test
    void directIdsSortTheirParticipants() {
        assertEquals("dm:alice:bob", ConversationId.direct("bob", "alice").value());
        assertEquals("dm:alice:bob", ConversationId.direct("alice", "bob").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "general", "room:", "room:Upper", "room:under_score", "room:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "dm:alice", "dm:bob:alice", "dm:alice:bob:carol", "dm:al:bob", "chan:x"})
    void rejectsMalformedIds(String value) {
        ParleyException e = assertThrows(ParleyException.class, () -> ConversationId.parse(value));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void roomSlugsFollowTheContract() {
        assertEquals("room:" + "a".repeat(64), ConversationId.room("a".repeat(64)).value());
        assertThrows(ParleyException.class, () -> ConversationId.room("a".repeat(65)));
        assertThrows(ParleyException.class, () -> ConversationId.room(null));
    }
}
