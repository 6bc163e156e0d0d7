package dev.parley.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.notifications.control.NotificationEvents.NotificationsRead;
import dev.parley.notifications.control.NotificationMarks.Kind;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.testing.JpaDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A batch of notification acks and reads on the real persistence unit: each refused alone, one read event per change. */
class NotificationMarksStoreTest {

    private static JpaDatabase database;

    @BeforeAll
    static void start() {
        database = JpaDatabase.start("notification-marks");
        StringBuilder script = new StringBuilder("""
                insert into account (username, display_name, password_hash, roles, created_at) values ('alice', 'Alice', 'x', 'user', current_timestamp);
                insert into account (username, display_name, password_hash, roles, created_at) values ('bob', 'Bob', 'x', 'user', current_timestamp);
                """);
        // alice owns 1..5 (5 archived), bob owns 6 and 7; 3 was read before.
        for (int id = 1; id <= 7; id++) {
            script.append("insert into notification (id, recipient, category, priority, title, created_at, pushable, read_at, archived) values (")
                    .append(id).append(", '").append(id <= 5 ? "alice" : "bob").append("', 'news', 'NORMAL', 'n").append(id)
                    .append("', current_timestamp, true, ").append(id == 3 ? "current_timestamp" : "null").append(", ")
                    .append(id == 5).append(");\n");
        }
        database.execute(script.toString());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static NotificationMarks.Mark mark(String user, Kind kind, Long id) {
        return new NotificationMarks.Mark(user, kind, id, "socket-" + user, failure -> { });
    }

    @Test
    void eachMarkIsRefusedAloneAndEachUserHearsOnceWhichOfTheirsWereRead() {
        List<NotificationsRead> events = new ArrayList<>();
        List<Exception> refusals = database.inTransaction(em -> {
            NotificationInbox inbox = new NotificationInbox();
            inbox.em = em;
            inbox.clock = Clock.systemUTC();
            inbox.read = JpaDatabase.delivering(events::add);
            return inbox.markAll(List.of(
                    mark("alice", Kind.DELIVERED, 1L),
                    mark("alice", Kind.DELIVERED, 6L),
                    mark("alice", Kind.DELIVERED, 99L),
                    mark("alice", Kind.READ, 2L),
                    mark("alice", Kind.READ, 2L),
                    mark("alice", Kind.READ, 3L),
                    mark("alice", Kind.READ, 5L),
                    mark("bob", Kind.READ, 1L),
                    mark("alice", Kind.READ, null),
                    mark("bob", Kind.DELIVERED, 7L)));
        });

        assertNull(refusals.get(0));
        assertEquals(ErrorCode.NOT_FOUND, code(refusals.get(1)), "another user's notification is not found");
        assertEquals(ErrorCode.NOT_FOUND, code(refusals.get(2)));
        assertNull(refusals.get(3));
        assertNull(refusals.get(4), "reading twice is no error");
        assertNull(refusals.get(5), "nor reading one read before");
        assertEquals(ErrorCode.NOT_FOUND, code(refusals.get(6)), "an archived notification is out of the inbox");
        assertEquals(ErrorCode.NOT_FOUND, code(refusals.get(7)));
        assertNull(refusals.get(8));
        assertNull(refusals.get(9));

        assertEquals(List.of("alice[2]", "alice[1, 4]"), events.stream().map(e -> e.user() + e.ids()).toList(),
                "2 once, then what 'all' found still unread");
        assertEquals(2, database.count("select count(*) from notification where delivered"), "1 and 7");
        assertEquals(0, database.count("select count(*) from notification where delivered and id not in (1, 7)"));
        assertEquals(0, database.count("select count(*) from notification where recipient = 'alice' and not archived and read_at is null"));
        assertEquals(3, database.count("select count(*) from notification where read_at is null"), "5 (archived), bob's 6 and 7");
    }

    private static ErrorCode code(Exception refusal) {
        return assertInstanceOf(ParleyException.class, refusal).code();
    }
}
