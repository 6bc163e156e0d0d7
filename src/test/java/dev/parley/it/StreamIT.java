package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static dev.parley.testing.Api.json;
import static dev.parley.testing.ChatUser.join;
import static dev.parley.testing.ChatUser.sendAndAck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.SocketClient;
import dev.parley.testing.StreamClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The fallback transport (server-sent events from the server, a POST per frame to it) against the
 * deployed WAR: the same frames as the sockets, with each other in one conversation, resume, the
 * notification inbox, and the socket's rules (credentials, Origin, frame size, UTF-8, heartbeat).
 */
class StreamIT extends AgainstDeployment {

    private static String room(String prefix) {
        return Api.uniqueUser(prefix).replace('.', '-').replace('_', '-');
    }

    private StreamClient stream(ChatUser user) {
        StreamClient stream = StreamClient.open(http, "chat", "Authorization", user.auth());
        stream.next("welcome");
        return stream;
    }

    private static String joinOver(StreamClient stream, String slug) {
        assertEquals(202, stream.send(json("type", "join", "ref", "j-" + slug, "room", slug)));
        return stream.nextOfType("joined").getString("conversation");
    }

    @Test
    void aStreamAndASocketChatWithEachOther() {
        try (ChatUser alice = new ChatUser(api, "sse-a"); ChatUser bob = new ChatUser(api, "ws-b");
                StreamClient aliceStream = stream(alice)) {
            String slug = room("fallback");
            String conversation = joinOver(aliceStream, slug);
            SocketClient bobSocket = bob.connectLive();
            join(bobSocket, slug);

            assertEquals(202, aliceStream.send(json("type", "send", "ref", "s1", "conversation", conversation,
                    "text", "over a stream", "clientMsgId", "sse-1")));
            JsonObject ack = aliceStream.nextOfType("ack");
            assertEquals("s1", ack.getString("ref"));
            JsonObject received = bobSocket.nextOfType("message").getJsonObject("message");
            assertEquals("over a stream", received.getString("text"));
            assertEquals(ack.getJsonObject("message").getInt("seq"), received.getInt("seq"));

            assertEquals("over a stream", aliceStream.nextOfType("message").getJsonObject("message").getString("text"),
                    "the sender's other sessions see its message too, this stream included");
            sendAndAck(bobSocket, conversation, "over a socket", "ws-1");
            JsonObject back = aliceStream.nextOfType("message").getJsonObject("message");
            assertEquals("over a socket", back.getString("text"));
            assertEquals(received.getInt("seq") + 1, back.getInt("seq"), "one order for both transports");

            assertEquals(202, aliceStream.send(json("type", "send", "ref", "s2", "conversation", conversation,
                    "text", "over a stream", "clientMsgId", "sse-1")));
            assertEquals(ack.getJsonObject("message").getString("id"),
                    aliceStream.nextOfType("ack").getJsonObject("message").getString("id"), "a retried clientMsgId gets the original");
        }
    }

    @Test
    void aNewStreamResumesWithExactlyWhatWasMissed() {
        try (ChatUser alice = new ChatUser(api, "sse-w"); ChatUser bob = new ChatUser(api, "sse-r")) {
            String slug = room("sse-resume");
            SocketClient aliceSocket = alice.connectLive();
            String conversation = join(aliceSocket, slug);
            try (StreamClient first = stream(bob)) {
                joinOver(first, slug);
                sendAndAck(aliceSocket, conversation, "seen", "r-1");
                assertEquals(1, first.nextOfType("message").getJsonObject("message").getInt("seq"));
            }
            for (int i = 2; i <= 4; i++) {
                sendAndAck(aliceSocket, conversation, "missed " + i, "r-" + i);
            }
            try (StreamClient back = stream(bob)) {
                assertEquals(202, back.send(json("type", "resume", "ref", 9, "cursors", Json.createObjectBuilder().add(conversation, 1).build())));
                for (int seq = 2; seq <= 4; seq++) {
                    assertEquals(seq, back.next("message").getJsonObject("message").getInt("seq"));
                }
                JsonObject resumed = back.next("resumed");
                assertEquals(9, resumed.getInt("ref"));
                assertEquals(3, resumed.getInt("count"));
                sendAndAck(aliceSocket, conversation, "live", "r-5");
                assertEquals(5, back.next("message").getJsonObject("message").getInt("seq"), "live again, nothing repeated");
            }
        }
    }

