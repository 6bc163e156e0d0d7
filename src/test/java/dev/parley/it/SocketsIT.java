package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static dev.parley.testing.Api.json;
import static dev.parley.testing.SocketClient.socketUri;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.Poll;
import dev.parley.testing.RawSocket;
import dev.parley.testing.SocketClient;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both WebSocket endpoints: handshake authentication, the frame rules and the connection lifecycle. */
class SocketsIT extends AgainstDeployment {

    /** Set for the test server in the pom (Failsafe's environment). */
    static final int HEARTBEAT_SECONDS = 2;
    static final List<String> ENDPOINTS = List.of("chat", "notifications");

    private SocketClient open(String endpoint, String token) {
        SocketClient client = SocketClient.open(socketUri(http, endpoint), "Authorization", bearer(token));
        client.next("welcome");
        return client;
    }

    @Test
    void bothEndpointsWelcomeAnAuthenticatedUser() {
        String name = Api.uniqueUser("hello");
        api.register(name, "password-1");
        String token = api.token(name, "password-1");
        try (SocketClient chat = SocketClient.open(socketUri(http, "chat"), "Authorization", bearer(token));
             SocketClient notifications = SocketClient.open(socketUri(http, "notifications"), "Authorization", bearer(token))) {
            JsonObject welcome = chat.next("welcome");
            assertEquals(name, welcome.getString("user"));
            assertFalse(welcome.getString("sessionId").isBlank());
            assertEquals(HEARTBEAT_SECONDS, welcome.getInt("heartbeatSeconds"));
            assertEquals(0, welcome.getJsonArray("conversations").size());

            JsonObject inbox = notifications.next("welcome");
            assertEquals(name, inbox.getString("user"));
            assertEquals(0, inbox.getInt("unread"));
        }
    }

    @Test
    void accessTokenParameterAndSessionCookieAuthenticateTheHandshake() {
        String name = Api.uniqueUser("ways");
        api.register(name, "password-1");
        String token = api.token(name, "password-1");
        String session = api.login(name, "password-1");
        for (String endpoint : ENDPOINTS) {
            try (SocketClient byQuery = SocketClient.open(URI.create(socketUri(http, endpoint) + "?access_token=" + token));
                 SocketClient byCookie = SocketClient.open(socketUri(http, endpoint), "Cookie", "parley_session=" + session)) {
                assertEquals(name, byQuery.next("welcome").getString("user"));
                assertEquals(name, byCookie.next("welcome").getString("user"));
            }
        }
    }

    @Test
    void handshakesWithoutValidCredentialsGet401() {
        String name = Api.uniqueUser("anon");
        api.register(name, "password-1");
        String expiring = api.post("api/auth/token", json("username", name, "password", "password-1", "ttl", 1)).json().getString("token");
        String session = api.login(name, "password-1");
        api.post("api/auth/logout", null, "Cookie", "parley_session=" + session);
        for (String endpoint : ENDPOINTS) {
            URI uri = socketUri(http, endpoint);
            assertEquals(401, SocketClient.refusedStatus(uri));
            assertEquals(401, SocketClient.refusedStatus(uri, "Authorization", bearer("forged-token")));
            assertEquals(401, SocketClient.refusedStatus(URI.create(uri + "?access_token=forged")));
            assertEquals(401, SocketClient.refusedStatus(uri, "Cookie", "parley_session=" + session), "logged-out session");
        }
        assertTrue(Poll.until(Duration.ofSeconds(15), () -> {
            try {
                return SocketClient.refusedStatus(socketUri(http, "chat"), "Authorization", bearer(expiring)) == 401;
            } catch (AssertionError stillValid) {
                return false;
            }
        }), "an expired token still opened a socket");
    }

    @Test
    void foreignOriginsAreRefusedWhateverTheCredentials() {
        String token = api.newUserToken("origin");
        String ownOrigin = http.getScheme() + "://" + http.getHost() + ":" + http.getPort();
        for (String endpoint : ENDPOINTS) {
            URI uri = socketUri(http, endpoint);
            assertEquals(403, SocketClient.refusedStatus(uri, "Authorization", bearer(token), "Origin", "https://evil.example"));
            assertEquals(403, SocketClient.refusedStatus(uri, "Origin", "https://evil.example"), "origin is checked before credentials");
            try (SocketClient sameOrigin = SocketClient.open(uri, "Authorization", bearer(token), "Origin", ownOrigin)) {
                sameOrigin.next("welcome");
            }
        }
    }

