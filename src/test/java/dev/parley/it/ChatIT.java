package dev.parley.it;

import static dev.parley.testing.Api.json;
import static dev.parley.testing.ChatUser.join;
import static dev.parley.testing.ChatUser.send;
import static dev.parley.testing.ChatUser.sendAndAck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.Poll;
import dev.parley.testing.SocketClient;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Conversations over {@code /chat}: rooms, direct messages, ordered and idempotent delivery, history and resume. */
class ChatIT extends AgainstDeployment {

    static String room(String prefix) {
        return Api.uniqueUser(prefix).replace('.', '-').replace('_', '-');
    }

    @Test
    void aMessageIsAckedToItsSenderThenDeliveredToEveryMemberSession() {
        try (ChatUser alice = new ChatUser(api, "alice"); ChatUser bob = new ChatUser(api, "bob")) {
            String slug = room("lobby");
            SocketClient aliceMain = alice.connectLive();
            SocketClient aliceOther = alice.connectLive();
            SocketClient bobSocket = bob.connectLive();
            String conversation = join(aliceMain, slug);
            assertEquals("room:" + slug, conversation);
            join(bobSocket, slug);

            send(aliceMain, conversation, "hello, bob", "m-1");
            JsonObject ack = aliceMain.next("ack");
            assertEquals("m-1", ack.getString("ref"));
            JsonObject stored = ack.getJsonObject("message");
            assertEquals(1, stored.getInt("seq"));
            assertEquals(alice.name, stored.getString("sender"));
            assertEquals("hello, bob", stored.getString("text"));
            assertEquals("m-1", stored.getString("clientMsgId"));
            assertTrue(stored.getString("sentAt").endsWith("Z"));
            assertEquals(0, stored.getJsonArray("attachments").size());

            for (SocketClient socket : List.of(aliceMain, aliceOther, bobSocket)) {
                JsonObject message = socket.next("message").getJsonObject("message");
                assertEquals(stored, message);
            }
        }
    }

