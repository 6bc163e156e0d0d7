package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static dev.parley.testing.Api.json;
import static dev.parley.testing.SocketClient.socketUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.SocketClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Notifications over {@code /notifications} and REST: publishing, backlog, ack, read sync, preferences, inbox. */
class NotificationsIT extends AgainstDeployment {

    String publisher;

    @BeforeEach
    void publisher() {
        publisher = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
    }

    record User(String name, String token) {
        String auth() {
            return bearer(token);
        }
    }

    private User user(String prefix) {
        String name = Api.uniqueUser(prefix);
        assertEquals(201, api.register(name, "password-1").status());
        return new User(name, api.token(name, "password-1"));
    }

    private SocketClient connect(User user) {
        return SocketClient.open(socketUri(http, "notifications"), "Authorization", user.auth());
    }

    private Api.Reply publish(String to, String category, String priority, String title) {
        return api.post("api/notifications", "{\"to\":" + to + ",\"category\":\"" + category + "\",\"priority\":\"" + priority
                + "\",\"title\":\"" + title + "\",\"body\":\"b\",\"url\":\"/x\",\"data\":{\"n\":1}}", "Authorization", publisher);
    }

    private static String users(User... users) {
        var array = Json.createArrayBuilder();
        for (User user : users) {
            array.add(user.name());
        }
        return Json.createObjectBuilder().add("users", array).build().toString();
    }

    @Test
    void publishersReachEverySessionOfEachRecipient() {
        User alice = user("inbox-a");
        User bob = user("inbox-b");
        try (SocketClient phone = connect(alice); SocketClient laptop = connect(alice)) {
            assertEquals(0, phone.next("welcome").getInt("unread"));
            laptop.next("welcome");
            Api.Reply published = publish(users(alice, bob), "likes", "high", "Bob liked your photo");
            assertEquals(202, published.status(), published.body());
            JsonArray ids = published.json().getJsonArray("ids");
            assertEquals(2, ids.size());
            for (SocketClient socket : List.of(phone, laptop)) {
                JsonObject notification = socket.next("notification").getJsonObject("notification");
                assertEquals("likes", notification.getString("category"));
                assertEquals("high", notification.getString("priority"));
                assertEquals("Bob liked your photo", notification.getString("title"));
                assertEquals("/x", notification.getString("url"));
                assertEquals(1, notification.getJsonObject("data").getInt("n"));
                assertFalse(notification.getBoolean("read"));
                assertTrue(notification.getString("createdAt").endsWith("Z"));
            }
        }
        User plain = user("nopub");
        Api.Reply forbidden = api.post("api/notifications", "{\"to\":{\"users\":[\"" + alice.name() + "\"]},\"title\":\"x\"}",
                "Authorization", plain.auth());
        assertEquals(403, forbidden.status());
    }

    @Test
    void unacknowledgedNotificationsComeBackOnTheNextConnect() {
        User carol = user("backlog");
        assertEquals(202, publish(users(carol), "system", "normal", "first").status());
        assertEquals(202, publish(users(carol), "system", "normal", "second").status());
        long firstId;
        try (SocketClient socket = connect(carol)) {
            assertEquals(2, socket.next("welcome").getInt("unread"));
            JsonObject first = socket.next("notification").getJsonObject("notification");
            assertEquals("first", first.getString("title"), "the backlog comes oldest first");
            assertEquals("second", socket.next("notification").getJsonObject("notification").getString("title"));
            firstId = first.getJsonNumber("id").longValue();
            socket.send(json("type", "ack", "id", firstId));
            socket.send(json("type", "ping", "ref", "p"));
            assertEquals("pong", socket.next().getString("type"), "ack has no reply");
        }
        try (SocketClient again = connect(carol)) {
            assertEquals(2, again.next("welcome").getInt("unread"), "acknowledging is not reading");
            JsonObject redelivered = again.next("notification").getJsonObject("notification");
            assertEquals("second", redelivered.getString("title"), "only the unacknowledged one comes again");
            again.send(json("type", "ping", "ref", "end"));
            assertEquals("pong", again.next().getString("type"));
            again.send(json("type", "ack", "id", 999_999_999L));
            assertEquals("not_found", again.next("error").getString("code"));
        }
    }