    @Test
    void pingIsAnsweredWithItsRef() {
        String token = api.newUserToken("ping");
        for (String endpoint : ENDPOINTS) {
            try (SocketClient client = open(endpoint, token)) {
                client.send("{\"type\":\"ping\",\"ref\":\"a-1\"}");
                assertEquals("a-1", client.next("pong").getString("ref"));
                client.send("{\"type\":\"ping\",\"ref\":42}");
                assertEquals(42, client.next("pong").getInt("ref"));
                client.send("{\"type\":\"ping\"}");
                assertFalse(client.next("pong").containsKey("ref"));
            }
        }
    }

    @Test
    void badFramesGetErrorFramesAndTheConnectionStaysOpen() {
        String token = api.newUserToken("bad");
        for (String endpoint : ENDPOINTS) {
            try (SocketClient client = open(endpoint, token)) {
                client.send("this is not json");
                JsonObject notJson = client.next("error");
                assertEquals("bad_request", notJson.getString("code"));
                assertFalse(notJson.containsKey("ref"), "an error for a non-JSON frame has no ref");

                client.send("{\"type\":\"teleport\",\"ref\":\"r1\"}");
                JsonObject unknown = client.next("error");
                assertEquals("bad_request", unknown.getString("code"));
                assertEquals("r1", unknown.getString("ref"));

                for (String frame : List.of("{\"type\":7,\"ref\":\"r2\"}", "{\"ref\":\"r2\"}", "[1,2,3]", "{\"type\":\"ping\",\"ref\":{}}",
                        "{\"type\":\"ping\"} trailing", "{\"type\":null}")) {
                    client.send(frame);
                    JsonObject error = client.next("error");
                    assertEquals("bad_request", error.getString("code"), frame);
                    assertFalse(error.getString("message").isBlank());
                }
                client.sendBinary(new byte[] {1, 2, 3});
                assertEquals("bad_request", client.next("error").getString("code"));

                client.send("{\"type\":\"ping\",\"ref\":\"still-open\"}");
                assertEquals("still-open", client.next("pong").getString("ref"));
            }
        }
    }

