package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.json.WellFormedText;
import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.HostileFrames;
import dev.parley.testing.Poll;
import dev.parley.testing.RawSocket;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.FrameConnection;
import dev.parley.testing.SocketClient;
import dev.parley.testing.StreamClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken clients against a server of its own (rate limit 1000 frames/s, burst 2000, as
 * an operator who lifted it would run): seeded fuzzing of both endpoints and of the REST API, floods,
 * lone surrogates, parser limits, binary frames and invalid UTF-8, while well-behaved clients watch.
 * Nothing may get {@code internal}, stall or close a good client, or store text that is not valid.
 * The seed is printed; {@code -Dfuzz.seed=N} replays a run, {@code -Dfuzz.frames=N} sizes it.
 */
@ExtendWith(ServerProcesses.class)
class HostileInputIT {

    static final int RATE = 1000;
    static final int BURST = 2000;

    @TempDir
    static Path work;

    static ServerProcess server;
    static Api api;
    static URI http;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(work, Map.of(
                "PARLEY_DATA_DIR", work.resolve("data").toString(),
                "PARLEY_RATE_PER_SECOND", Integer.toString(RATE),
                "PARLEY_RATE_BURST", Integer.toString(BURST)));
        http = server.base();
        api = new Api(http);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static SocketClient open(ChatUser user, String endpoint) {
        SocketClient socket = SocketClient.open(SocketClient.socketUri(http, endpoint), "Authorization", user.auth());
        socket.next("welcome");
        return socket;
    }

