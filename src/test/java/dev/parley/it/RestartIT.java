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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage survives a restart: stop the server (or kill it without warning), start it again on the same
 * data folder, and everything that was acknowledged is still there.
 */
@ExtendWith(ServerProcesses.class)
class RestartIT {

    @TempDir
    Path work;

    @Test
    void accountsAndTokensSurviveARestart() throws Exception {
        Map<String, String> environment = Map.of("PARLEY_DATA_DIR", work.resolve("data").toString());
        String name = Api.uniqueUser("durable");
        String token;
        try (ServerProcess first = ServerProcess.start(work, environment)) {
            Api api = new Api(first.base());
            assertEquals(201, api.register(name, "password-1").status());
            token = api.token(name, "password-1");
            first.stop();
        }
        try (ServerProcess second = ServerProcess.start(work, environment)) {
            Api api = new Api(second.base());
            assertEquals(409, api.register(name, "password-1").status(), "the account is still there");
            assertEquals(200, api.get("api/me", "Authorization", bearer(token)).status(), "the token is still valid");
            assertEquals(name, api.get("api/me", "Authorization", bearer(api.token(name, "password-1"))).json().getString("username"));
        }
    }

    @Test
    void everyAcknowledgedMessageSurvivesAKill() throws Exception {
        Map<String, String> environment = Map.of("PARLEY_DATA_DIR", work.resolve("data").toString());
        Set<String> acknowledged = new HashSet<>();
        String conversation;
        ChatUser alice;
        try (ServerProcess server = ServerProcess.start(work, environment)) {
            Api api = new Api(server.base());
            alice = new ChatUser(api, "crash");
            SocketClient socket = alice.connectLive();
            conversation = ChatUser.join(socket, "crash-" + Api.uniqueUser("r").replace('.', '-'));
            for (int i = 0; i < 40; i++) {
                ChatUser.send(socket, conversation, "durable " + i, "k-" + i);
            }
            for (int i = 0; i < 40; i++) {
                acknowledged.add(socket.nextOfType("ack").getJsonObject("message").getString("id"));
            }
            server.kill();
        }
        assertEquals(40, acknowledged.size());
        try (ServerProcess restarted = ServerProcess.start(work, environment)) {
            Api api = new Api(restarted.base());
            JsonArray history = api.get("api/conversations/" + conversation + "/messages?limit=100",
                    "Authorization", bearer(api.token(alice.name, "password-" + alice.name))).json().getJsonArray("messages");
            Set<String> stored = new HashSet<>();
            for (int i = 0; i < history.size(); i++) {
                assertEquals(i + 1, history.getJsonObject(i).getInt("seq"));
                stored.add(history.getJsonObject(i).getString("id"));
            }
            assertEquals(acknowledged, stored, "nothing acknowledged was lost to kill -9");
        }
    }
}
