package dev.parley.chat.entity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import java.time.Instant;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class MessageRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void textIsCountedInCodePoints() {
        assertDoesNotThrow(() -> Message.checkText("\uD83D\uDE00".repeat(4000), false));
        ParleyException tooLong = assertThrows(ParleyException.class, () -> Message.checkText("\uD83D\uDE00".repeat(4001), false));
        assertEquals(ErrorCode.TOO_LARGE, tooLong.code());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ParleyException.class, () -> Message.checkText("", false)).code());
        assertDoesNotThrow(() -> Message.checkText("", true), "files may go without text");
        assertThrows(ParleyException.class, () -> Message.checkText(null, true));
    }

    @Test
    void clientMessageIdsAreOneTo64Characters() {
        assertDoesNotThrow(() -> Message.checkClientMsgId("x"));
        assertDoesNotThrow(() -> Message.checkClientMsgId("x".repeat(64)));
        assertThrows(ParleyException.class, () -> Message.checkClientMsgId(""));
        assertThrows(ParleyException.class, () -> Message.checkClientMsgId("x".repeat(65)));
        assertThrows(ParleyException.class, () -> Message.checkClientMsgId(null));
    }

    @Test
    void aMessageCarriesAtMostTenAttachments() {
        Attachment file = new Attachment("a", "alice", "f", "text/plain", 1, NOW);
        ConversationId room = ConversationId.room("r");
        assertEquals(10, new Message("m", room, 1, "alice", "", "c", Collections.nCopies(10, file), NOW).attachments().size());
        assertThrows(ParleyException.class, () -> new Message("m", room, 1, "alice", "", "c", Collections.nCopies(11, file), NOW));
    }

    @Test
    void aNewRoomStartsWithoutMessagesAndItsTitleIsChecked() {
        Conversation room = Conversation.room(ConversationId.room("r"), Conversation.Visibility.PUBLIC, null, "alice", NOW);
        assertEquals(0, room.lastSeq());
        assertEquals("r", room.title(), "a room's title defaults to its slug");
        assertThrows(ParleyException.class,
                () -> Conversation.room(ConversationId.room("r"), Conversation.Visibility.PUBLIC, "t".repeat(81), "alice", NOW));
    }

    @Test
    void readPositionsNeverMoveBackwards() {
        Membership member = new Membership(ConversationId.room("r"), "bob", NOW);
        assertEquals(5, member.unread(5));
        assertTrue(member.markRead(3));
        assertFalse(member.markRead(2));
        assertFalse(member.markRead(3));
        assertEquals(3, member.readSeq());
        assertEquals(2, member.unread(5));
        assertEquals(0, member.unread(2));
    }

    @Test
    void attachmentsKnowWhetherTheyMayShowInline() {
        assertTrue(new Attachment("a", "u", "n", FileKind.PNG, 1, NOW).isInlineImage());
        assertFalse(new Attachment("a", "u", "n", "application/pdf", 1, NOW).isInlineImage());
    }
}