    @Test
    void readingOnOneSessionSyncsTheOthers() {
        User dan = user("sync");
        try (SocketClient one = connect(dan); SocketClient two = connect(dan)) {
            one.next("welcome");
            two.next("welcome");
            publish(users(dan), "chat", "normal", "a");
            publish(users(dan), "chat", "normal", "b");
            long a = one.next("notification").getJsonObject("notification").getJsonNumber("id").longValue();
            one.next("notification");
            two.next("notification");
            two.next("notification");

            one.send(json("type", "read", "id", a));
            JsonObject read = two.next("read");
            assertEquals(List.of(a), read.getJsonArray("ids").getValuesAs(jakarta.json.JsonNumber.class).stream()
                    .map(jakarta.json.JsonNumber::longValue).toList());
            assertEquals(1, api.get("api/notifications", "Authorization", dan.auth()).json().getInt("unread"));

            two.send(json("type", "read", "all", true));
            assertEquals(1, one.next("read").getJsonArray("ids").size(), "read all marks what was left");
            assertEquals(0, api.get("api/notifications", "Authorization", dan.auth()).json().getInt("unread"));

            one.send(json("type", "read", "ref", "r"));
            assertEquals("bad_request", one.next("error").getString("code"));
        }
    }

    @Test
    void preferencesDecideWhatIsPushedButEverythingIsListed() {
        User erin = user("prefs");
        String document = "{\"categories\":{\"marketing\":{\"enabled\":false,\"minPriority\":\"low\"},"
                + "\"alerts\":{\"enabled\":true,\"minPriority\":\"high\"}},\"quietHours\":null}";
        Api.Reply saved = api.send("PUT", "api/me/preferences", document, "Authorization", erin.auth());
        assertEquals(200, saved.status(), saved.body());
        assertEquals(Json.createReader(new java.io.StringReader(document)).readObject(),
                api.get("api/me/preferences", "Authorization", erin.auth()).json());
        try (SocketClient socket = connect(erin)) {
            socket.next("welcome");
            publish(users(erin), "marketing", "urgent", "sale");
            publish(users(erin), "alerts", "normal", "minor");
            publish(users(erin), "alerts", "high", "major");
            assertEquals("major", socket.next("notification").getJsonObject("notification").getString("title"),
                    "disabled and below-minimum notifications are not pushed");
        }
        JsonObject inbox = api.get("api/notifications", "Authorization", erin.auth()).json();
        assertEquals(3, inbox.getInt("unread"), "but they are stored and counted");
        assertEquals(List.of("major", "minor", "sale"), inbox.getJsonArray("notifications").getValuesAs(JsonObject.class)
                .stream().map(n -> n.getString("title")).toList());
        try (SocketClient later = connect(erin)) {
            assertEquals(3, later.next("welcome").getInt("unread"));
            assertEquals("major", later.next("notification").getJsonObject("notification").getString("title"),
                    "and not sent in the backlog either");
            later.send(json("type", "ping", "ref", "p"));
            assertEquals("pong", later.next().getString("type"));
        }
        for (String bad : List.of("{\"categories\":[]}", "{\"categories\":{\"x\":{\"minPriority\":\"critical\"}}}",
                "{\"quietHours\":{\"start\":\"25:00\",\"end\":\"07:00\",\"zone\":\"UTC\"}}",
                "{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"zone\":\"Nowhere/Land\"}}", "not json")) {
            assertEquals(400, api.send("PUT", "api/me/preferences", bad, "Authorization", erin.auth()).status(), bad);
        }
        assertEquals(Json.createReader(new java.io.StringReader(document)).readObject(),
                api.get("api/me/preferences", "Authorization", erin.auth()).json(), "a refused document changes nothing");
    }

