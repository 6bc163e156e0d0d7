package dev.parley.chat.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.chat.control.ChatEvents.MessagesPosted;
import dev.parley.chat.control.MessageSender.Outcome;
import dev.parley.chat.control.MessageSender.Pending;
import dev.parley.chat.entity.ConversationId;
import dev.parley.integration.control.Outbox;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.web.ContextPath;
import dev.parley.testing.JpaDatabase;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What one batch of sends costs the database, counted at the JDBC driver (issue 14, item 7): the
 * statements of a batch grow with its conversations and senders, not with its sends, because messages,
 * read positions and outbox rows go in JDBC batches and retried client ids are looked up once.
 */
class MessageBatchStatementsTest {

    private static final int CONVERSATIONS = 5;
    private static final int SENDERS = 4;

    private static JpaDatabase database;

    @BeforeAll
    static void start() {
        database = JpaDatabase.start("batch");
        StringBuilder seed = new StringBuilder();
        for (int s = 0; s < SENDERS; s++) {
            seed.append("insert into account (username, display_name, password_hash, roles, created_at) values ('user").append(s)
                    .append("', 'User ").append(s).append("', 'x', 'user', current_timestamp);\n");
        }
        for (int c = 0; c < CONVERSATIONS; c++) {
            seed.append("insert into conversation (id, kind, visibility, title, created_at, last_seq) values ('room:r").append(c)
                    .append("', 'ROOM', 'PUBLIC', 'Room ").append(c).append("', current_timestamp, 0);\n");
            for (int s = 0; s < SENDERS; s++) {
                seed.append("insert into membership (conversation_id, username, read_seq, joined_at) values ('room:r").append(c)
                        .append("', 'user").append(s).append("', 0, current_timestamp);\n");
            }
        }
        database.execute(seed.toString());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static List<Pending> sends(int count, String prefix) {
        List<Pending> sends = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sends.add(new Pending("user" + i % SENDERS, ConversationId.room("r" + i % CONVERSATIONS), "hello " + i, prefix + i, List.of(), null));
        }
        return sends;
    }

    private List<Outcome> commit(List<Pending> sends) {
        return database.inTransaction(em -> batch(em).commit(sends));
    }

    private static MessageBatch batch(EntityManager em) {
        JsonCodec codec = new JsonCodec();
        Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
        Outbox outbox = new Outbox();
        JpaDatabase.inject(outbox, "em", em);
        JpaDatabase.inject(outbox, "codec", codec);
        JpaDatabase.inject(outbox, "clock", clock);
        JpaDatabase.inject(outbox, "appended", JpaDatabase.ignored());
        MessageBatch batch = new MessageBatch();
        batch.em = em;
        batch.clock = clock;
        batch.contextPath = new ContextPath();
        // The outbox joins the batch as it does in the server, observing MessagesPosted.
        Event<MessagesPosted> posted = JpaDatabase.delivering(event -> outbox.appendEach("message.sent", event.messages()));
        batch.posted = posted;
        return batch;
    }

    @Test
    void aBatchCostsStatementsPerConversationAndSenderNotPerSend() {
        commit(sends(20, "warm-"));
        database.statements().reset();
        List<Outcome> small = commit(sends(20, "small-"));
        long smallStatements = database.statements().roundTrips();
        String smallDetail = database.statements().toString();
        database.statements().reset();
        List<Outcome> large = commit(sends(400, "large-"));
        long largeStatements = database.statements().roundTrips();
        String largeDetail = database.statements().toString();

        assertTrue(small.stream().allMatch(outcome -> outcome.failure() == null), small.toString());
        assertTrue(large.stream().allMatch(outcome -> outcome.failure() == null && !outcome.stored().duplicate()));
        // Per batch: one lookup of retried ids, a membership per conversation and sender, one batch of
        // seq increments and one read of them, a few JDBC batches (messages, read positions, outbox
        // rows) and the commit.
        int perBatch = 1 + CONVERSATIONS * SENDERS + 2 + 8;
        assertTrue(smallStatements <= perBatch, "20 sends took " + smallDetail);
        assertTrue(largeStatements <= perBatch, "400 sends took " + largeDetail);
        System.out.printf("MessageBatchStatementsTest: 20 sends -> %s%n400 sends -> %s%n", smallDetail, largeDetail);

        Map<String, Long> lastSeqs = new TreeMap<>();
        database.query("select id, last_seq from conversation order by id", row -> lastSeqs.put(row.getString(1), row.getLong(2)));
        long perConversation = (20 + 20 + 400) / CONVERSATIONS;
        lastSeqs.values().forEach(lastSeq -> assertEquals(perConversation, lastSeq, lastSeqs.toString()));
        assertEquals(List.of(440L, 440L, 0L), List.of(
                database.count("select count(*) from message"),
                database.count("select count(*) from outbox_event"),
                database.count("select count(*) from (select conversation_id, seq from message group by conversation_id, seq having count(*) > 1)")),
                "every send stored once, with its outbox event, and no seq twice");
    }

    @Test
    void aRetriedClientIdInTheSameBatchOrAnEarlierOneIsAnsweredWithTheOriginal() {
        List<Outcome> first = commit(sends(3, "retry-"));
        List<Pending> again = new ArrayList<>(sends(3, "retry-"));
        again.add(again.get(0));
        again.addAll(sends(2, "fresh-"));
        again.add(again.get(again.size() - 1));
        List<Outcome> second = commit(again);

        for (int i = 0; i < 3; i++) {
            assertTrue(second.get(i).stored().duplicate());
            assertEquals(first.get(i).stored().message().id(), second.get(i).stored().message().id());
        }
        assertEquals(first.get(0).stored().message().id(), second.get(3).stored().message().id());
        assertTrue(!second.get(4).stored().duplicate() && !second.get(5).stored().duplicate());
        assertTrue(second.get(6).stored().duplicate(), "the same send twice in one batch is stored once");
        assertEquals(second.get(5).stored().message().id(), second.get(6).stored().message().id());
    }
}
