package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.Poll;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.SocketClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage survives a restart: stop the server as an operator does, start it again on the same data
 * folder, then kill it without warning and start it once more; everything that was acknowledged is
 * still there after each; the kill comes while six sockets keep sending into three rooms, so batches
 * are queued and committing at that moment. One story, three boots (a boot costs 20–50 s here).
 */
@ExtendWith(ServerProcesses.class)
class RestartIT {

    private static final int BATCH = 40;
    private static final int LOAD_ROOMS = 3;
    private static final int LOAD_SOCKETS = 6;
    private static final int WINDOW = 8;
    private static final int LOAD_ACKS = 600;

    @TempDir
    Path work;

    @Test
    void everythingAcknowledgedSurvivesAStopAndAKill() throws Exception {
        // The rate limit lifted, so that a few sockets can keep the writers busy.
        Map<String, String> environment = Map.of("PARLEY_DATA_DIR", work.resolve("data").toString(),
                "PARLEY_RATE_PER_SECOND", "100000", "PARLEY_RATE_BURST", "100000");
        String name = Api.uniqueUser("durable");
        String password = "password-" + name;
        String token;
        String conversation;
        List<String> acknowledged = new ArrayList<>();

        try (ServerProcess first = ServerProcess.start(work, environment)) {
            Api api = new Api(first.base());
            assertEquals(201, api.register(name, password).status());
            token = api.token(name, password);
            SocketClient socket = SocketClient.open(SocketClient.socketUri(first.base(), "chat"), "Authorization", bearer(token));
            socket.next("welcome");
            conversation = ChatUser.join(socket, "crash-" + Api.uniqueUser("r").replace('.', '-'));
            acknowledged.addAll(sendBatch(socket, conversation, "stopped"));
            socket.close();
            first.stop();
        }

        Map<String, List<String>> ackedUnderLoad;
        try (ServerProcess second = ServerProcess.start(work, environment)) {
            Api api = new Api(second.base());
            assertEquals(409, api.register(name, password).status(), "the account is still there after a stop");
            assertEquals(200, api.get("api/me", "Authorization", bearer(token)).status(), "the token is still valid");
            assertEquals(acknowledged, storedIds(api, conversation, token), "every message acknowledged before the stop");
            SocketClient socket = SocketClient.open(SocketClient.socketUri(second.base(), "chat"), "Authorization", bearer(token));
            socket.next("welcome");
            acknowledged.addAll(sendBatch(socket, conversation, "killed"));
            List<String> rooms = new ArrayList<>();
            for (int r = 0; r < LOAD_ROOMS; r++) {
                rooms.add(ChatUser.join(socket, "load-" + Api.uniqueUser("r").replace('.', '-')));
            }
            try (Load load = new Load(second.base(), token, rooms)) {
                assertTrue(Poll.until(Duration.ofSeconds(60), () -> load.acked() >= LOAD_ACKS),
                        "the load got " + load.acked() + " acks");
                // Killed while the sockets still send: batches are queued and committing right now.
                second.kill();
                ackedUnderLoad = load.stop();
            }
        }

        try (ServerProcess third = ServerProcess.start(work, environment)) {
            Api api = new Api(third.base());
            String again = api.token(name, password);
            assertEquals(acknowledged, storedIds(api, conversation, again),
                    "nothing acknowledged was lost to kill -9, and the seqs run on without a gap");
            for (Map.Entry<String, List<String>> room : ackedUnderLoad.entrySet()) {
                List<String> stored = storedIds(api, room.getKey(), again);
                List<String> lost = room.getValue().stream().filter(id -> !stored.contains(id)).toList();
                assertEquals(List.of(), lost, "acknowledged under load in " + room.getKey() + " but lost to kill -9");
            }
            System.out.printf("RestartIT: killed under load after %d acks in %d rooms; all stored, seqs gap-free%n",
                    ackedUnderLoad.values().stream().mapToInt(List::size).sum(), ackedUnderLoad.size());
        }
    }

    /**
     * Sockets that send into a few rooms, each with {@link #WINDOW} sends in flight, until the server
     * goes away. It records every acknowledged message id by conversation.
     */
    private static final class Load implements AutoCloseable {
        private final Map<String, List<String>> acked = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean stopping;

        Load(URI base, String token, List<String> rooms) {
            rooms.forEach(room -> acked.put(room, new CopyOnWriteArrayList<>()));
            for (int t = 0; t < LOAD_SOCKETS; t++) {
                String room = rooms.get(t % rooms.size());
                SocketClient socket = SocketClient.open(SocketClient.socketUri(base, "chat"), "Authorization", bearer(token));
                socket.next("welcome");
                String label = "load" + t;
                Thread thread = new Thread(() -> {
                    try (socket) {
                        send(socket, room, label);
                    } catch (RuntimeException | AssertionError gone) {
                        // the server was killed under this socket
                    }
                }, "restart-load-" + t);
                threads.add(thread);
                thread.start();
            }
        }

        private void send(SocketClient socket, String room, String label) {
            for (int i = 0; !stopping; ) {
                for (int w = 0; w < WINDOW; w++, i++) {
                    ChatUser.send(socket, room, label + " " + i, label + "-" + i);
                }
                for (int pending = WINDOW; pending > 0; ) {
                    JsonObject frame = socket.poll(Duration.ofMillis(200));
                    if (frame == null) {
                        if (stopping) {
                            return;
                        }
                    } else if ("ack".equals(frame.getString("type"))) {
                        acked.get(room).add(frame.getJsonObject("message").getString("id"));
                        count.incrementAndGet();
                        pending--;
                    }
                }
            }
        }

        int acked() {
            return count.get();
        }

        /** Waits for the senders to notice the server is gone: the acks they got, by conversation. */
        Map<String, List<String>> stop() throws InterruptedException {
            stopping = true;
            for (Thread thread : threads) {
                thread.join(30_000);
            }
            return Map.copyOf(acked);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /** Sends a batch without waiting in between, then takes every ack: the ids the server acknowledged, in order. */
    private static List<String> sendBatch(SocketClient socket, String conversation, String label) {
        for (int i = 0; i < BATCH; i++) {
            ChatUser.send(socket, conversation, label + " " + i, label + "-" + i);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < BATCH; i++) {
            ids.add(socket.nextOfType("ack").getJsonObject("message").getString("id"));
        }
        assertEquals(BATCH, ids.stream().distinct().count());
        return ids;
    }

    /** The conversation's stored message ids in seq order, checking that the seqs run 1, 2, 3, ... without a gap. */
    private static List<String> storedIds(Api api, String conversation, String token) {
        List<String> ids = new ArrayList<>();
        List<Integer> seqs = new ArrayList<>();
        long before = Long.MAX_VALUE;
        while (true) {
            JsonArray page = api.get("api/conversations/" + conversation + "/messages?limit=100"
                    + (before == Long.MAX_VALUE ? "" : "&before=" + before), "Authorization", bearer(token)).json().getJsonArray("messages");
            for (int i = page.size() - 1; i >= 0; i--) {
                ids.add(0, page.getJsonObject(i).getString("id"));
                seqs.add(0, page.getJsonObject(i).getInt("seq"));
            }
            if (page.isEmpty() || page.getJsonObject(0).getInt("seq") == 1) {
                break;
            }
            before = page.getJsonObject(0).getInt("seq");
        }
        assertEquals(IntStream.rangeClosed(1, ids.size()).boxed().toList(), seqs, "gap-free seqs");
        return ids;
    }
}
