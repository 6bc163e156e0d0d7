package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.control.ChatEvents.ReadMoved;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.web.ContextPath;
import dev.parley.testing.JpaDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A batch of read marks on the real persistence unit: each refused alone, positions never back, one receipt per move. */
class ReadMarksStoreTest {

    private static JpaDatabase database;

    @BeforeAll
    static void start() {
        database = JpaDatabase.start("reads");
        database.execute("""
                insert into account (username, display_name, password_hash, roles, created_at) values ('alice', 'Alice', 'x', 'user', current_timestamp);
                insert into account (username, display_name, password_hash, roles, created_at) values ('bob', 'Bob', 'x', 'user', current_timestamp);
                insert into account (username, display_name, password_hash, roles, created_at) values ('carol', 'Carol', 'x', 'user', current_timestamp);
                insert into conversation (id, kind, visibility, title, created_at, last_seq) values ('room:ops', 'ROOM', 'PUBLIC', 'Ops', current_timestamp, 10);
                insert into membership (conversation_id, username, read_seq, joined_at) values ('room:ops', 'alice', 0, current_timestamp);
                insert into membership (conversation_id, username, read_seq, joined_at) values ('room:ops', 'bob', 4, current_timestamp);
                """);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static ReadMarks.Mark mark(String user, String conversation, long seq) {
        return new ReadMarks.Mark(user, ConversationId.parse(conversation), seq, "socket-" + user, failure -> { });
    }

    @Test
    void eachMarkIsRefusedAloneAndPositionsOnlyMoveForward() {
        List<ReadMoved> receipts = new ArrayList<>();
        List<Exception> refusals = database.inTransaction(em -> {
            MessageStore store = new MessageStore();
            store.em = em;
            store.contextPath = new ContextPath();
            store.readMoved = JpaDatabase.delivering(receipts::add);
            return store.markAllRead(List.of(
                    mark("alice", "room:ops", 5),
                    mark("alice", "room:ops", 3),
                    mark("bob", "room:ops", 11),
                    mark("carol", "room:ops", 2),
                    mark("alice", "room:nowhere", 1),
                    mark("bob", "room:ops", 2),
                    mark("alice", "room:ops", 7)));
        });

        assertNull(refusals.get(0));
        assertNull(refusals.get(1), "an older position is no error, it just does not move");
        assertEquals(ErrorCode.BAD_REQUEST, code(refusals.get(2)), "past the last seq");
        assertEquals(ErrorCode.FORBIDDEN, code(refusals.get(3)), "not a member");
        assertEquals(ErrorCode.NOT_FOUND, code(refusals.get(4)));
        assertNull(refusals.get(5));
        assertNull(refusals.get(6));
        assertEquals(List.of("alice@5", "alice@7"), receipts.stream().map(r -> r.user() + "@" + r.seq()).toList(),
                "a receipt for each move, none for a mark behind the position");
        assertTrue(receipts.stream().allMatch(r -> r.originConnection().equals("socket-alice")));
        assertEquals(7, database.count("select read_seq from membership where username = 'alice'"));
        assertEquals(4, database.count("select read_seq from membership where username = 'bob'"), "bob's 2 is behind his 4");
    }

    private static ErrorCode code(Exception refusal) {
        return assertInstanceOf(ParleyException.class, refusal).code();
    }
}