    @Test
    void framesUpTo64KiBAreAcceptedAndLargerOnesClose1009() {
        String token = api.newUserToken("big");
        String prefix = "{\"type\":\"ping\",\"ref\":\"";
        String suffix = "\"}";
        // Two-byte UTF-8 characters, so the limit is checked in bytes, not characters.
        String exact = prefix + "é".repeat((65536 - prefix.length() - suffix.length()) / 2) + suffix;
        assertEquals(65536, exact.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        for (String endpoint : ENDPOINTS) {
            try (SocketClient client = open(endpoint, token)) {
                client.send(exact);
                assertEquals("pong", client.next().getString("type"));
                client.send(prefix + "x" + exact.substring(prefix.length()));
                assertEquals(1009, client.awaitClose());
            }
        }
    }

    @Test
    void floodsAreRateLimitedThenClosed1008() {
        String token = api.newUserToken("flood");
        try (SocketClient client = open("chat", token)) {
            for (int i = 0; i < 100; i++) {
                client.send("{\"type\":\"ping\",\"ref\":" + i + "}");
            }
            int pongs = 0;
            int limited = 0;
            for (int i = 0; i < 100; i++) {
                JsonObject frame = client.next();
                if (frame.getString("type").equals("pong")) {
                    pongs++;
                } else {
                    assertEquals("rate_limited", frame.getString("code"), frame.toString());
                    limited++;
                }
            }
            assertTrue(pongs >= 40, "the burst of 40 is admitted, got " + pongs);
            assertTrue(limited >= 1, "a flood beyond the rate is limited");
            assertFalse(client.isClosed(), "rate limiting alone does not close");
        }
        try (SocketClient flooder = open("notifications", token)) {
            for (int i = 0; i < 250 && !flooder.isClosed(); i++) {
                flooder.send("{\"type\":\"ping\"}");
            }
            assertEquals(1008, flooder.awaitClose());
        }
    }

    @Test
    void serverPingsKeepALiveClientConnected() {
        String token = api.newUserToken("beat");
        try (SocketClient client = open("chat", token)) {
            assertTrue(Poll.until(Duration.ofSeconds(HEARTBEAT_SECONDS * 8L), () -> client.pingsReceived() >= 4),
                    "pings every heartbeat period; got " + client.pingsReceived());
            // Four periods passed: longer than the idle limit, but the client answered every ping.
            client.send("{\"type\":\"ping\",\"ref\":\"alive\"}");
            assertEquals("alive", client.nextOfType("pong").getString("ref"));
        }
    }

    @Test
    void silentPeersAreClosedAfterThreeHeartbeats() throws Exception {
        String token = api.newUserToken("silent");
        try (RawSocket silent = new RawSocket(http, "notifications", bearer(token))) {
            long start = System.nanoTime();
            int pings = 0;
            RawSocket.Frame frame;
            do {
                frame = silent.read();
                if (frame.opcode() == RawSocket.OPCODE_PING) {
                    pings++;
                }
            } while (frame.opcode() != RawSocket.OPCODE_CLOSE);
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertEquals(1001, frame.closeCode());
            assertTrue(pings >= 2, "pinged before closing, got " + pings);
            assertTrue(seconds >= HEARTBEAT_SECONDS * 3L - 1, "closed after " + seconds + " s, before three periods");
        }
    }

    @Test
    void aSocketIsClosedWith4001WhenItsTokenExpires() {
        String name = Api.uniqueUser("ttl");
        api.register(name, "password-1");
        Api.Reply issued = api.post("api/auth/token", Api.json("username", name, "password", "password-1", "ttl", 3));
        assertEquals(200, issued.status(), issued.body());
        Instant expiresAt = Instant.parse(issued.json().getString("expiresAt"));
        String longLived = api.token(name, "password-1");
        try (SocketClient shortLived = open("chat", issued.json().getString("token"));
             SocketClient other = open("chat", longLived)) {
            assertEquals(4001, shortLived.awaitClose(), "closed when its token expired");
            assertFalse(Instant.now().isBefore(expiresAt), "not before the token's expiry");
            other.send("{\"type\":\"ping\",\"ref\":\"still-here\"}");
            assertEquals("still-here", other.nextOfType("pong").getString("ref"), "a socket with a valid token stays");
        }
        assertEquals(401, api.get("api/me", "Authorization", Api.bearer(issued.json().getString("token"))).status(),
                "and the token no longer opens anything");
    }

    @Test
    void logoutClosesTheSocketsOfThatSessionOnly() {
        String name = Api.uniqueUser("bye");
        api.register(name, "password-1");
        String session = api.login(name, "password-1");
        String token = api.token(name, "password-1");
        try (SocketClient chat = SocketClient.open(socketUri(http, "chat"), "Cookie", "parley_session=" + session);
             SocketClient notifications = SocketClient.open(socketUri(http, "notifications"), "Cookie", "parley_session=" + session);
             SocketClient byToken = open("chat", token)) {
            chat.next("welcome");
            notifications.next("welcome");
            assertEquals(204, api.post("api/auth/logout", null, "Cookie", "parley_session=" + session).status());
            assertEquals(1008, chat.awaitClose());
            assertEquals(1008, notifications.awaitClose());
            byToken.send("{\"type\":\"ping\",\"ref\":\"token-socket\"}");
            assertEquals("token-socket", byToken.nextOfType("pong").getString("ref"));
        }
    }

    @Test
    void metricsCountOpenSocketsPerEndpoint() throws Exception {
        String token = api.newUserToken("metric");
        Api server = new Api(http.resolve("/"));
        try (SocketClient a = open("chat", token); SocketClient b = open("chat", token); SocketClient c = open("notifications", token)) {
            assertTrue(Poll.until(Duration.ofSeconds(10), () -> gauge(server, "chat") >= 2 && gauge(server, "notifications") >= 1),
                    server.get("metrics").body());
            assertNotNull(a);
        }
    }

    private static double gauge(Api server, String endpoint) {
        for (String line : server.get("metrics").body().split("\n")) {
            if (line.startsWith("parley_sockets_open{") && line.contains("endpoint=\"" + endpoint + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }
}