    @Test
    void notificationsArriveOnAStream() {
        try (ChatUser carol = new ChatUser(api, "sse-n");
                StreamClient inbox = StreamClient.open(http, "notifications", "Authorization", carol.auth())) {
            inbox.next("welcome");
            String publisher = bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
            Api.Reply published = api.post("api/notifications", json("to", Json.createObjectBuilder()
                    .add("users", Json.createArrayBuilder().add(carol.name)).build(), "title", "by stream"), "Authorization", publisher);
            assertEquals(202, published.status(), published.body());
            assertEquals("by stream", inbox.next("notification").getJsonObject("notification").getString("title"));
        }
    }

    @Test
    void theSocketsRulesHoldOnStreams() {
        try (ChatUser dave = new ChatUser(api, "sse-d"); ChatUser eve = new ChatUser(api, "sse-e")) {
            assertEquals(401, StreamClient.refusedStatus(http, "chat"));
            assertEquals(401, StreamClient.refusedStatus(http, "chat", "Authorization", "Bearer not-a-token"));
            assertEquals(403, StreamClient.refusedStatus(http, "chat", "Authorization", dave.auth(), "Origin", "https://evil.example"));
            try (StreamClient byToken = StreamClient.open(http, "notifications?access_token=" + dave.token)) {
                assertEquals("welcome", byToken.next().getString("type"), "access_token works, as on the handshake");
            }

            try (StreamClient stream = stream(dave)) {
                try (StreamClient other = stream(eve)) {
                    assertEquals(404, api.sendBytes("POST", "stream/chat/" + stream.id(), "{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8),
                            "Authorization", eve.auth()).status(), "another user's stream is nobody's");
                    assertEquals(202, other.send("{\"type\":\"ping\",\"ref\":1}"));
                    assertEquals("pong", other.next().getString("type"));
                }
                assertEquals(202, stream.send("{not json"));
                assertEquals("bad_request", stream.next("error").getString("code"));
                assertEquals(400, stream.sendBytes(new byte[] {'{', '"', (byte) 0xC3, '"', '}'}).statusCode(), "not UTF-8");

                byte[] huge = ("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
                assertEquals(413, stream.sendBytes(huge).statusCode());
                assertEquals(1009, stream.awaitClose().getInt("code"), "closed as a socket would be");
            }
        }
    }

    @Test
    void aStreamIsClosedWith4001WhenItsTokenExpires() {
        String name = Api.uniqueUser("sse-ttl");
        assertEquals(201, api.register(name, "password-1").status());
        Api.Reply issued = api.post("api/auth/token", json("username", name, "password", "password-1", "ttl", 3));
        assertEquals(200, issued.status(), issued.body());
        java.time.Instant expiresAt = java.time.Instant.parse(issued.json().getString("expiresAt"));
        try (StreamClient stream = StreamClient.open(http, "chat", "Authorization", bearer(issued.json().getString("token")))) {
            assertEquals("welcome", stream.next().getString("type"));
            JsonObject close = stream.awaitClose();
            assertEquals(4001, close.getInt("code"), "closed when its token expired: " + close);
            assertTrue(!java.time.Instant.now().isBefore(expiresAt), "not before the token's expiry");
        }
    }

    @Test
    void aStreamWhoseClientStopsAnsweringIsClosed() {
        try (ChatUser frank = new ChatUser(api, "sse-f"); StreamClient stream = stream(frank)) {
            stream.answerPings(false);
            JsonObject close = stream.awaitClose();
            assertEquals(1001, close.getInt("code"));
            assertEquals("idle timeout", close.getString("reason"));
            assertTrue(stream.pingsReceived() >= 1, "it was pinged first");
        }
    }
}
