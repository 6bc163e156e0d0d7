package dev.parley.it;

import static dev.parley.testing.Api.json;
import static dev.parley.testing.ChatUser.join;
import static dev.parley.testing.ChatUser.sendAndAck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.ChatUser;
import dev.parley.testing.Poll;
import dev.parley.testing.SocketClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Threads (issue 18): replies are messages of the conversation's stream that name their thread. */
class ThreadsIT extends AgainstDeployment {

    private static void reply(SocketClient socket, String conversation, String text, String clientMsgId, long thread) {
        socket.send(Json.createObjectBuilder().add("type", "send").add("ref", clientMsgId).add("conversation", conversation)
                .add("text", text).add("clientMsgId", clientMsgId).add("thread", thread).build().toString());
    }

    private static JsonObject replyAndAck(SocketClient socket, String conversation, String text, String clientMsgId, long thread) {
        reply(socket, conversation, text, clientMsgId, thread);
        return socket.nextOfType("ack").getJsonObject("message");
    }

    private static List<Long> seqs(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getJsonNumber("seq").longValue()).toList();
    }

    @Test
    void repliesTakeSeqsNameTheirThreadAndPageOnTheirOwn() {
        try (ChatUser alice = new ChatUser(api, "asker"); ChatUser bob = new ChatUser(api, "answerer");
             ChatUser carol = new ChatUser(api, "chimer")) {
            SocketClient aliceSocket = alice.connectLive();
            String slug = ChatIT.room("threads");
            String conversation = join(aliceSocket, slug);
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, slug);
            SocketClient carolSocket = carol.connectLive();
            join(carolSocket, slug);
            SocketClient watcher = alice.connectLive();

            sendAndAck(aliceSocket, conversation, "Who owns the deploy script?", "t-1");
            JsonObject first = replyAndAck(bobSocket, conversation, "I do", "t-2", 1);
            assertEquals(2, first.getInt("seq"), "a reply takes the conversation's next seq");
            assertEquals(1, first.getInt("thread"));
            assertEquals(1, first.getInt("threadIndex"));
            JsonObject second = replyAndAck(carolSocket, conversation, "me too", "t-3", 2);
            assertEquals(1, second.getInt("thread"), "a reply to a reply goes to the same thread: threads do not nest");
            assertEquals(2, second.getInt("threadIndex"));
            sendAndAck(aliceSocket, conversation, "thanks, both", "t-4");
            for (int seq = 1; seq <= 4; seq++) {
                assertEquals(seq, watcher.nextOfType("message").getJsonObject("message").getInt("seq"), "replies travel in the stream");
            }

            JsonObject top = api.get("api/conversations/" + conversation + "/messages?topLevel=true", "Authorization", bob.auth()).json();
            assertEquals(List.of(1L, 4L), seqs(top));
            JsonObject root = top.getJsonArray("messages").getJsonObject(0);
            assertEquals(2, root.getInt("replies"));
            assertEquals(Instant.parse(second.getString("sentAt")), Instant.parse(root.getString("lastReplyAt")));
            assertFalse(top.getJsonArray("messages").getJsonObject(1).containsKey("replies"), "no replies, no field");

            bobSocket.send(json("type", "history", "ref", "h", "conversation", conversation, "thread", 1, "limit", 1));
            JsonObject threadPage = bobSocket.nextOfType("history");
            assertEquals(1, threadPage.getInt("thread"));
            assertEquals(List.of(3L), seqs(threadPage));
            assertTrue(threadPage.getBoolean("hasMore"));
            bobSocket.send(json("type", "history", "ref", "h", "conversation", conversation, "thread", 1, "before", 3));
            assertEquals(List.of(2L), seqs(bobSocket.nextOfType("history")));
            assertEquals(List.of(1L, 2L, 3L, 4L), seqs(api.get("api/conversations/" + conversation + "/messages", "Authorization",
                    bob.auth()).json()), "without a filter, history is the whole stream, as the contract says");

            SocketClient back = carol.connect();
            back.send(json("type", "resume", "ref", "r", "cursors", Json.createObjectBuilder().add(conversation, 0).build()));
            List<JsonObject> replayed = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                replayed.add(back.nextOfType("message").getJsonObject("message"));
            }
            assertEquals(2, replayed.get(0).getInt("replies"), "a resume shows the thread's first message as it is now");
            assertEquals(2, replayed.get(2).getInt("threadIndex"));
        }
    }

    @Test
    void badThreadsAreRefusedAndStoreNothing() {
        try (ChatUser alice = new ChatUser(api, "threader")) {
            SocketClient socket = alice.connectLive();
            String conversation = join(socket, ChatIT.room("bad-threads"));
            sendAndAck(socket, conversation, "root", "b-1");
            reply(socket, conversation, "to nowhere", "b-2", 9);
            assertEquals("not_found", socket.nextOfType("error").getString("code"));
            socket.send(json("type", "send", "ref", "b-3", "conversation", conversation, "text", "x", "clientMsgId", "b-3", "thread", "1"));
            assertEquals("bad_request", socket.nextOfType("error").getString("code"));
            reply(socket, conversation, "zero", "b-4", 0);
            assertEquals("bad_request", socket.nextOfType("error").getString("code"));
            socket.send(json("type", "history", "ref", "x", "conversation", conversation, "thread", 1, "topLevel", true));
            assertEquals("bad_request", socket.nextOfType("error").getString("code"));
            assertEquals(400, api.get("api/conversations/" + conversation + "/messages?topLevel=yes", "Authorization", alice.auth()).status());
            assertEquals(2, sendAndAck(socket, conversation, "next", "b-5").getInt("seq"), "refused replies took no seq");
        }
    }

    @Test
    void threadParticipantsAreNotifiedOfRepliesTheyHaveNotRead() {
        try (ChatUser alice = new ChatUser(api, "starter"); ChatUser bob = new ChatUser(api, "replier");
             ChatUser carol = new ChatUser(api, "bystander")) {
            SocketClient aliceSocket = alice.connectLive();
            String slug = ChatIT.room("notify-threads");
            String conversation = join(aliceSocket, slug);
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, slug);
            SocketClient carolSocket = carol.connectLive();
            join(carolSocket, slug);
            sendAndAck(aliceSocket, conversation, "release notes draft is up", "n-1");
            replyAndAck(bobSocket, conversation, "looks good", "n-2", 1);

            List<JsonObject> alices = new ArrayList<>();
            assertTrue(Poll.until(Duration.ofSeconds(20), () -> {
                alices.clear();
                alices.addAll(api.get("api/notifications", "Authorization", alice.auth()).json().getJsonArray("notifications")
                        .getValuesAs(JsonObject.class));
                return !alices.isEmpty();
            }), "the thread's author hears of the reply");
            JsonObject notification = alices.get(0);
            assertEquals(bob.name + " replied in a thread in " + conversation, notification.getString("title"));
            assertEquals("looks good", notification.getString("body"));
            assertEquals(1, notification.getJsonObject("data").getInt("thread"));

            replyAndAck(aliceSocket, conversation, "thanks", "n-3", 1);
            assertTrue(Poll.until(Duration.ofSeconds(20), () -> !api.get("api/notifications", "Authorization", bob.auth()).json()
                    .getJsonArray("notifications").isEmpty()), "bob replied before, so he follows the thread");
            assertEquals(0, api.get("api/notifications", "Authorization", carol.auth()).json().getJsonArray("notifications").size(),
                    "carol, in the room but not in the thread, is not notified");
        }
    }
}