    @Test
    void manyUsersCreatingAndJoiningOneRoomAtOnceAllGetIn() throws Exception {
        String slug = room("stampede");
        List<ChatUser> users = new ArrayList<>();
        List<SocketClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                ChatUser user = new ChatUser(api, "stampede" + i);
                users.add(user);
                sockets.add(user.connectLive());
            }
            for (SocketClient socket : sockets) {
                socket.send(json("type", "join", "ref", "j", "room", slug));
            }
            for (SocketClient socket : sockets) {
                assertEquals("room:" + slug, socket.nextOfType("joined").getString("conversation"));
            }
            JsonObject room = api.get("api/rooms/" + slug, "Authorization", users.get(0).auth()).json();
            assertEquals(8, room.getJsonArray("members").size());
        } finally {
            users.forEach(ChatUser::close);
        }
    }

    @Test
    void concurrentSendersGetGapFreeSeqsDeliveredInOrderToEveryone() throws Exception {
        String slug = room("busy");
        List<ChatUser> users = new ArrayList<>();
        List<SocketClient> sockets = new ArrayList<>();
        try (ChatUser watcher = new ChatUser(api, "watch")) {
            SocketClient watching = watcher.connectLive();
            String conversation = join(watching, slug);
            for (int i = 0; i < 5; i++) {
                ChatUser user = new ChatUser(api, "sender" + i);
                users.add(user);
                SocketClient socket = user.connectLive();
                join(socket, slug);
                sockets.add(socket);
            }
            ExecutorService pool = Executors.newFixedThreadPool(5);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> sending = new ArrayList<>();
            for (int u = 0; u < 5; u++) {
                SocketClient socket = sockets.get(u);
                int sender = u;
                sending.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        send(socket, conversation, "from " + sender + " #" + i, "c-" + sender + "-" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : sending) {
                f.get();
            }
            pool.shutdown();

            List<SocketClient> receivers = new ArrayList<>(sockets);
            receivers.add(watching);
            for (SocketClient receiver : receivers) {
                for (int seq = 1; seq <= 50; seq++) {
                    JsonObject message = receiver.nextOfType("message").getJsonObject("message");
                    assertEquals(seq, message.getInt("seq"), "every receiver sees 1..50 in order");
                }
            }
            JsonObject history = api.get("api/conversations/" + conversation + "/messages?limit=100", "Authorization", watcher.auth()).json();
            JsonArray messages = history.getJsonArray("messages");
            assertEquals(50, messages.size());
            Set<String> clientIds = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                assertEquals(i + 1, messages.getJsonObject(i).getInt("seq"));
                clientIds.add(messages.getJsonObject(i).getString("clientMsgId"));
            }
            assertEquals(50, clientIds.size(), "each send stored exactly once");
        } finally {
            users.forEach(ChatUser::close);
        }
    }

    @Test
    void aRetriedClientMsgIdStoresAndDeliversOneMessage() throws Exception {
        try (ChatUser alice = new ChatUser(api, "retry"); ChatUser bob = new ChatUser(api, "peer")) {
            String slug = room("dup");
            SocketClient first = alice.connectLive();
            SocketClient second = alice.connectLive();
            SocketClient bobSocket = bob.connectLive();
            String conversation = join(first, slug);
            join(bobSocket, slug);

            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<?> a = pool.submit(() -> { go.await(); send(first, conversation, "once", "same-id"); return null; });
            Future<?> b = pool.submit(() -> { go.await(); send(second, conversation, "once", "same-id"); return null; });
            go.countDown();
            a.get();
            b.get();
            pool.shutdown();

            String firstId = first.nextOfType("ack").getJsonObject("message").getString("id");
            String secondId = second.nextOfType("ack").getJsonObject("message").getString("id");
            assertEquals(firstId, secondId, "both sockets are told about the same stored message");

            assertEquals(firstId, bobSocket.next("message").getJsonObject("message").getString("id"));
            sendAndAck(first, conversation, "marker", "after-dup");
            JsonObject next = bobSocket.next("message").getJsonObject("message");
            assertEquals("marker", next.getString("text"), "the duplicate was not delivered twice");
            assertEquals(2, next.getInt("seq"), "and took no seq");

            JsonObject retry = sendAndAck(second, conversation, "once", "same-id");
            assertEquals(firstId, retry.getString("id"), "a later retry also returns the original");
        }
    }

    @Test
    void resumeDeliversExactlyTheMissedMessages() {
        try (ChatUser alice = new ChatUser(api, "writer"); ChatUser bob = new ChatUser(api, "reader")) {
            String slug = room("resume");
            SocketClient aliceSocket = alice.connectLive();
            String conversation = join(aliceSocket, slug);
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, slug);
            for (int i = 1; i <= 3; i++) {
                sendAndAck(aliceSocket, conversation, "before " + i, "b-" + i);
                assertEquals(i, bobSocket.nextOfType("message").getJsonObject("message").getInt("seq"));
            }
            bobSocket.close();
            for (int i = 4; i <= 6; i++) {
                sendAndAck(aliceSocket, conversation, "missed " + i, "b-" + i);
            }

            SocketClient back = bob.connect();
            back.send(json("type", "resume", "ref", 7, "cursors", Json.createObjectBuilder().add(conversation, 3).build()));
            for (int seq = 4; seq <= 6; seq++) {
                JsonObject message = back.next("message");
                assertFalse(message.containsKey("ref"));
                assertEquals(seq, message.getJsonObject("message").getInt("seq"));
            }
            JsonObject resumed = back.next("resumed");
            assertEquals(7, resumed.getInt("ref"));
            assertEquals(3, resumed.getInt("count"));
            assertEquals(0, resumed.getJsonArray("truncated").size());

            sendAndAck(aliceSocket, conversation, "live again", "b-7");
            assertEquals(7, back.next("message").getJsonObject("message").getInt("seq"), "live delivery continues, nothing repeated");
        }
    }

    @Test
    void historyPagesBackwardsAndRestMirrorsIt() {
        try (ChatUser alice = new ChatUser(api, "hist")) {
            SocketClient socket = alice.connectLive();
            String conversation = join(socket, room("history"));
            for (int i = 1; i <= 30; i++) {
                send(socket, conversation, "message " + i, "h-" + i);
            }
            for (int i = 1; i <= 30; i++) {
                socket.nextOfType("ack");
            }
            socket.send(json("type", "history", "ref", "p1", "conversation", conversation, "limit", 12));
            JsonObject page = socket.nextOfType("history");
            assertEquals("p1", page.getString("ref"));
            assertEquals(conversation, page.getString("conversation"));
            assertTrue(page.getBoolean("hasMore"));
            assertSeqs(page.getJsonArray("messages"), 19, 30);

            socket.send(json("type", "history", "ref", "p2", "conversation", conversation, "before", 19, "limit", 12));
            assertSeqs(socket.nextOfType("history").getJsonArray("messages"), 7, 18);
            socket.send(json("type", "history", "ref", "p3", "conversation", conversation, "before", 7));
            JsonObject last = socket.nextOfType("history");
            assertSeqs(last.getJsonArray("messages"), 1, 6);
            assertFalse(last.getBoolean("hasMore"));

            JsonObject rest = api.get("api/conversations/" + conversation + "/messages?before=19&limit=12", "Authorization", alice.auth()).json();
            assertSeqs(rest.getJsonArray("messages"), 7, 18);
            assertTrue(rest.getBoolean("hasMore"));

            for (int limit : new int[] {0, 101, -1}) {
                socket.send(json("type", "history", "ref", "bad", "conversation", conversation, "limit", limit));
                assertEquals("bad_request", socket.nextOfType("error").getString("code"));
                assertEquals(400, api.get("api/conversations/" + conversation + "/messages?limit=" + limit, "Authorization", alice.auth()).status());
            }
        }
    }

    @Test
    void resumePastAThousandMissedIsTruncatedToTheNewest() throws Exception {
        try (ChatUser alice = new ChatUser(api, "many"); ChatUser bob = new ChatUser(api, "away")) {
            String slug = room("flood");
            SocketClient bobSocket = bob.connectLive();
            String conversation = join(bobSocket, slug);
            bobSocket.close();
            SocketClient joining = alice.connectLive();
            join(joining, slug);
            joining.close();
            // 40 sends per socket stay within the rate limit's burst (the join went through a socket of its own).
            List<SocketClient> senders = new ArrayList<>();
            for (int s = 0; s < 26; s++) {
                senders.add(alice.connectLive());
            }
            int total = 0;
            for (int s = 0; s < senders.size(); s++) {
                for (int i = 0; i < 40 && total < 1005; i++, total++) {
                    send(senders.get(s), conversation, "bulk " + total, "bulk-" + total);
                }
            }
            for (int s = 0; s < senders.size(); s++) {
                int expected = Math.max(0, Math.min(40, 1005 - s * 40));
                for (int i = 0; i < expected; ) {
                    JsonObject frame = senders.get(s).next();
                    assertNotEquals("error", frame.getString("type"), frame.toString());
                    i += "ack".equals(frame.getString("type")) ? 1 : 0;
                }
            }
            SocketClient back = bob.connect();
            back.send(json("type", "resume", "ref", "r", "cursors", Json.createObjectBuilder().add(conversation, 0).build()));
            for (int seq = 6; seq <= 1005; seq++) {
                assertEquals(seq, back.next("message").getJsonObject("message").getInt("seq"));
            }
            JsonObject resumed = back.next("resumed");
            assertEquals(1000, resumed.getInt("count"));
            assertEquals(conversation, resumed.getJsonArray("truncated").getString(0));
        }
    }

    @Test
    void nonMembersAreForbiddenEverywhere() {
        try (ChatUser alice = new ChatUser(api, "owner"); ChatUser bob = new ChatUser(api, "guest"); ChatUser carol = new ChatUser(api, "stranger")) {
            String slug = room("private");
            Api.Reply created = api.post("api/rooms", json("slug", slug, "title", "Secret plans", "visibility", "private",
                    "members", Json.createArrayBuilder().add(bob.name).build()), "Authorization", alice.auth());
            assertEquals(201, created.status(), created.body());
            assertEquals("private", created.json().getString("visibility"));
            assertEquals(List.of(alice.name, bob.name), created.json().getJsonArray("members").getValuesAs(jakarta.json.JsonString.class)
                    .stream().map(jakarta.json.JsonString::getString).toList());
            String conversation = "room:" + slug;

            SocketClient aliceSocket = alice.connectLive();
            JsonObject sent = sendAndAck(aliceSocket, conversation, "members only", "p-1");
            String fileId = upload(alice, "plan.txt", "text/plain", "secret".getBytes());
            sendWithAttachment(aliceSocket, conversation, "with a file", "p-2", fileId);
            aliceSocket.nextOfType("ack");

            SocketClient carolSocket = carol.connectLive();
            send(carolSocket, conversation, "let me in", "x-1");
            assertEquals("forbidden", carolSocket.nextOfType("error").getString("code"));
            carolSocket.send(json("type", "history", "ref", "h", "conversation", conversation));
            assertEquals("forbidden", carolSocket.nextOfType("error").getString("code"));
            carolSocket.send(json("type", "join", "ref", "j", "room", slug));
            assertEquals("forbidden", carolSocket.nextOfType("error").getString("code"));
            carolSocket.send(json("type", "read", "conversation", conversation, "seq", 1));
            assertEquals("forbidden", carolSocket.nextOfType("error").getString("code"));

            String open = join(carolSocket, room("open"));
            carolSocket.send(json("type", "resume", "ref", "r", "cursors",
                    Json.createObjectBuilder().add(conversation, 0).add(open, 0).build()));
            JsonObject forbidden = carolSocket.nextOfType("error");
            assertEquals("forbidden", forbidden.getString("code"));
            assertEquals("r", forbidden.getString("ref"));
            JsonObject resumed = carolSocket.nextOfType("resumed");
            assertEquals(0, resumed.getInt("count"), "the readable conversation was still served");

            assertEquals(403, api.get("api/conversations/" + conversation + "/messages", "Authorization", carol.auth()).status());
            assertEquals(404, api.get("api/attachments/" + fileId, "Authorization", carol.auth()).status());
            assertEquals(404, api.get("api/rooms/" + slug, "Authorization", carol.auth()).status());
            assertEquals(200, api.get("api/attachments/" + fileId, "Authorization", bob.auth()).status());
            assertEquals(1, sent.getInt("seq"));
        }
    }

    @Test
    void directConversationsAreCreatedByTheFirstMessage() {
        try (ChatUser alice = new ChatUser(api, "dma"); ChatUser bob = new ChatUser(api, "dmb")) {
            SocketClient bobSocket = bob.connectLive();
            SocketClient aliceSocket = alice.connectLive();
            JsonObject sent = sendAndAck(aliceSocket, "@" + bob.name, "psst", "dm-1");
            String expected = "dm:" + (alice.name.compareTo(bob.name) < 0 ? alice.name + ":" + bob.name : bob.name + ":" + alice.name);
            assertEquals(expected, sent.getString("conversation"));
            assertEquals("psst", bobSocket.nextOfType("message").getJsonObject("message").getString("text"));

            JsonObject listing = api.get("api/conversations", "Authorization", bob.auth()).json();
            JsonObject dm = listing.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("id").equals(expected)).findFirst().orElseThrow();
            assertEquals(1, dm.getInt("lastSeq"));
            assertEquals(1, dm.getInt("unread"));

            send(aliceSocket, "@nobody-" + bob.name, "hello?", "dm-2");
            assertEquals("not_found", aliceSocket.nextOfType("error").getString("code"));
            send(aliceSocket, "dm:" + bob.name + ":zzz-" + bob.name, "not mine", "dm-3");
            assertEquals("forbidden", aliceSocket.nextOfType("error").getString("code"));
        }
    }

    @Test
    void typingReachesOtherMembersOnly() {
        try (ChatUser alice = new ChatUser(api, "typer"); ChatUser bob = new ChatUser(api, "watcher")) {
            String slug = room("typing");
            SocketClient aliceSocket = alice.connectLive();
            SocketClient aliceOther = alice.connectLive();
            SocketClient bobSocket = bob.connectLive();
            String conversation = join(aliceSocket, slug);
            join(bobSocket, slug);
            aliceSocket.send(json("type", "typing", "conversation", conversation));
            JsonObject typing = bobSocket.next("typing");
            assertEquals(conversation, typing.getString("conversation"));
            assertEquals(alice.name, typing.getString("user"));

            aliceOther.send(json("type", "ping", "ref", "quiet"));
            assertEquals("pong", aliceOther.next().getString("type"), "the typist's own sessions get no typing frame");
            aliceSocket.send(json("type", "ping", "ref", "quiet"));
            assertEquals("pong", aliceSocket.next().getString("type"));
        }
    }

    @Test
    void readMovesForwardOnlyEmitsReceiptsAndDrivesUnread() {
        try (ChatUser alice = new ChatUser(api, "sender"); ChatUser bob = new ChatUser(api, "reader")) {
            String slug = room("receipts");
            SocketClient aliceSocket = alice.connectLive();
            SocketClient bobPhone = bob.connectLive();
            SocketClient bobLaptop = bob.connectLive();
            String conversation = join(aliceSocket, slug);
            join(bobPhone, slug);
            for (int i = 1; i <= 4; i++) {
                sendAndAck(aliceSocket, conversation, "n" + i, "r-" + i);
            }
            assertEquals(4, unread(bob, conversation));

            bobPhone.send(json("type", "read", "conversation", conversation, "seq", 2));
            JsonObject receipt = aliceSocket.nextOfType("receipt");
            assertEquals(bob.name, receipt.getString("user"));
            assertEquals(2, receipt.getInt("seq"));
            assertEquals(2, bobLaptop.nextOfType("receipt").getInt("seq"), "the reader's other sessions follow");
            assertEquals(2, unread(bob, conversation));

            bobPhone.send(json("type", "read", "conversation", conversation, "seq", 1));
            bobPhone.send(json("type", "read", "conversation", conversation, "seq", 4));
            JsonObject next = aliceSocket.nextOfType("receipt");
            assertEquals(4, next.getInt("seq"), "a backwards read moves nothing and emits nothing");
            assertEquals(0, unread(bob, conversation));

            bobPhone.send(json("type", "read", "conversation", conversation, "seq", 5));
            assertEquals("bad_request", bobPhone.nextOfType("error").getString("code"));
            bobPhone.send(json("type", "ping", "ref", "p"));
            assertEquals("p", bobPhone.next("pong").getString("ref"), "the reading session got no receipt of its own");
        }
    }

    @Test
    void markAsUnreadMovesOnlyTheUsersOwnPositionBack() {
        try (ChatUser alice = new ChatUser(api, "writer"); ChatUser bob = new ChatUser(api, "marker");
             ChatUser eve = new ChatUser(api, "stranger")) {
            String slug = room("unread");
            SocketClient aliceSocket = alice.connectLive();
            String conversation = join(aliceSocket, slug);
            SocketClient bobPhone = bob.connectLive();
            join(bobPhone, slug);
            SocketClient bobLaptop = bob.connectLive();
            for (int i = 1; i <= 3; i++) {
                sendAndAck(aliceSocket, conversation, "u" + i, "u-" + i);
            }
            bobPhone.send(json("type", "read", "conversation", conversation, "seq", 3));
            assertEquals(3, aliceSocket.nextOfType("receipt").getInt("seq"));

            bobPhone.send(json("type", "unread", "ref", "m", "conversation", conversation, "seq", 2));
            JsonObject marked = bobPhone.nextOfType("marked");
            assertEquals("m", marked.getString("ref"));
            assertEquals(1, marked.getInt("readSeq"));
            assertEquals(2, marked.getInt("unread"));
            JsonObject elsewhere = bobLaptop.nextOfType("marked");
            assertFalse(elsewhere.containsKey("ref"));
            assertEquals(1, elsewhere.getInt("readSeq"), "the user's other sockets follow");
            assertEquals(2, unread(bob, conversation));
            aliceSocket.send(json("type", "ping", "ref", "p"));
            assertEquals("p", aliceSocket.next("pong").getString("ref"), "others get no receipt for a position that moved back");

            bobPhone.send(json("type", "unread", "ref", "later", "conversation", conversation, "seq", 3));
            assertEquals(1, bobPhone.nextOfType("marked").getInt("readSeq"), "marking a later message unread moves nothing forward");
            for (Object bad : new Object[] {0, 4, "2"}) {
                bobPhone.send(json("type", "unread", "ref", "x", "conversation", conversation, "seq", bad));
                assertEquals("bad_request", bobPhone.nextOfType("error").getString("code"));
            }
            SocketClient eveSocket = eve.connectLive();
            eveSocket.send(json("type", "unread", "ref", "x", "conversation", conversation, "seq", 1));
            assertEquals("forbidden", eveSocket.nextOfType("error").getString("code"));

            Api.Reply rest = api.post("api/conversations/" + conversation + "/unread", json("seq", 1), "Authorization", bob.auth());
            assertEquals(200, rest.status(), rest.body());
            assertEquals(0, rest.json().getInt("readSeq"));
            assertEquals(3, rest.json().getInt("unread"));
            bobPhone.send(json("type", "read", "conversation", conversation, "seq", 3));
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> unread(bob, conversation) == 0), "reading moves it forward again");
        }
    }

    @Test
    void presenceGoesToThoseWhoShareAConversation() {
        try (ChatUser carol = new ChatUser(api, "carol"); ChatUser dave = new ChatUser(api, "dave"); ChatUser eve = new ChatUser(api, "eve")) {
            String slug = room("presence");
            SocketClient setup = carol.connectLive();
            join(setup, slug);
            setup.close();
            SocketClient daveSocket = dave.connectLive();
            join(daveSocket, slug);
            SocketClient eveSocket = eve.connectLive();

            SocketClient carolFirst = carol.connectLive();
            JsonObject online = daveSocket.nextOfType("presence");
            assertEquals(carol.name, online.getString("user"));
            assertEquals("online", online.getString("status"));
            SocketClient carolSecond = carol.connectLive();
            carolFirst.close();
            carolSecond.close();
            JsonObject offline = daveSocket.nextOfType("presence");
            assertEquals(carol.name, offline.getString("user"));
            assertEquals("offline", offline.getString("status"), "a second session is not a second online");

            eveSocket.send(json("type", "ping", "ref", "e"));
            assertEquals("pong", eveSocket.next().getString("type"), "someone sharing no conversation hears nothing");
        }
    }

    @Test
    void leavingStopsDelivery() {
        try (ChatUser alice = new ChatUser(api, "stay"); ChatUser bob = new ChatUser(api, "quit")) {
            String slug = room("leave");
            SocketClient aliceSocket = alice.connectLive();
            SocketClient bobSocket = bob.connectLive();
            String conversation = join(aliceSocket, slug);
            join(bobSocket, slug);
            bobSocket.send(json("type", "leave", "ref", "l", "room", slug));
            JsonObject left = bobSocket.nextOfType("left");
            assertEquals(conversation, left.getString("conversation"));
            sendAndAck(aliceSocket, conversation, "are you there?", "l-1");
            send(bobSocket, conversation, "I left", "l-2");
            assertEquals("forbidden", bobSocket.nextOfType("error").getString("code"));
            bobSocket.send(json("type", "ping", "ref", "after"));
            assertEquals("pong", bobSocket.next().getString("type"), "no message after leaving");
            join(bobSocket, slug);
            bobSocket.send(json("type", "resume", "ref", "back", "cursors", Json.createObjectBuilder().add(conversation, 0).build()));
            assertEquals("are you there?", bobSocket.next("message").getJsonObject("message").getString("text"),
                    "membership lasts until leave; rejoining gives the history back");
        }
    }

    @Test
    void badChatFramesGetPreciseErrorsAndStoreNothing() {
        try (ChatUser alice = new ChatUser(api, "fuzz")) {
            SocketClient socket = alice.connectLive();
            String conversation = join(socket, room("fuzz"));
            List<String[]> cases = List.of(
                    new String[] {json("type", "send", "ref", 1, "conversation", conversation, "text", "x"), "bad_request"},
                    new String[] {json("type", "send", "ref", 2, "conversation", conversation, "text", "x", "clientMsgId", ""), "bad_request"},
                    new String[] {json("type", "send", "ref", 3, "conversation", conversation, "text", "x", "clientMsgId", "y".repeat(65)), "bad_request"},
                    new String[] {json("type", "send", "ref", 4, "conversation", conversation, "text", "", "clientMsgId", "e1"), "bad_request"},
                    new String[] {json("type", "send", "ref", 5, "conversation", conversation, "text", "\uD83D\uDE00".repeat(4001), "clientMsgId", "e2"), "too_large"},
                    new String[] {json("type", "send", "ref", 6, "conversation", conversation, "text", 5, "clientMsgId", "e3"), "bad_request"},
                    new String[] {json("type", "send", "ref", 7, "conversation", "lobby", "text", "x", "clientMsgId", "e4"), "bad_request"},
                    new String[] {json("type", "send", "ref", 8, "conversation", "room:NO", "text", "x", "clientMsgId", "e5"), "bad_request"},
                    new String[] {json("type", "send", "ref", 9, "conversation", "dm:" + alice.name, "text", "x", "clientMsgId", "e6"), "bad_request"},
                    new String[] {json("type", "send", "ref", 10, "conversation", "room:" + room("nowhere"), "text", "x", "clientMsgId", "e7"), "not_found"},
                    new String[] {json("type", "send", "ref", 11, "conversation", conversation, "text", "x", "clientMsgId", "e8", "attachments", "abc"), "bad_request"},
                    new String[] {json("type", "send", "ref", 12, "conversation", conversation, "text", "x", "clientMsgId", "e9",
                            "attachments", Json.createArrayBuilder().add("00000000-0000-0000-0000-000000000000").build()), "not_found"},
                    new String[] {json("type", "join", "ref", 13, "room", "Bad Slug"), "bad_request"},
                    new String[] {json("type", "join", "ref", 14), "bad_request"},
                    new String[] {json("type", "read", "ref", 15, "conversation", conversation, "seq", "1"), "bad_request"},
                    new String[] {json("type", "resume", "ref", 16, "cursors", "all"), "bad_request"},
                    new String[] {json("type", "resume", "ref", 17, "cursors", Json.createObjectBuilder().add(conversation, "x").build()), "bad_request"},
                    new String[] {json("type", "history", "ref", 18, "conversation", conversation, "before", 1.5), "bad_request"},
                    new String[] {json("type", "typing", "ref", 19, "conversation", "room:" + room("ghost")), "not_found"});
            for (String[] c : cases) {
                socket.send(c[0]);
                JsonObject error = socket.nextOfType("error");
                assertEquals(c[1], error.getString("code"), c[0] + " -> " + error);
                assertTrue(error.containsKey("ref"), "errors carry the ref: " + error);
            }
            JsonObject good = sendAndAck(socket, conversation, "finally", "good-1");
            assertEquals(1, good.getInt("seq"), "no failed send took a seq");
        }
    }

    @Test
    void attachmentsAreStoredSniffedAndServedSafely() {
        try (ChatUser alice = new ChatUser(api, "files"); ChatUser bob = new ChatUser(api, "viewer")) {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
            String image = upload(alice, "cat.png", "application/octet-stream", png);
            String page = upload(alice, "evil.html", "text/html", "<script>alert(1)</script>".getBytes());
            String svg = upload(alice, "logo.png", "image/png", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes());

            Api.Reply own = api.get("api/attachments/" + image, "Authorization", alice.auth());
            assertEquals(200, own.status(), "the uploader may fetch before sending");
            assertEquals("image/png", own.header("Content-Type").orElseThrow());
            assertTrue(own.header("Content-Disposition").orElseThrow().startsWith("inline"));
            assertEquals("nosniff", own.header("X-Content-Type-Options").orElseThrow());
            assertEquals(404, api.get("api/attachments/" + image, "Authorization", bob.auth()).status(), "not sent anywhere yet");

            String slug = room("gallery");
            SocketClient aliceSocket = alice.connectLive();
            SocketClient bobSocket = bob.connectLive();
            String conversation = join(aliceSocket, slug);
            join(bobSocket, slug);
            aliceSocket.send(json("type", "send", "ref", "f", "conversation", conversation, "text", "", "clientMsgId", "f-1",
                    "attachments", Json.createArrayBuilder().add(image).add(page).add(svg).build()));
            JsonObject message = bobSocket.nextOfType("message").getJsonObject("message");
            JsonArray attachments = message.getJsonArray("attachments");
            assertEquals(3, attachments.size());
            JsonObject first = attachments.getJsonObject(0);
            assertEquals("cat.png", first.getString("name"));
            assertEquals("image/png", first.getString("contentType"));
            assertEquals(png.length, first.getInt("size"));
            assertTrue(first.getString("url").endsWith("/api/attachments/" + image));
            assertEquals("application/octet-stream", attachments.getJsonObject(1).getString("contentType"));
            assertEquals("application/octet-stream", attachments.getJsonObject(2).getString("contentType"), "SVG claimed as PNG is not an image");

            Api.Reply html = api.get("api/attachments/" + page, "Authorization", bob.auth());
            assertEquals(200, html.status());
            assertTrue(html.header("Content-Disposition").orElseThrow().startsWith("attachment"));
            assertNotEquals("text/html", html.header("Content-Type").orElseThrow());
            assertTrue(api.get("api/attachments/" + svg, "Authorization", bob.auth()).header("Content-Disposition").orElseThrow().startsWith("attachment"));
            assertEquals(404, api.get("api/attachments/not-an-id", "Authorization", bob.auth()).status());
            assertEquals(401, api.get("api/attachments/" + image).status());
        }
    }

    @Test
    void uploadsAreLimitedTo10MiB() {
        try (ChatUser alice = new ChatUser(api, "big")) {
            byte[] exact = new byte[10 * 1024 * 1024];
            Api.Reply ok = multipart(alice, "file", "exact.bin", "application/octet-stream", exact);
            assertEquals(201, ok.status(), ok.body());
            assertEquals(exact.length, ok.json().getInt("size"));
            Api.Reply tooBig = multipart(alice, "file", "over.bin", "application/octet-stream", new byte[exact.length + 1]);
            assertEquals(413, tooBig.status(), tooBig.body());
            AccountsIT.assertProblem(tooBig, "too_large");
            Api.Reply wrongField = multipart(alice, "upload", "x.bin", "application/octet-stream", new byte[10]);
            assertEquals(400, wrongField.status());
        }
    }

    /** The shared server runs with {@code PARLEY_PRESENCE_ROOM_LIMIT=5} (see the pom). */
    static final int PRESENCE_ROOM_LIMIT = 5;

    @Test
    void inARoomAboveThePresenceLimitOnlyWatchersHearOfPresence() {
        List<ChatUser> users = new ArrayList<>();
        for (String name : List.of("crowd-a", "crowd-b", "crowd-c", "crowd-d", "crowd-e", "crowd-f")) {
            users.add(new ChatUser(api, name));
        }
        ChatUser alice = users.get(0);
        ChatUser bob = users.get(1);
        ChatUser carol = users.get(2);
        try {
            var members = Json.createArrayBuilder();
            users.subList(1, users.size()).forEach(user -> members.add(user.name));
            Api.Reply created = api.post("api/rooms", json("slug", room("crowd"), "members", members.build()), "Authorization", alice.auth());
            assertEquals(201, created.status(), created.body());
            assertEquals(PRESENCE_ROOM_LIMIT + 1, created.json().getJsonArray("members").size());

            SocketClient aliceSocket = alice.connectLive();
            SocketClient carolSocket = carol.connectLive();
            aliceSocket.send(json("type", "watch", "ref", "w1", "users", Json.createArrayBuilder().add(bob.name).add("no-such-user").build()));
            JsonObject watching = aliceSocket.nextOfType("watching");
            assertEquals("w1", watching.getString("ref"));
            assertEquals(List.of(bob.name, "no-such-user"), strings(watching.getJsonArray("users")));
            assertEquals(List.of(), strings(watching.getJsonArray("online")), "bob has no socket yet");

            SocketClient bobSocket = bob.connectLive();
            assertEquals("online", presenceOf(aliceSocket, bob.name), "a watcher hears of bob");
            bobSocket.close();
            assertEquals("offline", presenceOf(aliceSocket, bob.name));
            List<JsonObject> carols = untilPong(carolSocket, "c1");
            assertTrue(carols.stream().noneMatch(frame -> frame.getString("type").equals("presence")),
                    "carol shares only the large room with everyone and watches nobody: " + carols);

            carolSocket.send(json("type", "watch", "ref", "w2", "users", Json.createArrayBuilder().add(bob.name).build()));
            assertEquals(List.of(bob.name), strings(carolSocket.nextOfType("watching").getJsonArray("users")));
            aliceSocket.send(json("type", "watch", "ref", "w3", "users", Json.createArrayBuilder().build()));
            assertEquals(List.of(), strings(aliceSocket.nextOfType("watching").getJsonArray("users")), "an empty list stops watching");
            SocketClient bobAgain = bob.connectLive();
            assertEquals("online", presenceOf(carolSocket, bob.name));
            List<JsonObject> alices = untilPong(aliceSocket, "a1");
            assertTrue(alices.stream().noneMatch(frame -> frame.getString("type").equals("presence")),
                    "alice stopped watching: " + alices);
            aliceSocket.send(json("type", "watch", "ref", "w4", "users", Json.createArrayBuilder().add(bob.name).build()));
            assertEquals(List.of(bob.name), strings(aliceSocket.nextOfType("watching").getJsonArray("online")),
                    "the answer says who is online now");
            bobAgain.close();

            var tooMany = Json.createArrayBuilder();
            for (int i = 0; i <= 200; i++) {
                tooMany.add("user-" + i);
            }
            aliceSocket.send(json("type", "watch", "ref", "w5", "users", tooMany.build()));
            JsonObject refused = aliceSocket.nextOfType("error");
            assertEquals("w5", refused.getString("ref"));
            assertEquals("bad_request", refused.getString("code"));
            aliceSocket.send(json("type", "watch", "ref", "w6", "users", "bob"));
            assertEquals("bad_request", aliceSocket.nextOfType("error").getString("code"), "users must be an array");
        } finally {
            users.forEach(ChatUser::close);
        }
    }

    private static String presenceOf(SocketClient socket, String user) {
        while (true) {
            JsonObject frame = socket.nextOfType("presence");
            if (frame.getString("user").equals(user)) {
                return frame.getString("status");
            }
        }
    }

    /** Sends a ping and returns every frame before its pong. */
    private static List<JsonObject> untilPong(SocketClient socket, String ref) {
        socket.send(json("type", "ping", "ref", ref));
        List<JsonObject> before = new ArrayList<>();
        for (JsonObject frame = socket.next(); !(frame.getString("type").equals("pong") && ref.equals(frame.getString("ref", null)));
             frame = socket.next()) {
            before.add(frame);
        }
        return before;
    }

    private static List<String> strings(JsonArray array) {
        return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    @Test
    void slowConsumersAreClosedWhileOthersKeepReceiving() throws Exception {
        try (ChatUser slow = new ChatUser(api, "slow"); ChatUser fast = new ChatUser(api, "fast"); ChatUser writer = new ChatUser(api, "loud")) {
            String slug = room("firehose");
            SocketClient fastSocket = fast.connectLive();
            String conversation = join(fastSocket, slug);
            join(writer.connectLive(), slug);
            try (dev.parley.testing.RawSocket stalled = new dev.parley.testing.RawSocket(api.base(), "chat", slow.auth(), 4096)) {
                stalled.sendText(json("type", "join", "ref", "j", "room", slug));
                stalled.sendText(json("type", "resume", "ref", "r", "cursors", Json.createObjectBuilder().build()));
                assertTrue(Poll.until(Duration.ofSeconds(10), () -> memberCount(writer, slug) == 3), "the stalled client joined");
                // The stalled client never reads. Messages go out until the server gives up on it,
                // which everyone sharing the room sees as its presence going offline.
                String text = "x".repeat(3990);
                int sent = 0;
                boolean offline = false;
                int expectedSeq = 1;
                while (!offline && sent < 3000) {
                    for (int i = 0; i < 100; i++, sent++) {
                        Api.Reply reply = api.post("api/conversations/" + conversation + "/messages",
                                json("text", text + sent, "clientMsgId", "slow-" + sent), "Authorization", writer.auth());
                        assertEquals(201, reply.status(), reply.body());
                    }
                    while (expectedSeq <= sent) {
                        JsonObject frame = fastSocket.next();
                        if (frame.getString("type").equals("presence") && frame.getString("user").equals(slow.name)) {
                            // Presence is announced after the fact, to whoever shares a room by then: the stalled
                            // client's own "online" may come once it has joined. What ends the loop is its offline.
                            offline = frame.getString("status").equals("offline");
                        } else if (frame.getString("type").equals("message")) {
                            assertEquals(expectedSeq++, frame.getJsonObject("message").getInt("seq"),
                                    "a fast reader gets everything in order");
                        }
                    }
                }
                assertTrue(offline, "the stalled client was closed after " + sent + " messages");
                dev.parley.testing.RawSocket.Frame close = stalled.readUntilClose();
                assertEquals(1013, close.closeCode(), "the stalled reader was closed with try-again-later, not: " + close.closeReason());
            }
        }
    }

    private int memberCount(ChatUser user, String slug) {
        return api.get("api/rooms/" + slug, "Authorization", user.auth()).json().getJsonArray("members").size();
    }

    private String upload(ChatUser user, String name, String type, byte[] data) {
        Api.Reply reply = multipart(user, "file", name, type, data);
        assertEquals(201, reply.status(), reply.body());
        return reply.json().getString("id");
    }

    private Api.Reply multipart(ChatUser user, String field, String name, String type, byte[] data) {
        return api.multipart("api/attachments", field, name, type, data, "Authorization", user.auth());
    }

    private static void sendWithAttachment(SocketClient socket, String conversation, String text, String clientMsgId, String attachment) {
        socket.send(json("type", "send", "ref", clientMsgId, "conversation", conversation, "text", text, "clientMsgId", clientMsgId,
                "attachments", Json.createArrayBuilder().add(attachment).build()));
    }

    private int unread(ChatUser user, String conversation) {
        return api.get("api/conversations", "Authorization", user.auth()).json().getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getString("id").equals(conversation))
                .findFirst().orElseThrow().getInt("unread");
    }

    private static void assertSeqs(JsonArray messages, int from, int to) {
        assertEquals(to - from + 1, messages.size(), messages.toString());
        for (int i = 0; i < messages.size(); i++) {
            assertEquals(from + i, messages.getJsonObject(i).getInt("seq"));
        }
    }
}
