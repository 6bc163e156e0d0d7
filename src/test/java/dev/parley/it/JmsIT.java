package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static dev.parley.testing.SocketClient.socketUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.JmsClient;
import dev.parley.testing.JmsClient.Event;
import dev.parley.testing.SocketClient;
import jakarta.jms.Message;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JMS as an integrator sees it, against the embedded broker of the deployment: events of real
 * exchanges on {@code parley.events}, the inbound queues, and the dead-letter queue.
 */
class JmsIT extends AgainstDeployment {

    private JmsClient jms;
    private String publisher;

    @BeforeEach
    void connect() {
        jms = JmsClient.ofTestDeployment();
        publisher = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
    }

    @AfterEach
    void disconnect() {
        jms.close();
    }

    @Test
    void aChatExchangeArrivesAsEventsInOrder() {
        JmsClient.Events events = jms.events();
        try (ChatUser alice = new ChatUser(api, "ev-alice"); ChatUser bob = new ChatUser(api, "ev-bob")) {
            SocketClient aliceSocket = alice.connectLive();
            String room = ChatUser.join(aliceSocket, "events-" + UUID.randomUUID().toString().substring(0, 8));
            SocketClient bobSocket = bob.connectLive();
            ChatUser.join(bobSocket, room.substring("room:".length()));
            Set<String> acked = new HashSet<>();
            for (int i = 1; i <= 6; i++) {
                SocketClient from = i % 2 == 0 ? bobSocket : aliceSocket;
                acked.add(ChatUser.sendAndAck(from, room, "hello " + i, "ev-" + i).getString("id"));
            }

            List<Event> sent = events.until(e -> "message.sent".equals(e.eventType()) && room.equals(e.data().getString("conversation")),
                    e -> e.data().getInt("seq") == 6);
            assertEquals(6, sent.size(), "one event per message: " + sent);
            Set<String> eventIds = new HashSet<>();
            for (int i = 0; i < sent.size(); i++) {
                Event event = sent.get(i);
                assertEquals(i + 1, event.data().getInt("seq"), "in seq order");
                assertEquals("hello " + (i + 1), event.data().getString("text"));
                assertEquals(i % 2 == 0 ? alice.name : bob.name, event.data().getString("sender"));
                assertEquals(event.eventId(), event.json().getString("id"), "the eventId property is the event's id");
                assertEquals("message.sent", event.json().getString("type"));
                assertTrue(event.json().containsKey("occurredAt"));
                eventIds.add(event.eventId());
            }
            assertEquals(6, eventIds.size(), "event ids are unique");
            assertEquals(acked, sent.stream().map(e -> e.data().getString("id")).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void editsDeletionsAndReactionsArriveAsEventsInSeqOrder() {
        JmsClient.Events events = jms.events();
        try (ChatUser alice = new ChatUser(api, "ev-editor")) {
            SocketClient socket = alice.connectLive();
            String room = ChatUser.join(socket, "changes-" + UUID.randomUUID().toString().substring(0, 8));
            ChatUser.sendAndAck(socket, room, "draft", "ch-1");
            String[] requests = {
                Api.json("type", "edit", "ref", "e", "conversation", room, "seq", 1, "text", "final"),
                Api.json("type", "react", "ref", "r", "conversation", room, "seq", 1, "emoji", "🎉"),
                Api.json("type", "unreact", "ref", "u", "conversation", room, "seq", 1, "emoji", "🎉"),
                Api.json("type", "delete", "ref", "d", "conversation", room, "seq", 1)};
            for (String request : requests) {
                socket.send(request);
                socket.nextOfType("changed");
            }
            Set<String> kinds = Set.of("message.edited", "message.deleted", "reaction.added", "reaction.removed");
            List<Event> changes = events.until(e -> kinds.contains(e.eventType()) && room.equals(e.data().getString("conversation")),
                    e -> "message.deleted".equals(e.eventType()));
            assertEquals(List.of("message.edited", "reaction.added", "reaction.removed", "message.deleted"),
                    changes.stream().map(Event::eventType).toList());
            assertEquals(List.of(2, 3, 4, 5), changes.stream().map(e -> e.data().getInt("seq")).toList());
            assertEquals("final", changes.get(0).data().getString("text"));
            assertEquals("🎉", changes.get(1).data().getString("emoji"));
            changes.forEach(e -> {
                assertEquals(1, e.data().getInt("messageSeq"));
                assertEquals(alice.name, e.data().getString("user"));
                assertEquals(e.eventType(), e.data().getString("kind"));
            });
        }
    }

    @Test
    void notificationsCreatedAndReadArriveAsEvents() {
        JmsClient.Events events = jms.events();
        try (ChatUser carol = new ChatUser(api, "ev-carol")) {
            Api.Reply published = api.post("api/notifications", "{\"to\":{\"users\":[\"" + carol.name + "\"]},\"title\":\"Deploy done\","
                    + "\"priority\":\"high\",\"category\":\"ops\"}", "Authorization", publisher);
            assertEquals(202, published.status(), published.body());
            long id = published.json().getJsonArray("ids").getJsonNumber(0).longValue();
            Event created = events.next(e -> "notification.created".equals(e.eventType()) && carol.name.equals(e.data().getString("user")));
            assertEquals(id, created.data().getJsonObject("notification").getJsonNumber("id").longValue());
            assertEquals("Deploy done", created.data().getJsonObject("notification").getString("title"));
            assertEquals("high", created.data().getJsonObject("notification").getString("priority"));

            assertEquals(204, api.post("api/notifications/" + id + "/read", "", "Authorization", carol.auth()).status());
            Event read = events.next(e -> "notification.read".equals(e.eventType()) && carol.name.equals(e.data().getString("user")));
            assertEquals(id, read.data().getJsonArray("ids").getJsonNumber(0).longValue());
        }
    }

    @Test
    void presenceArrivesAsEvents() {
        JmsClient.Events events = jms.events();
        try (ChatUser dave = new ChatUser(api, "ev-dave")) {
            SocketClient socket = dave.connect();
            events.next(e -> "user.online".equals(e.eventType()) && dave.name.equals(e.data().getString("user")));
            socket.close();
            events.next(e -> "user.offline".equals(e.eventType()) && dave.name.equals(e.data().getString("user")));
        }
    }

    @Test
    void anInboundNotificationReachesTheUsersSocketOnce() {
        try (ChatUser erin = new ChatUser(api, "in-erin");
             SocketClient socket = SocketClient.open(socketUri(http, "notifications"), "Authorization", erin.auth())) {
            socket.next("welcome");
            String body = "{\"to\":{\"users\":[\"" + erin.name + "\"]},\"title\":\"From the ERP\",\"priority\":\"high\"}";
            jms.send("parley.notifications", body, Map.of("idempotencyKey", "erp-" + erin.name));
            JsonObject pushed = socket.nextOfType("notification").getJsonObject("notification");
            assertEquals("From the ERP", pushed.getString("title"));

            // The same business message again (a producer's retry), then a marker: the queue is
            // processed in order, so once the marker is here the retry was handled, and ignored.
            jms.send("parley.notifications", body, Map.of("idempotencyKey", "erp-" + erin.name));
            jms.send("parley.notifications", body.replace("From the ERP", "marker"), Map.of());
            assertEquals("marker", socket.nextOfType("notification").getJsonObject("notification").getString("title"));
            JsonArray inbox = api.get("api/notifications", "Authorization", erin.auth()).json().getJsonArray("notifications");
            assertEquals(2, inbox.size(), "the retried message did not notify twice: " + inbox);
        }
    }

    @Test
    void aSystemPostsIntoARoomAsABot() {
        try (ChatUser frank = new ChatUser(api, "in-frank")) {
            SocketClient socket = frank.connectLive();
            String slug = "ops-" + UUID.randomUUID().toString().substring(0, 8);
            String room = ChatUser.join(socket, slug);
            String bot = Api.uniqueUser("alerts");
            String body = "{\"from\":\"" + bot + "\",\"conversation\":\"" + room + "\",\"text\":\"disk 91% full\"}";
            jms.send("parley.messages", body, Map.of("idempotencyKey", "alert-" + slug));
            JsonObject message = socket.nextOfType("message").getJsonObject("message");
            assertEquals(bot, message.getString("sender"));
            assertEquals("disk 91% full", message.getString("text"));

            jms.send("parley.messages", body, Map.of("idempotencyKey", "alert-" + slug));
            jms.send("parley.messages", body.replace("disk 91% full", "marker"), Map.of());
            assertEquals("marker", socket.nextOfType("message").getJsonObject("message").getString("text"));
            JsonArray history = api.get("api/conversations/" + room + "/messages", "Authorization", frank.auth()).json()
                    .getJsonArray("messages");
            assertEquals(2, history.size(), "the redelivered alert was posted once: " + history);
            assertEquals(401, api.post("api/auth/token", Api.json("username", bot, "password", "anything-at-all")).status(),
                    "a bot account cannot log in");
        }
    }

    @Test
    void whatCannotBeProcessedLandsInTheDeadLetterQueueWithItsReason() {
        String test = UUID.randomUUID().toString();
        jms.send("parley.notifications", "this is not JSON", Map.of("testId", test + "-json"));
        Message notJson = jms.receive("parley.dlq", "testId = '" + test + "-json'");
        assertReason(notJson, "bad_request", "malformed JSON");

        jms.send("parley.notifications", "{\"to\":{\"users\":[\"nobody-" + test.substring(0, 8) + "\"]},\"title\":\"x\"}",
                Map.of("testId", test + "-user"));
        assertReason(jms.receive("parley.dlq", "testId = '" + test + "-user'"), "bad_request", "unknown users");

        jms.send("parley.notifications", "{\"to\":{\"all\":true}}", Map.of("testId", test + "-title"));
        assertReason(jms.receive("parley.dlq", "testId = '" + test + "-title'"), "bad_request", "title");

        jms.send("parley.messages", "{\"from\":\"bot-" + test.substring(0, 8) + "\",\"conversation\":\"room:lobby\",\"text\":\"bad \\ud800\"}",
                Map.of("testId", test + "-surrogate"));
        assertReason(jms.receive("parley.dlq", "testId = '" + test + "-surrogate'"), "bad_request", "surrogate");

        try (ChatUser person = new ChatUser(api, "in-person")) {
            jms.send("parley.messages", "{\"from\":\"" + person.name + "\",\"conversation\":\"room:lobby\",\"text\":\"hi\"}",
                    Map.of("testId", test + "-person"));
            assertReason(jms.receive("parley.dlq", "testId = '" + test + "-person'"), "forbidden", "person");
        }
    }

    private static void assertReason(Message message, String code, String reasonPart) {
        try {
            assertEquals(code, message.getStringProperty("errorCode"));
            String reason = message.getStringProperty("reason");
            assertTrue(reason.contains(reasonPart), reason);
            assertTrue(message.getStringProperty("originalQueue").startsWith("parley."));
            assertFalse(message.getStringProperty("originalMessageId").isEmpty());
        } catch (jakarta.jms.JMSException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void healthAndMetricsShowTheBrokerAndTheOutbox() {
        Api server = new Api(http.resolve("/"));
        JsonObject jms = server.get("health/ready").json().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> "jms".equals(c.getString("name"))).findFirst().orElseThrow();
        assertEquals("UP", jms.getString("status"));
        assertEquals("connected", jms.getJsonObject("data").getString("broker"));
        assertTrue(jms.getJsonObject("data").getString("mode").startsWith("embedded tcp://127.0.0.1:"), jms.toString());
        assertTrue(jms.getJsonObject("data").containsKey("outboxBacklog"), jms.toString());
        String metrics = server.get("metrics").body();
        assertTrue(metrics.contains("parley_jms_events_published"), "published counter");
        assertTrue(metrics.contains("parley_jms_dead_lettered"), "dead-letter counter");
        assertTrue(metrics.contains("parley_outbox_backlog"), "backlog gauge");
    }
}
