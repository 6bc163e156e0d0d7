package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static dev.parley.testing.Api.json;
import static dev.parley.testing.ChatUser.join;
import static dev.parley.testing.ChatUser.sendAndAck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.Poll;
import dev.parley.testing.SocketClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Edits, deletions and reactions (issue 18): changes that take seqs in the ordered stream. */
class MessageChangesIT extends AgainstDeployment {

    @Test
    void aClientThatWasAwayConvergesToTheLiveClientsState() {
        try (ChatUser alice = new ChatUser(api, "author"); ChatUser bob = new ChatUser(api, "watcher");
             ChatUser carol = new ChatUser(api, "away")) {
            SocketClient aliceSocket = alice.connectLive();
            String conversation = join(aliceSocket, ChatIT.room("changes"));
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, conversation.substring("room:".length()));
            SocketClient carolSocket = carol.connectLive();
            join(carolSocket, conversation.substring("room:".length()));
            Stream live = new Stream(); // bob's first socket only watches: its frames are taken in order

            sendAndAck(aliceSocket, conversation, "first", "c-1");
            sendAndAck(aliceSocket, conversation, "second", "c-2");
            live.take(bobSocket, 2);
            Stream carolsLive = new Stream();
            carolsLive.take(carolSocket, 2);
            assertEquals(List.of(1L, 2L), carolsLive.seqs);
            carolSocket.close();

            JsonObject edit = change(aliceSocket, json("type", "edit", "ref", "e", "conversation", conversation, "seq", 1, "text", "first, edited"));
            assertEquals("message.edited", edit.getString("kind"));
            assertEquals(3, edit.getInt("seq"), "a change takes the next seq");
            assertEquals(1, edit.getInt("messageSeq"));
            assertEquals("first, edited", edit.getString("text"));
            change(aliceSocket, json("type", "delete", "ref", "d", "conversation", conversation, "seq", 2));
            change(bob.connectLive(), json("type", "react", "ref", "r1", "conversation", conversation, "seq", 1, "emoji", "👍"));
            change(aliceSocket, json("type", "react", "ref", "r2", "conversation", conversation, "seq", 1, "emoji", "❤"));
            sendAndAck(aliceSocket, conversation, "third", "c-3");
            change(aliceSocket, json("type", "unreact", "ref", "r3", "conversation", conversation, "seq", 1, "emoji", "❤️"));
            live.take(bobSocket, 6);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), live.seqs, "the live stream is gap-free across messages and changes");

            SocketClient back = carol.connect();
            back.send(json("type", "resume", "ref", "again", "cursors", Json.createObjectBuilder().add(conversation, 2).build()));
            Stream resumed = new Stream();
            resumed.state.putAll(live.stateAt(2));
            assertEquals(1, resumed.takeUntilResumed(back).getInt("count"), "resumed counts the message frames, as the contract says");
            assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L), resumed.seqs);
            assertEquals(live.state, resumed.state);

            Stream fromScratch = new Stream();
            SocketClient fresh = carol.connect();
            fresh.send(json("type", "resume", "ref", "all", "cursors", Json.createObjectBuilder().add(conversation, 0).build()));
            fromScratch.takeUntilResumed(fresh);
            assertEquals(live.state, fromScratch.state, "replaying everything also ends in the live state");

            JsonArray history = api.get("api/conversations/" + conversation + "/messages", "Authorization", carol.auth())
                    .json().getJsonArray("messages");
            Stream paged = new Stream();
            history.forEach(message -> paged.message(message.asJsonObject()));
            assertEquals(live.state, paged.state, "a page of history shows the messages as they are now");
            JsonObject first = history.getJsonObject(0);
            assertTrue(first.containsKey("editedAt"));
            assertEquals(Json.createArrayBuilder().add(Json.createObjectBuilder().add("count", 1).add("emoji", "👍")
                    .add("users", Json.createArrayBuilder().add(bob.name))).build(), first.getJsonArray("reactions"));
            assertTrue(history.getJsonObject(1).getBoolean("deleted"));
            assertFalse(history.getJsonObject(2).containsKey("deleted"), "absent fields are left out");

            JsonObject states = api.get("api/conversations", "Authorization", carol.auth()).json();
            JsonObject state = states.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("id").equals(conversation)).findFirst().orElseThrow();
            assertEquals(8, state.getInt("lastSeq"));
            assertEquals(3, state.getInt("unread"), "of the eight seqs after carol's read position, three are messages");
        }
    }

    @Test
    void onlyTheAuthorEditsAndRepeatsChangeNothing() {
        try (ChatUser alice = new ChatUser(api, "author"); ChatUser bob = new ChatUser(api, "other");
             ChatUser eve = new ChatUser(api, "outsider")) {
            SocketClient aliceSocket = alice.connectLive();
            String conversation = join(aliceSocket, ChatIT.room("rules"));
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, conversation.substring("room:".length()));
            SocketClient eveSocket = eve.connectLive();
            sendAndAck(aliceSocket, conversation, "hello", "r-1");

            assertError(bobSocket, "forbidden", json("type", "edit", "ref", "x", "conversation", conversation, "seq", 1, "text", "mine now"));
            assertError(bobSocket, "forbidden", json("type", "delete", "ref", "x", "conversation", conversation, "seq", 1));
            assertError(eveSocket, "forbidden", json("type", "react", "ref", "x", "conversation", conversation, "seq", 1, "emoji", "👍"));
            assertError(aliceSocket, "not_found", json("type", "edit", "ref", "x", "conversation", conversation, "seq", 9, "text", "?"));
            assertError(aliceSocket, "bad_request", json("type", "react", "ref", "x", "conversation", conversation, "seq", 1, "emoji", "<b>"));
            assertError(aliceSocket, "bad_request", json("type", "edit", "ref", "x", "conversation", conversation, "seq", 1, "text", ""));
            assertError(aliceSocket, "too_large", json("type", "edit", "ref", "x", "conversation", conversation, "seq", 1,
                    "text", "x".repeat(4001)));
            assertError(aliceSocket, "bad_request", json("type", "edit", "ref", "x", "conversation", conversation, "seq", "1", "text", "a"));
            assertError(aliceSocket, "bad_request", json("type", "edit", "ref", "x", "conversation", conversation, "text", "a"));

            assertNull(changeOrNull(aliceSocket, json("type", "edit", "ref", "same", "conversation", conversation, "seq", 1, "text", "hello")),
                    "the same text again stores nothing");
            assertEquals(2, change(bobSocket, json("type", "react", "ref", "r", "conversation", conversation, "seq", 1, "emoji", "🎉"))
                    .getInt("seq"));
            assertNull(changeOrNull(bobSocket, json("type", "react", "ref", "r", "conversation", conversation, "seq", 1, "emoji", "🎉")),
                    "the same reaction twice counts once");
            assertNull(changeOrNull(bobSocket, json("type", "unreact", "ref", "u", "conversation", conversation, "seq", 1, "emoji", "🔥")));
            assertEquals(3, change(aliceSocket, json("type", "delete", "ref", "d", "conversation", conversation, "seq", 1)).getInt("seq"));
            assertNull(changeOrNull(aliceSocket, json("type", "delete", "ref", "d", "conversation", conversation, "seq", 1)));
            assertError(aliceSocket, "conflict", json("type", "edit", "ref", "x", "conversation", conversation, "seq", 1, "text", "back"));
            assertError(bobSocket, "conflict", json("type", "react", "ref", "x", "conversation", conversation, "seq", 1, "emoji", "👍"));

            assertEquals(3, lastSeq(alice, conversation), "refused and repeated changes took no seq");
            JsonObject after = sendAndAck(aliceSocket, conversation, "still gap-free", "r-2");
            assertEquals(4, after.getInt("seq"));
        }
    }

    @Test
    void aDeletedMessagesTextAndFilesAreGoneFromEveryApi() {
        try (ChatUser alice = new ChatUser(api, "regret"); ChatUser bob = new ChatUser(api, "witness")) {
            SocketClient aliceSocket = alice.connectLive();
            String conversation = join(aliceSocket, ChatIT.room("forget"));
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, conversation.substring("room:".length()));
            String file = api.multipart("api/attachments", "file", "secret.txt", "text/plain",
                    "the file's secret".getBytes(StandardCharsets.UTF_8), "Authorization", alice.auth()).json().getString("id");
            aliceSocket.send(Json.createObjectBuilder().add("type", "send").add("ref", "s").add("conversation", conversation)
                    .add("text", "secret one").add("clientMsgId", "s").add("attachments", Json.createArrayBuilder().add(file)).build().toString());
            assertEquals(1, aliceSocket.nextOfType("ack").getJsonObject("message").getInt("seq"));
            assertEquals(200, api.get("api/attachments/" + file, "Authorization", bob.auth()).status());
            change(aliceSocket, json("type", "edit", "ref", "e", "conversation", conversation, "seq", 1, "text", "secret two"));
            JsonObject deleted = change(aliceSocket, json("type", "delete", "ref", "d", "conversation", conversation, "seq", 1));
            assertEquals("message.deleted", deleted.getString("kind"));
            assertEquals(alice.name, deleted.getString("user"));

            JsonObject tombstone = api.get("api/conversations/" + conversation + "/messages/1", "Authorization", bob.auth()).json();
            assertEquals("", tombstone.getString("text"));
            assertTrue(tombstone.getBoolean("deleted"));
            assertEquals(0, tombstone.getJsonArray("attachments").size());
            assertEquals(404, api.get("api/attachments/" + file, "Authorization", bob.auth()).status());
            assertEquals(404, api.get("api/attachments/" + file, "Authorization", alice.auth()).status(), "the file is gone, not hidden");

            SocketClient replay = bob.connect();
            replay.send(json("type", "resume", "ref", "all", "cursors", Json.createObjectBuilder().add(conversation, 0).build()));
            List<JsonObject> frames = new ArrayList<>();
            for (JsonObject frame = replay.next(); !frame.getString("type").equals("resumed"); frame = replay.next()) {
                if (Set.of("message", "change").contains(frame.getString("type"))) {
                    frames.add(frame);
                }
            }
            assertEquals(3, frames.size());
            String replayed = frames.toString() + api.get("api/conversations/" + conversation + "/messages", "Authorization", bob.auth()).body();
            assertFalse(replayed.contains("secret"), "neither the text nor the edit's text is replayed: " + replayed);
            assertFalse(frames.get(1).getJsonObject("change").containsKey("text"), "the edit keeps its seq, without its text");
        }
    }

    @Test
    void aDeletedDirectMessageLeavesNoPreviewInTheNotificationItCaused() {
        try (ChatUser alice = new ChatUser(api, "oversharer"); ChatUser bob = new ChatUser(api, "notified")) {
            SocketClient aliceSocket = alice.connectLive();
            String direct = sendAndAck(aliceSocket, "@" + bob.name, "my password is hunter2", "p-1").getString("conversation");
            assertTrue(Poll.until(Duration.ofSeconds(20), () -> api.get("api/notifications", "Authorization", bob.auth()).json()
                    .getJsonArray("notifications").size() == 1), "bob is notified of the unread direct message");
            assertTrue(api.get("api/notifications", "Authorization", bob.auth()).body().contains("hunter2"));
            change(aliceSocket, json("type", "delete", "ref", "d", "conversation", direct, "seq", 1));
            JsonObject notification = api.get("api/notifications", "Authorization", bob.auth()).json().getJsonArray("notifications")
                    .getJsonObject(0);
            assertEquals(alice.name + " sent you a message", notification.getString("title"), "the notification stays");
            assertFalse(notification.toString().contains("hunter2"), "without the deleted text: " + notification);
        }
    }

    @Test
    void inARoomItsCreatorAndAdminsDeleteAnyMessageButNotInADirectConversation() {
        try (ChatUser owner = new ChatUser(api, "owner"); ChatUser bob = new ChatUser(api, "poster")) {
            SocketClient ownerSocket = owner.connectLive();
            String slug = ChatIT.room("moderated");
            String conversation = join(ownerSocket, slug);
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, slug);
            sendAndAck(bobSocket, conversation, "spam 1", "m-1");
            sendAndAck(bobSocket, conversation, "spam 2", "m-2");
            assertEquals("message.deleted", change(ownerSocket, json("type", "delete", "ref", "d", "conversation", conversation, "seq", 1))
                    .getString("kind"), "the room's creator deletes another member's message");

            String admin = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
            assertEquals(204, api.send("DELETE", "api/conversations/" + conversation + "/messages/2", null, "Authorization", admin).status(),
                    "an admin deletes in any room, member or not");
            assertTrue(api.get("api/conversations/" + conversation + "/messages/2", "Authorization", bob.auth()).json().getBoolean("deleted"));

            String direct = sendAndAck(bobSocket, "@" + owner.name, "private", "dm-1").getString("conversation");
            assertEquals(403, api.send("DELETE", "api/conversations/" + direct + "/messages/1", null, "Authorization", admin).status());
            assertError(ownerSocket, "forbidden", json("type", "delete", "ref", "x", "conversation", direct, "seq", 1));
        }
    }

    @Test
    void botsEditDeleteAndReactOverRest() {
        try (ChatUser bot = new ChatUser(api, "bot"); ChatUser bob = new ChatUser(api, "human")) {
            SocketClient bobSocket = bob.connectLive();
            String conversation = join(bobSocket, ChatIT.room("bots"));
            assertEquals(200, api.post("api/rooms/" + conversation.substring("room:".length()) + "/members", json("username", bot.name),
                    "Authorization", bob.auth()).status());
            String messages = "api/conversations/" + conversation + "/messages";
            assertEquals(201, api.post(messages, json("text", "build started", "clientMsgId", "b-1"), "Authorization", bot.auth()).status(),
                    "the bot is a member");

            Api.Reply edited = api.send("PATCH", messages + "/1", json("text", "build passed"), "Authorization", bot.auth());
            assertEquals(200, edited.status(), edited.body());
            assertEquals("build passed", edited.json().getString("text"));
            String thumbs = URLEncoder.encode("👍", StandardCharsets.UTF_8);
            assertEquals(204, api.send("PUT", messages + "/1/reactions/" + thumbs, null, "Authorization", bot.auth()).status());
            assertEquals(204, api.send("PUT", messages + "/1/reactions/" + thumbs, null, "Authorization", bot.auth()).status());
            assertEquals(400, api.send("PUT", messages + "/1/reactions/x", null, "Authorization", bot.auth()).status());
            assertEquals(404, api.send("PUT", messages + "/7/reactions/" + thumbs, null, "Authorization", bot.auth()).status());
            assertEquals(400, api.send("PATCH", messages + "/abc", json("text", "x"), "Authorization", bot.auth()).status());
            assertEquals(404, api.get(messages + "/2", "Authorization", bob.auth()).status(), "seq 2 is a change, not a message");
            assertEquals(1, api.get(messages + "/1", "Authorization", bob.auth()).json().getJsonArray("reactions").getJsonObject(0)
                    .getInt("count"));
            assertEquals(204, api.send("DELETE", messages + "/1/reactions/" + thumbs, null, "Authorization", bot.auth()).status());
            assertEquals(204, api.send("DELETE", messages + "/1", null, "Authorization", bot.auth()).status());

            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                kinds.add(bobSocket.nextOfType("change").getJsonObject("change").getString("kind"));
            }
            assertEquals(List.of("message.edited", "reaction.added", "reaction.removed", "message.deleted"), kinds);
            assertEquals(48, api.get("api/reactions", "Authorization", bob.auth()).json().getJsonArray("emoji").size());
        }
    }

    @Test
    void twentyConcurrentReactionsCountTwenty() throws Exception {
        List<ChatUser> users = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            ChatUser author = new ChatUser(api, "popular");
            users.add(author);
            SocketClient authorSocket = author.connectLive();
            String slug = ChatIT.room("popular");
            String conversation = join(authorSocket, slug);
            sendAndAck(authorSocket, conversation, "react to this", "p-1");
            List<Callable<Integer>> reactions = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ChatUser fan = new ChatUser(api, "fan" + i);
                users.add(fan);
                assertEquals(200, api.post("api/rooms/" + slug + "/members", json("username", fan.name), "Authorization", author.auth()).status());
                reactions.add(() -> api.send("PUT", "api/conversations/" + conversation + "/messages/1/reactions/"
                        + URLEncoder.encode("🚀", StandardCharsets.UTF_8), null, "Authorization", fan.auth()).status());
            }
            for (Future<Integer> status : pool.invokeAll(reactions)) {
                assertEquals(204, status.get());
            }
            JsonObject message = api.get("api/conversations/" + conversation + "/messages/1", "Authorization", author.auth()).json();
            JsonObject rocket = message.getJsonArray("reactions").getJsonObject(0);
            assertEquals(20, rocket.getInt("count"));
            assertEquals(20, new TreeSet<>(rocket.getJsonArray("users").getValuesAs(JsonValue::toString)).size());
            Set<Long> seqs = new TreeSet<>();
            for (int i = 0; i < 20; i++) {
                seqs.add((long) authorSocket.nextOfType("change").getJsonObject("change").getInt("seq"));
            }
            assertEquals(20, seqs.size());
            assertEquals(2L, seqs.iterator().next());
            assertEquals(21L, ((TreeSet<Long>) seqs).last(), "twenty changes, twenty gap-free seqs");
        } finally {
            pool.shutdownNow();
            users.forEach(ChatUser::close);
        }
    }

    private long lastSeq(ChatUser user, String conversation) {
        return api.get("api/conversations", "Authorization", user.auth()).json().getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getString("id").equals(conversation))
                .findFirst().orElseThrow().getJsonNumber("lastSeq").longValue();
    }

    /** Sends a change request and returns the stored change from its {@code changed} reply. */
    private static JsonObject change(SocketClient socket, String request) {
        JsonObject change = changeOrNull(socket, request);
        assertTrue(change != null, "nothing changed: " + request);
        return change;
    }

    private static JsonObject changeOrNull(SocketClient socket, String request) {
        socket.send(request);
        JsonObject reply = socket.nextOfType("changed");
        assertFalse(reply.containsKey("change") && reply.isNull("change"), "no change is no field, like every absent value");
        return reply.containsKey("change") ? reply.getJsonObject("change") : null;
    }

    private static void assertError(SocketClient socket, String code, String request) {
        socket.send(request);
        JsonObject error = socket.nextOfType("error");
        assertEquals(code, error.getString("code"), error.toString());
        assertEquals("x", error.getString("ref"));
    }

    /**
     * What a client makes of the stream: each message by seq as {@code text}, {@code edited},
     * {@code deleted} and its reactions as emoji to the set of users.
     */
    private static final class Stream {
        final Map<Long, Map<String, Object>> state = new TreeMap<>();
        final List<Long> seqs = new ArrayList<>();
        private final Map<Long, Map<Long, Map<String, Object>>> snapshots = new TreeMap<>();

        void take(SocketClient socket, int frames) {
            for (int i = 0; i < frames; i++) {
                JsonObject frame = socket.next();
                while (!Set.of("message", "change").contains(frame.getString("type"))) {
                    frame = socket.next();
                }
                apply(frame);
            }
        }

        /** Applies every frame up to {@code resumed}, and returns that. */
        JsonObject takeUntilResumed(SocketClient socket) {
            JsonObject frame;
            for (frame = socket.next(); !frame.getString("type").equals("resumed"); frame = socket.next()) {
                apply(frame);
            }
            return frame;
        }

        Map<Long, Map<String, Object>> stateAt(long seq) {
            return snapshots.get(seq);
        }

        void apply(JsonObject frame) {
            if (frame.getString("type").equals("message")) {
                message(frame.getJsonObject("message"));
                seqs.add((long) frame.getJsonObject("message").getInt("seq"));
            } else {
                change(frame.getJsonObject("change"));
            }
            Map<Long, Map<String, Object>> copy = new TreeMap<>();
            state.forEach((seq, message) -> copy.put(seq, new TreeMap<>(message)));
            snapshots.put(seqs.get(seqs.size() - 1), copy);
        }

        void message(JsonObject message) {
            Map<String, Object> entry = new TreeMap<>();
            entry.put("text", message.getString("text"));
            entry.put("edited", message.containsKey("editedAt"));
            entry.put("deleted", message.getBoolean("deleted", false));
            Map<String, Set<String>> reactions = new TreeMap<>();
            if (message.containsKey("reactions")) {
                message.getJsonArray("reactions").getValuesAs(JsonObject.class).forEach(reaction -> {
                    assertEquals(reaction.getInt("count"), reaction.getJsonArray("users").size());
                    reactions.put(reaction.getString("emoji"), new TreeSet<>(reaction.getJsonArray("users").getValuesAs(JsonValue::toString)));
                });
            }
            entry.put("reactions", reactions);
            state.put((long) message.getInt("seq"), entry);
        }

        @SuppressWarnings("unchecked")
        void change(JsonObject change) {
            seqs.add((long) change.getInt("seq"));
            Map<String, Object> message = state.get((long) change.getInt("messageSeq"));
            assertTrue(message != null, "a change of a message the client has: " + change);
            Map<String, Set<String>> reactions = new TreeMap<>((Map<String, Set<String>>) message.get("reactions"));
            String user = "\"" + change.getString("user") + "\"";
            switch (change.getString("kind")) {
                case "message.edited" -> {
                    if (change.containsKey("text")) {
                        message.put("text", change.getString("text"));
                    }
                    message.put("edited", true);
                }
                case "message.deleted" -> {
                    message.put("text", "");
                    message.put("deleted", true);
                    reactions.clear();
                }
                case "reaction.added" -> reactions.computeIfAbsent(change.getString("emoji"), e -> new TreeSet<>()).add(user);
                case "reaction.removed" -> {
                    Set<String> users = new TreeSet<>(reactions.getOrDefault(change.getString("emoji"), Set.of()));
                    users.remove(user);
                    if (users.isEmpty()) {
                        reactions.remove(change.getString("emoji"));
                    } else {
                        reactions.put(change.getString("emoji"), users);
                    }
                }
                default -> throw new AssertionError("unknown change " + change);
            }
            message.put("reactions", reactions);
        }
    }
}
