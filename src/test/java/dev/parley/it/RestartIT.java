package dev.parley.it;

import static dev.parley.testing.Api.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.SocketClient;
import jakarta.json.JsonArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage survives a restart: stop the server as an operator does, start it again on the same data
 * folder, then kill it without warning and start it once more; everything that was acknowledged is
 * still there after each. One story, three boots (a boot costs 20–50 s here).
 */
@ExtendWith(ServerProcesses.class)
class RestartIT {

    private static final int BATCH = 40;

    @TempDir
    Path work;

    @Test
    void everythingAcknowledgedSurvivesAStopAndAKill() throws Exception {
        Map<String, String> environment = Map.of("PARLEY_DATA_DIR", work.resolve("data").toString());
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

        try (ServerProcess second = ServerProcess.start(work, environment)) {
            Api api = new Api(second.base());
            assertEquals(409, api.register(name, password).status(), "the account is still there after a stop");
            assertEquals(200, api.get("api/me", "Authorization", bearer(token)).status(), "the token is still valid");
            assertEquals(acknowledged, storedIds(api, conversation, token), "every message acknowledged before the stop");
            SocketClient socket = SocketClient.open(SocketClient.socketUri(second.base(), "chat"), "Authorization", bearer(token));
            socket.next("welcome");
            acknowledged.addAll(sendBatch(socket, conversation, "killed"));
            second.kill();
        }

        try (ServerProcess third = ServerProcess.start(work, environment)) {
            Api api = new Api(third.base());
            assertEquals(acknowledged, storedIds(api, conversation, api.token(name, password)),
                    "nothing acknowledged was lost to kill -9, and the seqs run on without a gap");
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
