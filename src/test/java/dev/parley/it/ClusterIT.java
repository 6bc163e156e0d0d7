package dev.parley.it;

import static dev.parley.testing.SocketClient.socketUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.Poll;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.SocketClient;
import dev.parley.testing.TestCluster;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on loopback, clustered over Payara's Hazelcast, sharing one PostgreSQL database: users on
 * different nodes chat, see each other's presence and get notifications and topic updates;
 * concurrent senders on both nodes get gap-free seqs; a node killed mid-exchange loses nothing, and a
 * node that starts serves at once. Skipped, with the reason, where no PostgreSQL answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ServerProcesses.class)
class ClusterIT {

    @TempDir
    static Path work;

    static TestCluster cluster;
    static URI a;
    static URI b;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        if (ServerProcess.kind() == ServerProcess.Kind.WILDFLY) {
            String reason = "WildFly has no Hazelcast data grid; its cluster transport (JMS) is tested by JmsClusterIT";
            System.out.println("SKIPPED ClusterIT: " + reason);
            Assumptions.abort(reason);
        }
        TestCluster.unavailable().ifPresent(reason -> {
            System.out.println("SKIPPED ClusterIT: " + reason);
            Assumptions.abort(reason);
        });
        cluster = TestCluster.start(work, 2, Map.of(
                "PARLEY_ADMIN_USER", AccountsIT.ADMIN,
                "PARLEY_ADMIN_PASSWORD", AccountsIT.ADMIN_PASSWORD));
        a = cluster.node(0).base();
        b = cluster.node(1).base();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String room() {
        return "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Order(1)
    void usersOnDifferentNodesChat() {
        try (ChatUser alice = new ChatUser(cluster.api(0), "cl-alice"); ChatUser bob = new ChatUser(cluster.api(0), "cl-bob")) {
            SocketClient onA = alice.connectLiveTo(a);
            String room = ChatUser.join(onA, room());
            SocketClient onB = bob.connectLiveTo(b);
            ChatUser.join(onB, room.substring("room:".length()));
            for (int i = 1; i <= 3; i++) {
                ChatUser.sendAndAck(onA, room, "from A " + i, "a-" + i);
            }
            for (int i = 1; i <= 3; i++) {
                JsonObject message = onB.nextOfType("message").getJsonObject("message");
                assertEquals(i, message.getInt("seq"));
                assertEquals("from A " + i, message.getString("text"));
            }
            ChatUser.sendAndAck(onB, room, "from B", "b-1");
            assertEquals("from B", nextMessageFrom(onA, bob.name).getString("text"));

            onB.send(Api.json("type", "typing", "conversation", room));
            assertEquals(bob.name, onA.nextOfType("typing").getString("user"), "typing crosses nodes");
            onA.send("{\"type\":\"read\",\"conversation\":\"" + room + "\",\"seq\":4}");
            JsonObject receipt = onB.nextOfType("receipt");
            assertEquals(alice.name, receipt.getString("user"), "receipts cross nodes");
            assertEquals(4, receipt.getInt("seq"));
        }
    }

    @Test
    @Order(2)
    void presenceIsClusterWide() {
        try (ChatUser alice = new ChatUser(cluster.api(1), "cl-pa"); ChatUser bob = new ChatUser(cluster.api(1), "cl-pb");
             ChatUser erin = new ChatUser(cluster.api(1), "cl-pe")) {
            SocketClient bobOnB = bob.connectLiveTo(b);
            String slug = room();
            ChatUser.join(bobOnB, slug);
            ChatUser.join(alice.connectLiveTo(b), slug);
            ChatUser.join(erin.connectLiveTo(b), slug);
            alice.close();
            erin.close();
            Set<String> gone = new HashSet<>();
            while (gone.size() < 2) {
                JsonObject frame = bobOnB.nextOfType("presence");
                if ("offline".equals(frame.getString("status"))) {
                    gone.add(frame.getString("user"));
                }
            }
            assertEquals(Set.of(alice.name, erin.name), gone);

            SocketClient aliceOnA = alice.connectTo(a);
            assertEquals("online", nextPresenceOf(bobOnB, alice.name), "online through node A, seen on node B");
            SocketClient aliceOnB = alice.connectTo(b);
            aliceOnA.close();
            aliceOnB.close();
            assertEquals("offline", nextPresenceOf(bobOnB, alice.name));
            erin.connectTo(a);
            assertEquals("online", nextPresenceOf(bobOnB, erin.name));
            // Had a second online or an early offline of alice been sent, it would have come before erin's.

            Api.Reply asked = cluster.api(1).get("api/presence?users=" + alice.name + "," + erin.name + "," + bob.name, "Authorization", bob.auth());
            assertEquals(200, asked.status(), asked.body());
            assertEquals(List.of(erin.name, bob.name), asked.json().getJsonArray("online").getValuesAs(JsonString::getString),
                    "one cluster-wide question: erin's socket is on node A, bob's on B, alice has none");
            bobOnB.send(Api.json("type", "watch", "ref", "w1", "users", jakarta.json.Json.createArrayBuilder().add(alice.name).add(erin.name).build()));
            assertEquals(List.of(erin.name), bobOnB.nextOfType("watching").getJsonArray("online").getValuesAs(JsonString::getString));
        }
    }

    /** The next message from {@code sender}, skipping others' (and the sender's whose text starts with {@code skip}). */
    private static JsonObject nextMessageFrom(SocketClient socket, String sender, String... skip) {
        while (true) {
            JsonObject message = socket.nextOfType("message").getJsonObject("message");
            if (sender.equals(message.getString("sender"))
                    && java.util.Arrays.stream(skip).noneMatch(prefix -> message.getString("text").startsWith(prefix))) {
                return message;
            }
        }
    }

    private static String nextPresenceOf(SocketClient socket, String user) {
        while (true) {
            JsonObject frame = socket.nextOfType("presence");
            if (user.equals(frame.getString("user"))) {
                return frame.getString("status");
            }
        }
    }

    @Test
    @Order(3)
    void notificationsAndTopicsCrossNodes() throws Exception {
        Api onA = cluster.api(0);
        String publisher = Api.bearer(onA.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
        try (ChatUser carol = new ChatUser(onA, "cl-carol");
             SocketClient inbox = SocketClient.open(socketUri(b, "notifications"), "Authorization", carol.auth())) {
            inbox.next("welcome");
            Api.Reply published = onA.post("api/notifications", "{\"to\":{\"users\":[\"" + carol.name + "\"]},\"title\":\"across\"}",
                    "Authorization", publisher);
            assertEquals(202, published.status(), published.body());
            assertEquals("across", inbox.nextOfType("notification").getJsonObject("notification").getString("title"));

            String topic = "prices:CL" + UUID.randomUUID().toString().substring(0, 6);
            inbox.send(Api.json("type", "subscribe", "ref", "s1", "topic", topic));
            inbox.nextOfType("subscribed");
            assertEquals(202, onA.post("api/topics/" + topic, "{\"data\":{\"price\":101}}", "Authorization", publisher).status());
            assertEquals(101, inbox.nextOfType("update").getJsonObject("data").getInt("price"), "published on A, live on B");
            try (SocketClient late = SocketClient.open(socketUri(b, "notifications"), "Authorization", carol.auth())) {
                late.next("welcome");
                late.send(Api.json("type", "subscribe", "ref", "s2", "topic", topic));
                assertEquals(101, late.nextOfType("update").getJsonObject("data").getInt("price"), "the last value, on B");
            }
        }
    }

    @Test
    @Order(4)
    void concurrentSendersOnBothNodesGetGapFreeSeqs() throws Exception {
        int senders = 4;
        int each = 25;
        List<ChatUser> users = new ArrayList<>();
        String slug = room();
        try {
            for (int i = 0; i < senders * 2 + 2; i++) {
                users.add(new ChatUser(cluster.api(i % 2), "cl-s" + i));
            }
            List<SocketClient> sockets = new ArrayList<>();
            String room = null;
            for (int i = 0; i < users.size(); i++) {
                SocketClient socket = users.get(i).connectLiveTo(i % 2 == 0 ? a : b);
                room = ChatUser.join(socket, slug);
                sockets.add(socket);
            }
            SocketClient watcherA = sockets.get(sockets.size() - 2);
            SocketClient watcherB = sockets.get(sockets.size() - 1);
            String conversation = room;
            ExecutorService pool = Executors.newFixedThreadPool(senders * 2);
            List<Future<?>> running = new ArrayList<>();
            for (int s = 0; s < senders * 2; s++) {
                SocketClient socket = sockets.get(s);
                int sender = s;
                running.add(pool.submit(() -> {
                    for (int n = 0; n < each; n++) {
                        ChatUser.send(socket, conversation, "s" + sender + " n" + n, "s" + sender + "-" + n);
                    }
                    for (int n = 0; n < each; n++) {
                        socket.nextOfType("ack");
                    }
                    return null;
                }));
            }
            for (Future<?> sender : running) {
                sender.get();
            }
            pool.shutdown();
            int total = senders * 2 * each;
            for (SocketClient watcher : List.of(watcherA, watcherB)) {
                Set<String> texts = new HashSet<>();
                for (int seq = 1; seq <= total; seq++) {
                    JsonObject message = watcher.nextOfType("message").getJsonObject("message");
                    assertEquals(seq, message.getInt("seq"), "every message once, in seq order, on both nodes");
                    texts.add(message.getString("text"));
                }
                assertEquals(total, texts.size());
            }
            JsonArray history = cluster.api(1).get("api/conversations/" + conversation + "/messages?limit=100&before=" + (total + 1),
                    "Authorization", users.get(1).auth()).json().getJsonArray("messages");
            assertEquals(100, history.size());
            for (int i = 0; i < history.size(); i++) {
                assertEquals(total - 99 + i, history.getJsonObject(i).getInt("seq"), "stored gap-free");
            }
        } finally {
            users.forEach(ChatUser::close);
        }
    }

    @Test
    @Order(4)
    void twentyConcurrentReactionsOnBothNodesCountTwentyEverywhere() throws Exception {
        List<ChatUser> users = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            ChatUser author = new ChatUser(cluster.api(0), "cl-author");
            users.add(author);
            String slug = room();
            SocketClient watcherA = author.connectLiveTo(a);
            String conversation = ChatUser.join(watcherA, slug);
            SocketClient watcherB = author.connectLiveTo(b);
            ChatUser.sendAndAck(watcherA, conversation, "vote with a rocket", "v-1");
            watcherB.nextOfType("message");
            List<Callable<Integer>> reactions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int node = i % 2;
                ChatUser fan = new ChatUser(cluster.api(node), "cl-fan" + i);
                users.add(fan);
                assertEquals(200, cluster.api(0).post("api/rooms/" + slug + "/members", Api.json("username", fan.name),
                        "Authorization", author.auth()).status());
                reactions.add(() -> cluster.api(node).send("PUT", "api/conversations/" + conversation + "/messages/1/reactions/"
                        + URLEncoder.encode("🚀", StandardCharsets.UTF_8), null, "Authorization", fan.auth()).status());
            }
            for (Future<Integer> status : pool.invokeAll(reactions)) {
                assertEquals(204, status.get());
            }
            for (SocketClient watcher : List.of(watcherA, watcherB)) {
                for (int seq = 2; seq <= 21; seq++) {
                    JsonObject change = watcher.nextOfType("change").getJsonObject("change");
                    assertEquals(seq, change.getInt("seq"), "every change once, in seq order, on both nodes");
                    assertEquals("reaction.added", change.getString("kind"));
                }
            }
            for (int node = 0; node < 2; node++) {
                JsonObject rocket = cluster.api(node).get("api/conversations/" + conversation + "/messages/1", "Authorization", author.auth())
                        .json().getJsonArray("reactions").getJsonObject(0);
                assertEquals(20, rocket.getInt("count"));
                assertEquals(20, new HashSet<>(rocket.getJsonArray("users")).size());
            }
        } finally {
            pool.shutdownNow();
            users.forEach(ChatUser::close);
        }
    }

