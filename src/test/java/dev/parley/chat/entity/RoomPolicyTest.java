package dev.parley.chat.entity;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Who may join, add, remove and see: the rules live in {@link Conversation}. */
class RoomPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final Conversation open = Conversation.room(ConversationId.room("lobby"), Conversation.Visibility.PUBLIC, null, "ann", NOW);
    private final Conversation closed = Conversation.room(ConversationId.room("board"), Conversation.Visibility.PRIVATE, null, "ann", NOW);
    private final Conversation direct = Conversation.direct(ConversationId.direct("ann", "bob"), NOW);

    private static void forbidden(Executable action) {
        assertEquals(ErrorCode.FORBIDDEN, assertThrows(ParleyException.class, action).code());
    }

    @Test
    void anyoneJoinsAPublicRoomNobodyJoinsAPrivateOneOrADirectConversation() {
        assertDoesNotThrow(open::checkMayJoin);
        forbidden(closed::checkMayJoin);
        forbidden(direct::checkMayJoin);
    }

    @Test
    void membersAddPeopleToRoomsNobodyToADirectConversation() {
        assertDoesNotThrow(() -> closed.checkMayAdd(true));
        forbidden(() -> closed.checkMayAdd(false));
        forbidden(() -> open.checkMayAdd(false));
        forbidden(() -> direct.checkMayAdd(true));
    }

    @Test
    void everyoneMayLeaveOnlyTheCreatorOrAnAdminRemovesOthers() {
        assertDoesNotThrow(() -> open.checkMayRemove("bob", false, "bob"));
        assertDoesNotThrow(() -> open.checkMayRemove("ann", false, "bob"));
        assertDoesNotThrow(() -> open.checkMayRemove("cat", true, "bob"));
        forbidden(() -> open.checkMayRemove("cat", false, "bob"));
        forbidden(() -> direct.checkMayRemove("ann", true, "bob"));
    }

    @Test
    void publicRoomsAreVisibleToAllPrivateOnesToMembers() {
        assertTrue(open.isVisibleTo(false));
        assertFalse(closed.isVisibleTo(false));
        assertTrue(closed.isVisibleTo(true));
    }
}
