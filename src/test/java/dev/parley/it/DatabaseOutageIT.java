package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.Poll;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.SocketClient;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestCluster;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away under live traffic, on PostgreSQL behind a proxy the test cuts for
 * {@value #OUTAGE_SECONDS} s: sends get an error frame within 5 s (no hang, no ack), readiness is DOWN
 * while liveness stays UP, the server recovers by itself within 10 s of the database returning, and
 * every message acknowledged before, during and after is stored exactly once. Skipped where no
 * PostgreSQL answers.
 */
@ExtendWith(ServerProcesses.class)
class DatabaseOutageIT {

    static final int OUTAGE_SECONDS = 30;
    static final long PACE_MILLIS = 500;

    @TempDir
    Path work;

    @Test
    void sendsFailFastWhileTheDatabaseIsAwayAndNothingAcknowledgedIsLost() throws Exception {
        TestCluster.unavailable().ifPresent(reason -> {
            System.out.println("SKIPPED DatabaseOutageIT: " + reason);
            Assumptions.abort(reason);
        });
        String database = "parley_outage_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(TestCluster.POSTGRES + "postgres", TestCluster.POSTGRES_USER, "unused");
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", 5432);
             ServerProcess server = ServerProcess.start(work, Map.of(
                     "PARLEY_DATA_DIR", work.resolve("data").toString(),
                     // The refused sends are sent again at once after the outage: more than the default burst.
                     "PARLEY_RATE_PER_SECOND", "1000",
                     "PARLEY_RATE_BURST", "2000",
                     "PARLEY_DB_URL", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                     "PARLEY_DB_USER", TestCluster.POSTGRES_USER,
                     "PARLEY_DB_PASSWORD", "unused"))) {
            Api api = new Api(server.base());
            URI root = server.base();
            try (ChatUser alice = new ChatUser(api, "out-a"); ChatUser bob = new ChatUser(api, "out-b")) {
                SocketClient sender = alice.connectLive();
                String room = ChatUser.join(sender, "outage-" + database.substring(database.length() - 8));
                SocketClient watcher = bob.connectLive();
                ChatUser.join(watcher, room.substring("room:".length()));
                Set<String> acknowledged = new LinkedHashSet<>();
                List<String> refused = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    acknowledged.add(ChatUser.sendAndAck(sender, room, "before " + i, "before-" + i).getString("clientMsgId"));
                }

                proxy.cut();
                long outageEnds = System.nanoTime() + Duration.ofSeconds(OUTAGE_SECONDS).toNanos();
                List<Long> answerMillis = new ArrayList<>();
                int n = 0;
                boolean readyDown = false;
                boolean liveUp = true;
                while (System.nanoTime() < outageEnds) {
                    String id = "during-" + n++;
                    long started = System.nanoTime();
                    ChatUser.send(sender, room, "during " + id, id);
                    JsonObject answer = answerTo(sender, id, Duration.ofSeconds(10));
                    answerMillis.add((System.nanoTime() - started) / 1_000_000);
                    assertNotNull(answer, "a send during the outage got no answer within 10 s");
                    if ("ack".equals(answer.getString("type"))) {
                        acknowledged.add(id);
                    } else {
                        assertEquals("unavailable", answer.getString("code"), "the contract's code for a database away: " + answer);
                        refused.add(id);
                    }
                    readyDown |= new Api(root).get("health/ready").status() == 503;
                    liveUp &= new Api(root).get("health/live").status() == 200;
                    // Traffic is paced like a user who keeps trying, two sends a second; nothing is awaited here.
                    TimeUnit.MILLISECONDS.sleep(PACE_MILLIS);
                }
                System.out.println("DatabaseOutageIT: answers during the outage in ms " + answerMillis);
                assertTrue(answerMillis.stream().allMatch(ms -> ms <= 5000), "every send answered within 5 s: " + answerMillis);
                assertTrue(!refused.isEmpty(), "sends during the outage were refused, not acknowledged");
                assertTrue(readyDown, "readiness went DOWN while the database was away");
                assertTrue(liveUp, "liveness stayed UP");

                proxy.restore();
                long restored = System.nanoTime();
                int[] attempt = {0};
                boolean recovered = Poll.until(Duration.ofSeconds(10), () -> {
                    String id = "after-probe-" + attempt[0]++;
                    ChatUser.send(sender, room, "probe", id);
                    JsonObject answer = answerTo(sender, id, Duration.ofSeconds(5));
                    if (answer != null && "ack".equals(answer.getString("type"))) {
                        acknowledged.add(id);
                        return true;
                    }
                    return false;
                });
                System.out.printf("DatabaseOutageIT: recovered %d ms after the database returned%n", (System.nanoTime() - restored) / 1_000_000);
                assertTrue(recovered, "the server recovered within 10 s of the database returning");
                assertTrue(Poll.until(Duration.ofSeconds(10), () -> new Api(root).get("health/ready").status() == 200), "ready again");
                for (String id : refused) {
                    acknowledged.add(ChatUser.sendAndAck(sender, room, "during " + id, id).getString("clientMsgId"));
                }
                for (int i = 0; i < 5; i++) {
                    acknowledged.add(ChatUser.sendAndAck(sender, room, "after " + i, "after-" + i).getString("clientMsgId"));
                }

                Map<String, Integer> stored = new HashMap<>();
                long before = Long.MAX_VALUE;
                long expectedSeq = -1;
                while (true) {
                    JsonObject page = api.get("api/conversations/" + room + "/messages?limit=100"
                            + (before == Long.MAX_VALUE ? "" : "&before=" + before), "Authorization", bob.auth()).json();
                    JsonArray messages = page.getJsonArray("messages");
                    for (int i = messages.size() - 1; i >= 0; i--) {
                        JsonObject message = messages.getJsonObject(i);
                        stored.merge(message.getString("clientMsgId"), 1, Integer::sum);
                        if (expectedSeq >= 0) {
                            assertEquals(expectedSeq - 1, message.getInt("seq"), "seqs are gap-free");
                        }
                        expectedSeq = message.getInt("seq");
                    }
                    if (!page.getBoolean("hasMore")) {
                        break;
                    }
                    before = messages.getJsonObject(0).getInt("seq");
                }
                assertEquals(1, expectedSeq, "history goes back to seq 1");
                for (String id : acknowledged) {
                    assertEquals(1, stored.getOrDefault(id, 0), "acknowledged " + id + " is stored exactly once");
                }
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(TestCluster.POSTGRES + "postgres", TestCluster.POSTGRES_USER, "unused");
                 Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    /** The ack or error for the send with this clientMsgId (its ref), or null within the timeout. */
    private static JsonObject answerTo(SocketClient socket, String ref, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = socket.poll(Duration.ofMillis(100));
            if (frame != null && ref.equals(frame.getString("ref", null))
                    && ("ack".equals(frame.getString("type")) || "error".equals(frame.getString("type")))) {
                return frame;
            }
        }
        return null;
    }
}