    @Test
    void theInboxPagesNewestFirstAndCanBeReadAndArchived() {
        User finn = user("pages");
        for (int i = 1; i <= 5; i++) {
            publish(users(finn), "system", "low", "n" + i);
        }
        JsonObject first = api.get("api/notifications?limit=2", "Authorization", finn.auth()).json();
        List<JsonObject> page = first.getJsonArray("notifications").getValuesAs(JsonObject.class);
        assertEquals(List.of("n5", "n4"), page.stream().map(n -> n.getString("title")).toList());
        assertTrue(first.getBoolean("hasMore"));
        long oldestShown = page.get(1).getJsonNumber("id").longValue();
        JsonObject second = api.get("api/notifications?limit=10&before=" + oldestShown, "Authorization", finn.auth()).json();
        assertEquals(List.of("n3", "n2", "n1"), second.getJsonArray("notifications").getValuesAs(JsonObject.class)
                .stream().map(n -> n.getString("title")).toList());
        assertFalse(second.getBoolean("hasMore"));

        long n5 = page.get(0).getJsonNumber("id").longValue();
        assertEquals(204, api.post("api/notifications/" + n5 + "/read", null, "Authorization", finn.auth()).status());
        JsonObject unread = api.get("api/notifications?unread=true", "Authorization", finn.auth()).json();
        assertEquals(4, unread.getInt("unread"));
        assertEquals(4, unread.getJsonArray("notifications").size());
        assertEquals(204, api.send("DELETE", "api/notifications/" + oldestShown, null, "Authorization", finn.auth()).status());
        assertEquals(4, api.get("api/notifications", "Authorization", finn.auth()).json().getJsonArray("notifications").size());
        assertEquals(404, api.send("DELETE", "api/notifications/" + oldestShown, null, "Authorization", finn.auth()).status());

        User other = user("snoop");
        assertEquals(404, api.post("api/notifications/" + n5 + "/read", null, "Authorization", other.auth()).status(),
                "someone else's notification does not exist for you");
        assertEquals(400, api.get("api/notifications?limit=0", "Authorization", finn.auth()).status());
        assertEquals(400, api.get("api/notifications?before=abc", "Authorization", finn.auth()).status());
        assertEquals(204, api.post("api/notifications/read-all", null, "Authorization", finn.auth()).status());
        assertEquals(0, api.get("api/notifications", "Authorization", finn.auth()).json().getInt("unread"));
    }

    @Test
    void publishingToEveryoneReachesEveryAccount() {
        User hana = user("all-a");
        User ivan = user("all-b");
        try (SocketClient socket = connect(ivan)) {
            socket.next("welcome");
            Api.Reply published = api.post("api/notifications",
                    "{\"to\":{\"all\":true},\"category\":\"system\",\"priority\":\"urgent\",\"title\":\"maintenance at 22:00\"}",
                    "Authorization", publisher);
            assertEquals(202, published.status(), published.body());
            assertTrue(published.json().getJsonArray("ids").size() >= 2);
            assertEquals("maintenance at 22:00", socket.next("notification").getJsonObject("notification").getString("title"));
        }
        assertEquals("maintenance at 22:00", awaitNotification(hana.auth()).getString("title"),
                "stored for users who were not connected too");
    }

