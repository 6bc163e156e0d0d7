package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.JpaDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who hears of a user's presence, on the real persistence unit: members of conversations up to the
 * limit, never those who share only a larger room, and a fixed number of queries for any number of users.
 */
class PresenceAudiencesTest {

    private static final int LIMIT = 4;
    private static JpaDatabase database;

    @BeforeAll
    static void start() {
        database = JpaDatabase.start("presence");
        StringBuilder script = new StringBuilder();
        List<String> users = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace");
        users.forEach(user -> script.append("insert into account (username, display_name, password_hash, roles, created_at) values ('")
                .append(user).append("', '").append(user).append("', 'x', 'user', current_timestamp);\n"));
        conversation(script, "room:small", "alice", "bob", "carol");
        conversation(script, "room:large", "alice", "bob", "dave", "erin", "frank"); // LIMIT + 1 members
        conversation(script, "dm:alice:grace", "alice", "grace");
        conversation(script, "room:limit", "erin", "frank", "grace", "dave"); // exactly LIMIT members
        database.execute(script.toString());
    }

    private static void conversation(StringBuilder script, String id, String... members) {
        script.append("insert into conversation (id, kind, visibility, title, created_at, last_seq) values ('").append(id).append("', '")
                .append(id.startsWith("dm:") ? "DIRECT" : "ROOM").append("', 'PUBLIC', null, current_timestamp, 0);\n");
        for (String member : members) {
            script.append("insert into membership (conversation_id, username, read_seq, joined_at) values ('").append(id)
                    .append("', '").append(member).append("', 0, current_timestamp);\n");
        }
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static Map<String, Set<String>> audiences(Set<String> users) {
        return database.inTransaction(em -> {
            ConversationService service = new ConversationService();
            service.em = em;
            return service.presenceAudiences(users, LIMIT);
        });
    }

    @Test
    void onlyConversationsUpToTheLimitCarryPresence() {
        Map<String, Set<String>> audiences = audiences(Set.of("alice", "dave", "carol", "nobody"));
        assertEquals(Set.of("bob", "carol", "grace"), audiences.get("alice"), "the small room and the direct conversation, not the large room");
        assertEquals(Set.of("erin", "frank", "grace"), audiences.get("dave"), "a room of exactly the limit carries presence");
        assertEquals(Set.of("alice", "bob"), audiences.get("carol"));
        assertEquals(Set.of(), audiences.get("nobody"), "a user in no conversation has an empty audience");
    }

    @Test
    void anyNumberOfUsersCostsThreeQueries() {
        Set<String> many = IntStream.range(0, 2500).mapToObj(i -> "user" + i).collect(Collectors.toSet());
        many.add("bob");
        database.statements().reset();
        Map<String, Set<String>> audiences = audiences(many);
        assertEquals(Set.of("alice", "carol"), audiences.get("bob"));
        assertEquals(2501, audiences.size());
        assertEquals(3 + 1 + 1 + 1, database.statements().roundTrips(),
                "three chunks of users, one of conversations to count, one of small ones to list, and the commit: "
                        + database.statements());
    }
}
