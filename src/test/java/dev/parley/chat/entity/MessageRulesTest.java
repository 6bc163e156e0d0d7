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
import java.util.HashSet;
import java.util.List;
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
        assertEquals(5, member.unread(5, 0));
        assertTrue(member.markRead(3));
        assertFalse(member.markRead(2));
        assertFalse(member.markRead(3));
        assertEquals(3, member.readSeq());
        assertEquals(2, member.unread(5, 0));
        assertEquals(1, member.unread(5, 1), "a change after the read position is not an unread message");
        assertEquals(0, member.unread(2, 0));
    }

    @Test
    void onlyTheTextChangesInAnEditAndOnlyWhenItDiffers() {
        Message message = new Message("m", ConversationId.room("r"), 1, "alice", "hello", "c", List.of(), NOW);
        assertFalse(message.edit("hello", NOW.plusSeconds(1)), "the same text again is no edit");
        assertEquals(null, message.editedAt());
        assertTrue(message.edit("hello, world", NOW.plusSeconds(2)));
        assertEquals("hello, world", message.text());
        assertEquals(NOW.plusSeconds(2), message.editedAt());
        assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ParleyException.class, () -> message.edit("", NOW)).code(),
                "an edit follows the text rules of a send");
        assertEquals(ErrorCode.TOO_LARGE, assertThrows(ParleyException.class, () -> message.edit("x".repeat(4001), NOW)).code());
        assertEquals("hello, world", message.text());
    }

    @Test
    void aDeletedMessageIsATombstoneThatChangesNoMore() {
        Attachment file = new Attachment("a", "alice", "f", "text/plain", 1, NOW);
        Message message = new Message("m", ConversationId.room("r"), 4, "alice", "secret", "c", List.of(file), NOW);
        assertTrue(message.delete(NOW.plusSeconds(5)));
        assertTrue(message.isDeleted());
        assertEquals("", message.text());
        assertTrue(message.attachments().isEmpty());
        assertEquals(4, message.seq(), "the tombstone keeps its place");
        assertFalse(message.delete(NOW.plusSeconds(6)), "deleting twice changes nothing");
        assertEquals(NOW.plusSeconds(5), message.deletedAt());
        assertEquals(ErrorCode.CONFLICT, assertThrows(ParleyException.class, () -> message.edit("again", NOW)).code());
        assertEquals(ErrorCode.CONFLICT, assertThrows(ParleyException.class, message::checkNotDeleted).code());
    }

    @Test
    void reactionsAreOneOfAFixedSetOfEmoji() {
        assertEquals("👍", Emoji.require("👍"));
        assertEquals("❤️", Emoji.require("❤"), "the variation selector may be left out");
        assertEquals("❤️", Emoji.require("❤️"));
        for (String bad : new String[] {"", "x", "👍👍", "<b>", "\u0000", "❤️ ", "\uFE0F"}) {
            assertEquals(ErrorCode.BAD_REQUEST, assertThrows(ParleyException.class, () -> Emoji.require(bad)).code(), bad);
        }
        assertThrows(ParleyException.class, () -> Emoji.require(null));
        assertEquals(Emoji.ALLOWED.size(), new HashSet<>(Emoji.ALLOWED).size(), "no emoji twice");
        Emoji.ALLOWED.forEach(emoji -> assertTrue(emoji.length() <= 32, emoji));
    }

    @Test
    void attachmentsKnowWhetherTheyMayShowInline() {
        assertTrue(new Attachment("a", "u", "n", FileKind.PNG, 1, NOW).isInlineImage());
        assertFalse(new Attachment("a", "u", "n", "application/pdf", 1, NOW).isInlineImage());
    }
}