    @Test
    @Order(5)
    void tokensSessionsAndFilesWorkOnEveryNode() {
        Api onA = cluster.api(0);
        Api onB = cluster.api(1);
        String name = Api.uniqueUser("cl-any");
        assertEquals(201, onA.register(name, "password-1").status());
        String token = onA.token(name, "password-1");
        assertEquals(200, onB.get("api/me", "Authorization", Api.bearer(token)).status(), "a token from A on B");
        String cookie = onA.login(name, "password-1");
        assertEquals(name, onB.get("api/me", "Cookie", "parley_session=" + cookie).json().getString("username"),
                "a browser session from A on B");
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        Api.Reply uploaded = onA.multipart("api/attachments", "file", "dot.png", "image/png", png, "Authorization", Api.bearer(token));
        assertEquals(201, uploaded.status(), uploaded.body());
        Api.Reply downloaded = onB.get("api/attachments/" + uploaded.json().getString("id"), "Authorization", Api.bearer(token));
        assertEquals(200, downloaded.status(), "a file uploaded to A, served by B");
        assertEquals("image/png", downloaded.header("Content-Type").orElse(""));
    }

    /**
     * Nodes started the way scripts/cluster.sh starts them refuse a cleartext upgrade to HTTP/2 (h2c),
     * whose Grizzly code can deadlock a node (payara-config/preboot.asadmin): the request is answered
     * over HTTP/1.1, with no 101 Switching Protocols.
     */
    @Test
    @Order(6)
    void aNodeAnswersAnH2cUpgradeRequestOverHttp11() throws Exception {
        URI node = cluster.node(0).base();
        try (Socket socket = new Socket(node.getHost(), node.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: " + node.getHost() + "\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 200 OK", status, "no switch to h2c");
        }
        assertEquals(200, cluster.api(0).get("health/ready").status(), "and the node still answers");
    }

    @Test
    @Order(10)
    void aKilledNodesClientsResumeOnTheOtherAndNothingIsLost() throws Exception {
        try (ChatUser alice = new ChatUser(cluster.api(0), "cl-ka"); ChatUser bob = new ChatUser(cluster.api(1), "cl-kb");
             ChatUser carol = new ChatUser(cluster.api(0), "cl-kc")) {
            SocketClient aliceOnA = alice.connectLiveTo(a);
            String slug = room();
            String room = ChatUser.join(aliceOnA, slug);
            SocketClient bobOnB = bob.connectLiveTo(b);
            ChatUser.join(bobOnB, slug);
            ChatUser.join(carol.connectLiveTo(a), slug);
            Set<String> acked = new HashSet<>();
            long seen = 0;
            for (int i = 1; i <= 10; i++) {
                acked.add(ChatUser.sendAndAck(aliceOnA, room, "before " + i, "k-" + i).getString("id"));
                seen = i;
            }
            // A direct message that bob does not read: its chat notification is due only after the delay,
            // by which time node A is dead; node B must create it.
            ChatUser.sendAndAck(aliceOnA, "@" + bob.name, "are you there?", "k-dm");
            cluster.kill(0);
            aliceOnA.awaitGone();

            // While alice is away, bob keeps writing on B.
            for (int i = 1; i <= 5; i++) {
                acked.add(ChatUser.sendAndAck(bobOnB, room, "meanwhile " + i, "m-" + i).getString("id"));
            }
            // Alice's client reconnects through the balancer, which now routes to B, and resumes.
            SocketClient aliceOnB = alice.connectTo(b);
            aliceOnB.send("{\"type\":\"resume\",\"ref\":\"r\",\"cursors\":{\"" + room + "\":" + seen + "}}");
            List<String> resumed = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                resumed.add(aliceOnB.nextOfType("message").getJsonObject("message").getString("text"));
            }
            assertEquals(List.of("meanwhile 1", "meanwhile 2", "meanwhile 3", "meanwhile 4", "meanwhile 5"), resumed);
            assertEquals(5, aliceOnB.nextOfType("resumed").getInt("count"));
            acked.add(ChatUser.sendAndAck(aliceOnB, room, "after", "k-after").getString("id"));
            assertEquals("after", nextMessageFrom(bobOnB, alice.name, "before ").getString("text"), "after the 10 sent before the kill");

            assertEquals("offline", nextPresenceOf(bobOnB, carol.name), "the dead node's users go offline when it is swept");
            assertTrue(Poll.until(Duration.ofSeconds(30), () -> cluster.api(1).get("api/notifications", "Authorization", bob.auth())
                    .json().getJsonArray("notifications").stream().map(JsonObject.class::cast)
                    .anyMatch(n -> "chat".equals(n.getString("category")) && n.getString("title").contains(alice.name))),
                    "the chat notification due when node A died was created by node B");

            JsonArray history = cluster.api(1).get("api/conversations/" + room + "/messages?limit=100", "Authorization", bob.auth())
                    .json().getJsonArray("messages");
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < history.size(); i++) {
                assertEquals(i + 1, history.getJsonObject(i).getInt("seq"));
                stored.add(history.getJsonObject(i).getString("id"));
            }
            assertEquals(acked, stored, "every acknowledged message, once");

            // A node that starts joins the cluster and serves at once.
            URI restarted = cluster.restart(0).base();
            SocketClient aliceBackOnA = alice.connectLiveTo(restarted);
            ChatUser.sendAndAck(bobOnB, room, "welcome back", "m-back");
            assertEquals("welcome back", aliceBackOnA.nextOfType("message").getJsonObject("message").getString("text"));
        }
    }

    @Test
    @Order(11)
    void aRollingRestartOfBothNodesLosesNothing() throws Exception {
        try (ChatUser alice = new ChatUser(cluster.api(0), "cl-ra"); ChatUser bob = new ChatUser(cluster.api(1), "cl-rb")) {
            String slug = room();
            SocketClient aliceSocket = alice.connectLiveTo(cluster.node(0).base());
            String room = ChatUser.join(aliceSocket, slug);
            SocketClient bobSocket = bob.connectLiveTo(cluster.node(1).base());
            ChatUser.join(bobSocket, slug);
            List<Integer> bobSaw = new ArrayList<>();
            Set<String> acked = new HashSet<>();
            int sent = 0;

            for (int restart = 0; restart < 2; restart++) {
                for (int i = 0; i < 3; i++) {
                    sent++;
                    acked.add(ChatUser.sendAndAck(aliceSocket, room, "m" + sent, "r-" + sent).getString("id"));
                }
                readUpTo(bobSocket, sent, bobSaw);
                // Restart the node one of them is on (B first, then A); its client moves to the other node.
                int stopping = restart == 0 ? 1 : 0;
                int staying = 1 - stopping;
                cluster.node(stopping).stop();
                if (stopping == 1) {
                    bobSocket.awaitClose();
                    bobSocket = resumeOn(bob, cluster.node(staying).base(), room, bobSaw);
                } else {
                    aliceSocket.awaitClose();
                    bobSocket.awaitClose();
                    aliceSocket = resumeOn(alice, cluster.node(staying).base(), room, new ArrayList<>());
                    bobSocket = resumeOn(bob, cluster.node(staying).base(), room, bobSaw);
                }
                sent++;
                acked.add(ChatUser.sendAndAck(aliceSocket, room, "m" + sent, "r-" + sent).getString("id"));
                readUpTo(bobSocket, sent, bobSaw);
                cluster.restart(stopping);
            }
            List<Integer> expected = new ArrayList<>();
            for (int seq = 1; seq <= sent; seq++) {
                expected.add(seq);
            }
            assertEquals(expected, bobSaw, "bob saw every message once, in order, across two restarts");
            JsonArray history = cluster.api(0).get("api/conversations/" + room + "/messages?limit=100", "Authorization", bob.auth())
                    .json().getJsonArray("messages");
            Set<String> stored = new HashSet<>();
            history.forEach(m -> stored.add(m.asJsonObject().getString("id")));
            assertEquals(acked, stored);
        }
    }

    @Test
    @Order(20)
    void aNodeOnTheSameDatabaseOutsideTheClusterTurnsReadinessDown() throws Exception {
        Api nodeA = cluster.api(0);
        try (ServerProcess outsider = cluster.startOutsider()) {
            Api out = new Api(outsider.base());
            assertTrue(Poll.until(Duration.ofSeconds(60), () -> out.get("health/ready").status() == 503),
                    "the outsider reports that nothing connects it: " + out.get("health/ready").body());
            String report = out.get("health/ready").body();
            assertTrue(report.contains("PARLEY_CLUSTER") && report.contains("--clustername"), "the error names the settings: " + report);
            assertTrue(Poll.until(Duration.ofSeconds(60), () -> nodeA.get("health/ready").status() == 503),
                    "the clustered nodes report the outsider too: " + nodeA.get("health/ready").body());
            outsider.stop();
        }
        assertTrue(Poll.until(Duration.ofSeconds(60), () -> nodeA.get("health/ready").status() == 200),
                "ready again once the outsider is gone: " + nodeA.get("health/ready").body());
    }

    /** Reads messages until {@code seq}, recording their seqs. */
    private static void readUpTo(SocketClient socket, int seq, List<Integer> saw) {
        while (saw.isEmpty() || saw.get(saw.size() - 1) < seq) {
            saw.add(socket.nextOfType("message").getJsonObject("message").getInt("seq"));
        }
    }

    /** What a client does after its node went away: connect again (to the other node) and resume from its cursor. */
    private static SocketClient resumeOn(ChatUser user, URI node, String room, List<Integer> saw) {
        SocketClient socket = user.connectTo(node);
        int cursor = saw.isEmpty() ? 0 : saw.get(saw.size() - 1);
        socket.send("{\"type\":\"resume\",\"ref\":\"again\",\"cursors\":{\"" + room + "\":" + cursor + "}}");
        JsonObject frame;
        while (!"resumed".equals((frame = socket.next()).getString("type"))) {
            if ("message".equals(frame.getString("type"))) {
                saw.add(frame.getJsonObject("message").getInt("seq"));
            }
        }
        return socket;
    }
}