    @Test
    void topicsDeliverUpdatesAndTheLastValueToNewSubscribers() {
        User trader = user("ticker");
        String topic = "prices:" + Api.uniqueUser("acme").toUpperCase();
        try (SocketClient early = connect(trader)) {
            early.next("welcome");
            early.send(json("type", "subscribe", "ref", "s1", "topic", topic));
            JsonObject subscribed = early.next("subscribed");
            assertEquals("s1", subscribed.getString("ref"));
            assertEquals(topic, subscribed.getString("topic"));

            assertEquals(202, api.post("api/topics/" + topic, "{\"data\":{\"price\":101.5}}", "Authorization", publisher).status());
            JsonObject update = early.next("update");
            assertEquals(topic, update.getString("topic"));
            assertEquals(101.5, update.getJsonObject("data").getJsonNumber("price").doubleValue());
            assertTrue(update.getString("publishedAt").endsWith("Z"));

            try (SocketClient late = connect(trader)) {
                late.next("welcome");
                late.send(json("type", "subscribe", "ref", "s2", "topic", topic));
                assertEquals("s2", late.next("subscribed").getString("ref"));
                assertEquals(101.5, late.next("update").getJsonObject("data").getJsonNumber("price").doubleValue(),
                        "the last value follows subscribed");
            }

            early.send(json("type", "unsubscribe", "ref", "u1", "topic", topic));
            assertEquals(topic, early.next("unsubscribed").getString("topic"));
            api.post("api/topics/" + topic, "{\"data\":{\"price\":99}}", "Authorization", publisher);
            early.send(json("type", "ping", "ref", "after"));
            assertEquals("pong", early.next().getString("type"), "no update after unsubscribe");

            early.send(json("type", "subscribe", "ref", "bad", "topic", "no spaces allowed"));
            assertEquals("bad_request", early.next("error").getString("code"));
        }
        assertEquals(403, api.post("api/topics/" + topic, "{\"data\":1}", "Authorization", trader.auth()).status());
        assertEquals(400, api.post("api/topics/bad%20topic", "{\"data\":1}", "Authorization", publisher).status());
        assertEquals(400, api.post("api/topics/" + topic, "{}", "Authorization", publisher).status());
    }

    @Test
    void unreadDirectMessagesAndMentionsBecomeChatNotifications() {
        try (ChatUser alice = new ChatUser(api, "talker"); ChatUser bob = new ChatUser(api, "away");
             ChatUser carol = new ChatUser(api, "reading")) {
            SocketClient aliceChat = alice.connectLive();
            SocketClient carolChat = carol.connectLive();
            JsonObject toCarol = ChatUser.sendAndAck(aliceChat, "@" + carol.name, "are you there?", "n-1");
            carolChat.nextOfType("message");
            carolChat.send(json("type", "read", "conversation", toCarol.getString("conversation"), "seq", 1));
            ChatUser.sendAndAck(aliceChat, "@" + bob.name, "call me", "n-2");
            ChatUser.sendAndAck(aliceChat, "@" + carol.name, "never mind", "n-3");

            JsonObject bobs = awaitNotification(bob.auth());
            assertEquals("chat", bobs.getString("category"));
            assertEquals(alice.name + " sent you a message", bobs.getString("title"));
            assertEquals("call me", bobs.getString("body"));
            assertEquals(alice.name, bobs.getJsonObject("data").getString("sender"));

            JsonObject carols = awaitNotification(carol.auth());
            assertEquals("never mind", carols.getString("body"));
            assertEquals(1, api.get("api/notifications", "Authorization", carol.auth()).json().getJsonArray("notifications").size(),
                    "the message carol read at once did not notify her");

            String room = ChatUser.join(aliceChat, Api.uniqueUser("mention").replace('.', '-'));
            SocketClient bobChat = bob.connectLive();
            ChatUser.join(bobChat, room.substring("room:".length()));
            ChatUser.sendAndAck(aliceChat, room, "@" + bob.name + " please review, and @" + carol.name + " too", "n-4");
            JsonObject mention = awaitNotifications(bob.auth(), 2).get(0);
            assertEquals(alice.name + " mentioned you in " + room, mention.getString("title"));
            assertEquals("high", mention.getString("priority"));
            assertEquals(1, api.get("api/notifications", "Authorization", carol.auth()).json().getJsonArray("notifications").size(),
                    "a mention of someone outside the room notifies nobody");
        }
    }