    /**
     * Sends a ping on a socket or stream and returns every frame up to its pong; null if no pong came
     * (stalled, closed, or the ping refused).
     */
    private static List<JsonObject> barrier(FrameConnection socket, String ref, Duration timeout) {
        if (!socket.offer("{\"type\":\"ping\",\"ref\":\"" + ref + "\"}")) {
            return null;
        }
        List<JsonObject> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject frame = socket.poll(Duration.ofMillis(100));
            if (frame != null) {
                seen.add(frame);
                if ("pong".equals(frame.getString("type")) && ref.equals(frame.getString("ref", null))) {
                    return seen;
                }
            } else if (socket.isClosed()) {
                return null;
            }
        }
        return null;
    }

    /**
     * A well-behaved user watching while others misbehave: pings its chat and notification sockets in
     * turn, records each round trip, and counts the room's messages that a second good user sends.
     */
    static final class Watcher implements AutoCloseable {
        final ChatUser alice = new ChatUser(api, "watch-a");
        final ChatUser bob = new ChatUser(api, "watch-b");
        final SocketClient chat = alice.connectLive();
        final SocketClient notifications = open(alice, "notifications");
        final SocketClient sender = bob.connectLive();
        final String room;
        final List<Long> roundTripsMicros = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger stalls = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger received = new AtomicInteger();
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread pinging;
        final Thread sending;

        Watcher() {
            room = ChatUser.join(chat, "watch-" + Api.uniqueUser("r").replace('.', '-'));
            ChatUser.join(sender, room.substring("room:".length()));
            pinging = new Thread(this::ping, "watcher-ping");
            sending = new Thread(this::send, "watcher-send");
            pinging.start();
            sending.start();
        }

        private void ping() {
            int n = 0;
            while (running.get()) {
                SocketClient socket = n % 2 == 0 ? chat : notifications;
                long started = System.nanoTime();
                List<JsonObject> frames = barrier(socket, "w" + n++, Duration.ofSeconds(5));
                if (frames == null) {
                    stalls.incrementAndGet();
                    continue;
                }
                roundTripsMicros.add((System.nanoTime() - started) / 1000);
                received.addAndGet((int) frames.stream().filter(f -> "message".equals(f.getString("type"))
                        && f.getJsonObject("message").getString("sender").equals(bob.name)).count());
                Poll.until(Duration.ofMillis(20), () -> !running.get());
            }
        }

        private void send() {
            int n = 0;
            while (running.get()) {
                JsonObject stored = ChatUser.sendAndAck(sender, room, "watching " + n, "w-" + n);
                assertNotNull(stored);
                n++;
                sent.incrementAndGet();
                Poll.until(Duration.ofMillis(100), () -> !running.get());
            }
        }

        /** Stops, drains the last messages and checks the good clients saw everything. */
        void verify() throws InterruptedException {
            running.set(false);
            pinging.join(10_000);
            sending.join(10_000);
            List<JsonObject> rest = barrier(chat, "final", Duration.ofSeconds(10));
            assertNotNull(rest, "the watcher's socket answers at the end");
            received.addAndGet((int) rest.stream().filter(f -> "message".equals(f.getString("type"))).count());
            // The sender's ack is queued just before the message is queued for the watcher, so the
            // round trip may beat the last message: wait for what is still missing (at most 10 s).
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (received.get() < sent.get() && System.nanoTime() < deadline) {
                JsonObject frame = chat.poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (frame != null && "message".equals(frame.getString("type"))) {
                    received.incrementAndGet();
                }
            }
            assertEquals(0, stalls.get(), "a watcher's ping went unanswered for 5 s");
            assertNull(chat.closeCode(), "the watcher's chat socket stays open");
            assertNull(notifications.closeCode(), "the watcher's notification socket stays open");
            assertNull(sender.closeCode(), "the sender's socket stays open");
            assertEquals(sent.get(), received.get(), "every message the good sender had acknowledged reached the watcher");
        }

        String figures() {
            List<Long> sorted = new ArrayList<>(roundTripsMicros);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return "no pings";
            }
            return String.format("watcher pong p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d pings; %d messages",
                    sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) (sorted.size() * 0.99)) / 1000.0,
                    sorted.get(sorted.size() - 1) / 1000.0, sorted.size(), sent.get());
        }

        @Override
        public void close() {
            running.set(false);
            alice.close();
            bob.close();
        }
    }

    /** Fails on any {@code internal} error, and on text that is not valid Unicode coming back. */
    private static void assertNoInternal(List<JsonObject> frames, String context) {
        for (JsonObject frame : frames) {
            if ("error".equals(frame.getString("type"))) {
                assertTrue(!"internal".equals(frame.getString("code")), "internal error for " + context + ": " + frame);
            }
            assertTrue(WellFormedText.isWellFormed(frame.toString()), "a frame with invalid text came back: " + frame);
        }
    }

    @Test
    void fuzzedFramesOnBothEndpointsNeverHurtAWatchingClient() throws Exception {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        int perEndpoint = Integer.getInteger("fuzz.frames", 3000);
        long logMark = Files.size(server.log());
        System.out.println("HostileInputIT fuzz seed=" + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        try (Watcher watcher = new Watcher(); ChatUser hostile = new ChatUser(api, "fuzz"); ChatUser other = new ChatUser(api, "fuzz-o")) {
            SocketClient setup = hostile.connectLive();
            String room = ChatUser.join(setup, "fuzz-" + Api.uniqueUser("r").replace('.', '-'));
            List<String> conversations = List.of(room, watcher.room, "dm:" + sorted(hostile.name, other.name), "room:none-here");
            List<String> users = List.of(hostile.name, other.name, watcher.alice.name);
            Map<String, Integer> kinds = new ConcurrentHashMap<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            int total = 0;
            for (String endpoint : List.of("chat", "notifications")) {
                HostileFrames frames = new HostileFrames(seed + endpoint.hashCode(), endpoint, conversations, users);
                SocketClient socket = open(hostile, endpoint);
                for (int i = 1; i <= perEndpoint; i++) {
                    HostileFrames.Frame frame = frames.next();
                    kinds.merge(frame.kind(), 1, Integer::sum);
                    total++;
                    if (frame.isBinary()) {
                        socket.sendBinary(frame.binary());
                    } else {
                        socket.send(frame.text());
                    }
                    if ("past-limit".equals(frame.kind())) {
                        assertEquals(1009, socket.awaitClose(), "a frame past 64 KiB closes with 1009");
                        socket = open(hostile, endpoint);
                        continue;
                    }
                    if (i % 100 == 0 || "at-limit".equals(frame.kind())) {
                        List<JsonObject> answers = barrier(socket, "b" + i, Duration.ofSeconds(10));
                        if (answers == null) {
                            failures.add(endpoint + " frame " + i + " (" + frame.kind() + "): the socket stalled or closed ("
                                    + socket.closeCode() + ")");
                            socket = open(hostile, endpoint);
                            continue;
                        }
                        assertNoInternal(answers, endpoint + " frames up to " + i + " (seed " + seed + ")");
                    }
                }
                socket.close();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("HostileInputIT fuzz: %d frames in %.1f s (%.0f frames/s); %s; kinds %s%n",
                    total, seconds, total / seconds, watcher.figures(), kinds);
            assertEquals(List.of(), failures, "seed " + seed);
            watcher.verify();
            assertEquals(List.of(), severeLines(logMark), "the server logged nothing severe about client input (seed " + seed + ")");

            // Nothing stored is invalid text: the rooms' history as their members see it.
            for (String conversation : List.of(room, watcher.room)) {
                JsonArray history = api.get("api/conversations/" + conversation + "/messages?limit=100", "Authorization",
                        conversation.equals(room) ? hostile.auth() : watcher.alice.auth()).json().getJsonArray("messages");
                for (int i = 0; i < history.size(); i++) {
                    String text = history.getJsonObject(i).getString("text");
                    assertTrue(WellFormedText.isWellFormed(text) && text.indexOf('\0') < 0, "stored garbage: " + text);
                }
            }
        }
    }

    @Test
    void fuzzedFramesOverTheFallbackStreamsNeverHurtAWatchingClient() throws Exception {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        int perEndpoint = Integer.getInteger("fuzz.streamFrames", 500);
        long logMark = Files.size(server.log());
        System.out.println("HostileInputIT stream fuzz seed=" + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        try (Watcher watcher = new Watcher(); ChatUser hostile = new ChatUser(api, "sfuzz"); ChatUser other = new ChatUser(api, "sfuzz-o")) {
            SocketClient setup = hostile.connectLive();
            String room = ChatUser.join(setup, "sfuzz-" + Api.uniqueUser("r").replace('.', '-'));
            List<String> conversations = List.of(room, watcher.room, "dm:" + sorted(hostile.name, other.name), "room:none-here");
            List<String> users = List.of(hostile.name, other.name, watcher.alice.name);
            List<String> failures = new ArrayList<>();
            for (String endpoint : List.of("chat", "notifications")) {
                HostileFrames frames = new HostileFrames(seed + endpoint.hashCode() + 1, endpoint, conversations, users);
                StreamClient stream = openStream(hostile, endpoint);
                for (int i = 1; i <= perEndpoint; i++) {
                    HostileFrames.Frame frame = frames.next();
                    HttpResponse<String> answer = stream.sendBytes(frame.isBinary() ? frame.binary() : frame.text().getBytes(StandardCharsets.UTF_8));
                    if (!List.of(202, 400, 413).contains(answer.statusCode()) || answer.body().contains("internal")) {
                        failures.add(endpoint + " frame " + i + " (" + frame.kind() + "): " + answer.statusCode() + " " + answer.body());
                    }
                    if (answer.statusCode() == 413) {
                        assertEquals(1009, stream.awaitClose().getInt("code"), "a frame past 64 KiB closes the stream with 1009");
                        stream.close();
                        stream = openStream(hostile, endpoint);
                        continue;
                    }
                    if (i % 100 == 0) {
                        List<JsonObject> answers = barrier(stream, "b" + i, Duration.ofSeconds(10));
                        if (answers == null) {
                            failures.add(endpoint + " frame " + i + " (" + frame.kind() + "): the stream stalled or closed");
                            stream.close();
                            stream = openStream(hostile, endpoint);
                            continue;
                        }
                        assertNoInternal(answers, endpoint + " stream frames up to " + i + " (seed " + seed + ")");
                    }
                }
                stream.close();
            }
            assertEquals(List.of(), failures, "seed " + seed);
            watcher.verify();
            assertEquals(List.of(), severeLines(logMark), "the server logged nothing severe about stream input (seed " + seed + ")");
        }
    }

    private static StreamClient openStream(ChatUser user, String endpoint) {
        StreamClient stream = StreamClient.open(http, endpoint, "Authorization", user.auth());
        stream.next("welcome");
        return stream;
    }

    /** Lines the server logged at SEVERE (Payara) or ERROR (WildFly) since {@code mark}. */
    private static List<String> severeLines(long mark) throws IOException {
        byte[] all = Files.readAllBytes(server.log());
        String since = new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark), StandardCharsets.UTF_8);
        return since.lines().filter(line -> line.contains("SEVERE") || line.matches(".*\\bERROR\\b \\[.*"))
                .filter(line -> !UNDERTOW_CLIENT_GONE.matcher(line).find()).toList();
    }

    /**
     * Undertow logs at ERROR that it could not close an event stream's response whose client had
     * already closed the connection (a stream the test dropped, ended by Parley's heartbeat). That is
     * about a peer that went away, not about what it sent; nothing else is exempt.
     */
    private static final java.util.regex.Pattern UNDERTOW_CLIENT_GONE =
            java.util.regex.Pattern.compile("UT005088: Failed to execute ServletOutputStream\\.closeAsync\\(\\) on IO thread: java\\.nio\\.channels\\.ClosedChannelException$");

    private static String sorted(String a, String b) {
        return a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
    }

    @Test
    void aLoneSurrogateIsRefusedWhereverTextEntersAndTheRoomCarriesOn() {
        try (ChatUser alice = new ChatUser(api, "sur-a"); ChatUser bob = new ChatUser(api, "sur-b")) {
            SocketClient a = alice.connectLive();
            SocketClient b = bob.connectLive();
            String room = ChatUser.join(a, "sur-" + Api.uniqueUser("r").replace('.', '-'));
            ChatUser.join(b, room.substring("room:".length()));
            a.send("{\"type\":\"send\",\"ref\":\"bad\",\"conversation\":\"" + room + "\",\"text\":\"bad \\ud800 text\",\"clientMsgId\":\"s1\"}");
            JsonObject refused = a.nextOfType("error");
            assertEquals("bad_request", refused.getString("code"));
            assertEquals("bad", refused.getString("ref"), "the refusal carries the frame's ref");
            assertTrue(refused.getString("message").contains("text"), refused.toString());
            JsonObject fine = ChatUser.sendAndAck(a, room, "fine 😀", "s2");
            assertEquals(1, fine.getInt("seq"), "the refused send took no seq");
            assertEquals("fine 😀", b.nextOfType("message").getJsonObject("message").getString("text"));

            Api.Reply rest = api.post("api/conversations/" + room + "/messages",
                    "{\"text\":\"bad \\udc00\",\"clientMsgId\":\"r1\"}", "Authorization", alice.auth());
            assertEquals(400, rest.status(), rest.body());
            AccountsIT.assertProblem(rest, "bad_request");
            Api.Reply name = api.post("api/auth/register", "{\"username\":\"" + Api.uniqueUser("sur") + "\",\"password\":\"password-1\","
                    + "\"displayName\":\"x\\ud800\"}");
            assertEquals(400, name.status(), name.body());
            Api.Reply nul = api.post("api/conversations/" + room + "/messages", "{\"text\":\"nul \\u0000\",\"clientMsgId\":\"r2\"}",
                    "Authorization", alice.auth());
            assertEquals(400, nul.status(), nul.body());
            JsonArray history = api.get("api/conversations/" + room + "/messages", "Authorization", bob.auth()).json().getJsonArray("messages");
            assertEquals(1, history.size(), "only the valid message was stored");
        }
    }

    @Test
    void parserLimitsAndOddNumbersAreTheClientsFault() {
        try (ChatUser alice = new ChatUser(api, "lim")) {
            SocketClient chat = alice.connectLive();
            SocketClient notifications = open(alice, "notifications");
            List<String> frames = List.of(
                    "{\"type\":\"ping\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
                    "{\"type\":\"ping\",\"x\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000) + "}",
                    "{\"type\":\"ping\",\"ref\":" + "1".repeat(5000) + "}",
                    "{\"type\":\"ping\",\"ref\":1e999999999}",
                    "{\"type\":\"history\",\"ref\":\"h\",\"conversation\":\"room:x\",\"before\":1e999999999}",
                    "{\"type\":\"history\",\"ref\":\"h\",\"conversation\":\"room:x\",\"limit\":" + "9".repeat(3000) + "}",
                    "{\"type\":\"resume\",\"ref\":\"r\",\"cursors\":{\"room:x\":1E+2147483647}}",
                    "{\"type\":\"read\",\"conversation\":\"room:x\",\"seq\":-1e-999999999}",
                    "{\"type\":\"ack\",\"ref\":\"a\",\"id\":1e999999999}");
            for (String frame : frames) {
                for (SocketClient socket : List.of(chat, notifications)) {
                    socket.send(frame);
                    List<JsonObject> answers = barrier(socket, "after", Duration.ofSeconds(10));
                    assertNotNull(answers, "the socket answers right after " + frame.substring(0, Math.min(60, frame.length())));
                    assertNoInternal(answers, frame.substring(0, Math.min(60, frame.length())));
                }
            }
        }
    }

    @Test
    void binaryFramesAreAnsweredOnBothEndpoints() {
        try (ChatUser alice = new ChatUser(api, "bin")) {
            for (String endpoint : List.of("chat", "notifications")) {
                SocketClient socket = open(alice, endpoint);
                for (byte[] data : List.of(new byte[0], new byte[] {1, 2, 3}, new byte[60_000])) {
                    socket.sendBinary(data);
                    JsonObject error = socket.next("error");
                    assertEquals("bad_request", error.getString("code"), endpoint + ": " + error);
                }
                assertNotNull(barrier(socket, "still", Duration.ofSeconds(10)), endpoint + " answers after binary frames");
            }
        }
    }

    @Test
    void invalidUtf8ClosesOnlyThatSocket() throws Exception {
        try (ChatUser alice = new ChatUser(api, "utf"); Watcher watcher = new Watcher()) {
            for (String endpoint : List.of("chat", "notifications")) {
                try (RawSocket raw = new RawSocket(http, endpoint, alice.auth())) {
                    raw.read();
                    raw.sendFrame(RawSocket.OPCODE_TEXT, new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'});
                    RawSocket.Frame close = raw.readUntilClose();
                    assertEquals(1007, close.closeCode(), endpoint + ": invalid UTF-8 closes with 1007 (" + close.closeReason() + ")");
                }
            }
            watcher.verify();
        }
    }

    @Test
    void aFloodIsAnsweredFrameByFrameThenClosed1008() throws Exception {
        try (ChatUser flooder = new ChatUser(api, "flood"); Watcher watcher = new Watcher()) {
            SocketClient socket = open(flooder, "chat");
            int frames = 5300;
            for (int i = 0; i < frames; i++) {
                socket.send("{\"type\":\"ping\",\"ref\":" + i + "}");
            }
            int code = socket.awaitClose();
            int pongs = 0;
            int limited = 0;
            List<Integer> limitedRefs = new ArrayList<>();
            JsonObject frame;
            while ((frame = socket.poll(Duration.ofMillis(200))) != null) {
                switch (frame.getString("type")) {
                    case "pong" -> pongs++;
                    case "error" -> {
                        assertEquals("rate_limited", frame.getString("code"), frame.toString());
                        limited++;
                        limitedRefs.add(frame.getInt("ref"));
                    }
                    default -> {
                        // nothing else is expected, but nothing else fails the flood either
                    }
                }
            }
            System.out.printf("HostileInputIT flood: %d pings at once -> %d pongs, %d rate_limited, close %d; %s%n",
                    frames, pongs, limited, code, watcher.figures());
            assertEquals(1008, code, "a flood ends with a policy close");
            assertTrue(pongs >= BURST, "the burst was answered: " + pongs);
            assertEquals(100, limited, "each refused frame up to the flood limit (100) was answered rate_limited, before the close");
            for (int i = 1; i < limitedRefs.size(); i++) {
                assertTrue(limitedRefs.get(i) > limitedRefs.get(i - 1), "each refusal carries its own frame's ref: " + limitedRefs);
            }
            assertTrue(limitedRefs.get(0) >= BURST, "nothing of the burst was refused: " + limitedRefs.get(0));
            watcher.verify();
        }
    }

    @Test
    void restBodiesParametersAndPathsNeverGetA500() {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        System.out.println("HostileInputIT REST fuzz seed=" + seed);
        Random random = new Random(seed);
        try (ChatUser alice = new ChatUser(api, "rest")) {
            SocketClient socket = alice.connectLive();
            String room = ChatUser.join(socket, "rest-" + Api.uniqueUser("r").replace('.', '-'));
            String slug = room.substring("room:".length());
            // Every REST endpoint, called by a user and by an administrator (who reaches the publisher
            // and admin code paths too).
            List<String[]> endpoints = List.of(
                    new String[] {"POST", "api/auth/register"}, new String[] {"POST", "api/auth/token"},
                    new String[] {"POST", "api/auth/login"}, new String[] {"POST", "api/auth/refresh"}, new String[] {"GET", "api/me"},
                    new String[] {"GET", "api/users"}, new String[] {"GET", "api/presence"},
                    new String[] {"GET", "api/conversations"}, new String[] {"GET", "api/conversations/" + room + "/reads"},
                    new String[] {"GET", "api/conversations/" + room + "/messages"},
                    new String[] {"POST", "api/conversations/" + room + "/messages"},
                    new String[] {"GET", "api/rooms"}, new String[] {"POST", "api/rooms"}, new String[] {"GET", "api/rooms/" + slug},
                    new String[] {"POST", "api/rooms/" + slug + "/members"},
                    new String[] {"DELETE", "api/rooms/" + slug + "/members/nobody-" + slug},
                    new String[] {"GET", "api/notifications"}, new String[] {"POST", "api/notifications"},
                    new String[] {"POST", "api/notifications/123/read"}, new String[] {"POST", "api/notifications/abc/read"},
                    new String[] {"POST", "api/notifications/read-all"}, new String[] {"DELETE", "api/notifications/99999999999999999999"},
                    new String[] {"GET", "api/me/preferences"}, new String[] {"PUT", "api/me/preferences"},
                    new String[] {"POST", "api/topics/prices:X"}, new String[] {"POST", "api/topics/bad%20topic"},
                    new String[] {"PUT", "api/admin/users/" + alice.name + "/roles"},
                    new String[] {"POST", "api/admin/users/nobody-" + slug + "/disconnect"},
                    new String[] {"GET", "api/attachments/nope"}, new String[] {"POST", "api/attachments"});
            String admin = Api.bearer(api.token(AccountsIT.ADMIN, AccountsIT.ADMIN_PASSWORD));
            List<String> bodies = List.of("", "{", "[]", "null", "42", "{\"a\":1}", "{\"text\":123}", "{\"text\":\"x\\ud800\"}",
                    "{\"username\":[],\"password\":{}}", "{\"to\":{\"users\":\"x\"}}", "{\"roles\":[1,2]}", "{\"data\":"
                            + "[".repeat(3000) + "]".repeat(3000) + "}", "{\"limit\":1e999999999}", "{\"n\":" + "7".repeat(4000) + "}",
                    "{\"text\":\"nul\\u0000\",\"clientMsgId\":\"x\"}", "\"just a string\"", "{\"categories\":{\"x\":{\"minPriority\":7}}}");
            List<String> queries = List.of("", "?limit=abc", "?limit=-1", "?limit=99999999999999999999", "?before=1e99",
                    "?unread=maybe", "?q=%00", "?q=%ED%A0%80", "?limit=%FF", "?before=&limit=");
            List<String> paths = List.of("api/conversations/%00/messages", "api/conversations/room:%ED%A0%80/messages",
                    "api/conversations/" + "a".repeat(3000) + "/messages", "api/attachments/..%2F..%2Fetc",
                    "api/attachments/%FF%FE", "api/topics/%20", "api/conversations/dm:a:b:c/reads", "api/users/%C0%AF");
            int calls = 0;
            for (int i = 0; i < 600; i++) {
                String[] endpoint = endpoints.get(random.nextInt(endpoints.size()));
                String path = endpoint[1] + queries.get(random.nextInt(queries.size()));
                String body = bodies.get(random.nextInt(bodies.size()));
                String caller = random.nextBoolean() ? alice.auth() : admin;
                // GET and DELETE go without a body: the container itself refuses a DELETE with one
                // (Grizzly, 400 with no body, before the application sees it; HTTP gives it no meaning).
                Api.Reply reply = "GET".equals(endpoint[0]) ? api.get(path, "Authorization", caller)
                        : "DELETE".equals(endpoint[0]) ? api.send("DELETE", path, null, "Authorization", caller)
                        : api.send(endpoint[0], path, body, "Authorization", caller);
                calls++;
                assertTrue(reply.status() < 500, endpoint[0] + " " + path + " " + body + " -> " + reply.status() + " " + reply.body());
                if (reply.status() >= 400) {
                    assertTrue(reply.body().contains("\"code\""), "a problem body for " + path + ": " + reply.body());
                }
            }
            for (String path : paths) {
                for (String method : List.of("GET", "POST")) {
                    Api.Reply reply = api.send(method, path, "{}", "Authorization", alice.auth());
                    calls++;
                    assertTrue(reply.status() < 500, method + " " + path + " -> " + reply.status() + " " + reply.body());
                }
            }
            Api.Reply invalidUtf8 = api.sendBytes("POST", "api/conversations/" + room + "/messages",
                    new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
                    "Authorization", alice.auth(), "Content-Type", "application/json");
            assertEquals(400, invalidUtf8.status(), invalidUtf8.body());
            System.out.println("HostileInputIT REST fuzz: " + (calls + 1) + " calls, none answered 5xx");
        }
    }
}