    @Test
    void directMessagesThatFallDueTogetherAreDigested() {
        try (ChatUser alice = new ChatUser(api, "chatty"); ChatUser bob = new ChatUser(api, "busy")) {
            SocketClient aliceChat = alice.connectLive();
            for (int i = 1; i <= 5; i++) {
                ChatUser.sendAndAck(aliceChat, "@" + bob.name, "part " + i, "d-" + i);
            }
            // However the five fall into polls, each is counted exactly once, and the newest is previewed.
            List<JsonObject> found = new java.util.ArrayList<>();
            assertTrue(dev.parley.testing.Poll.until(java.time.Duration.ofSeconds(20), () -> {
                found.clear();
                found.addAll(api.get("api/notifications", "Authorization", bob.auth()).json().getJsonArray("notifications")
                        .getValuesAs(JsonObject.class));
                return found.stream().mapToInt(n -> n.getJsonObject("data").getInt("count")).sum() >= 5;
            }), "notifications for 5 messages: " + found);
            assertEquals(5, found.stream().mapToInt(n -> n.getJsonObject("data").getInt("count")).sum(), found.toString());
            JsonObject newest = found.get(0);
            assertEquals(5, newest.getJsonObject("data").getInt("seq"));
            assertEquals("part 5", newest.getString("body"));
            int count = newest.getJsonObject("data").getInt("count");
            assertEquals(6 - count, newest.getJsonObject("data").getInt("firstSeq"));
            assertEquals(count == 1 ? alice.name + " sent you a message" : alice.name + " sent you " + count + " messages",
                    newest.getString("title"));
        }
    }

    private JsonObject awaitNotification(String auth) {
        return awaitNotifications(auth, 1).get(0);
    }

    private List<JsonObject> awaitNotifications(String auth, int count) {
        List<List<JsonObject>> found = new java.util.ArrayList<>(List.of(List.of()));
        assertTrue(dev.parley.testing.Poll.until(java.time.Duration.ofSeconds(20), () -> {
            found.set(0, api.get("api/notifications", "Authorization", auth).json().getJsonArray("notifications").getValuesAs(JsonObject.class));
            return found.get(0).size() >= count;
        }), "expected " + count + " notification(s)");
        return found.get(0);
    }

    @Test
    void badPublicationsStoreNothing() {
        User gail = user("strict");
        String ghost = Api.uniqueUser("ghost");
        Api.Reply unknown = api.post("api/notifications", "{\"to\":{\"users\":[\"" + gail.name() + "\",\"" + ghost + "\"]},\"title\":\"x\"}",
                "Authorization", publisher);
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().getString("detail").contains(ghost));
        for (String bad : List.of(
                "{\"to\":{\"users\":[\"" + gail.name() + "\"]},\"title\":\"x\",\"priority\":\"critical\"}",
                "{\"to\":{\"users\":[\"" + gail.name() + "\"]},\"title\":\"x\",\"category\":\"no spaces\"}",
                "{\"to\":{\"users\":[\"" + gail.name() + "\"]}}",
                "{\"to\":{\"users\":[\"" + gail.name() + "\"]},\"title\":\"x\",\"url\":\"javascript:alert(1)\"}",
                "{\"to\":{\"users\":[]},\"title\":\"x\"}",
                "{\"to\":\"everyone\",\"title\":\"x\"}",
                "{\"title\":\"x\"}",
                "[1]")) {
            Api.Reply reply = api.post("api/notifications", bad, "Authorization", publisher);
            assertEquals(400, reply.status(), bad + " -> " + reply.body());
        }
        Api.Reply tooLong = api.post("api/notifications", "{\"to\":{\"users\":[\"" + gail.name() + "\"]},\"title\":\"" + "t".repeat(201) + "\"}",
                "Authorization", publisher);
        assertEquals(413, tooLong.status());
        Api.Reply huge = api.post("api/notifications", "{\"to\":{\"users\":[\"" + gail.name() + "\"]},\"title\":\"x\",\"body\":\""
                + "b".repeat(300 * 1024) + "\"}", "Authorization", publisher);
        assertEquals(413, huge.status(), "an oversized body is refused before it is read");
        AccountsIT.assertProblem(huge, "too_large");
        assertEquals(0, api.get("api/notifications", "Authorization", gail.auth()).json().getJsonArray("notifications").size(),
                "nothing was stored for any of them");
    }
}
