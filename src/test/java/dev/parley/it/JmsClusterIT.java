package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.testing.ChatUser;
import dev.parley.testing.JmsClient;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.SocketClient;
import dev.parley.testing.StandaloneBroker;
import dev.parley.testing.TestCluster;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The portable cluster transport: two nodes of the suite's server (Payara Micro with
 * {@code --nocluster}, or WildFly) that share one standalone Artemis and choose the JMS transport by
 * themselves, with no {@code PARLEY_CLUSTER}. Skipped where no PostgreSQL answers.
 */
@ExtendWith(ServerProcesses.class)
class JmsClusterIT {

    @TempDir
    Path work;

    @Test
    void usersOnDifferentNodesChatOverAJmsTopic() throws Exception {
        TestCluster.unavailable().ifPresent(reason -> {
            System.out.println("SKIPPED JmsClusterIT: " + reason);
            Assumptions.abort(reason);
        });
        try (StandaloneBroker broker = StandaloneBroker.start(work.resolve("broker"), ServerProcess.freePort());
             TestCluster cluster = TestCluster.overBroker(work, 2, Map.of("PARLEY_JMS_URL", broker.url()));
             ChatUser alice = new ChatUser(cluster.api(0), "jc-alice"); ChatUser bob = new ChatUser(cluster.api(1), "jc-bob");
             JmsClient integrator = new JmsClient(broker.url(), null, null)) {
            JmsClient.Events events = integrator.events();
            SocketClient first = alice.connectLiveTo(cluster.node(0).base());
            String slug = "jms-cluster-" + UUID.randomUUID().toString().substring(0, 8);
            String room = ChatUser.join(first, slug);
            SocketClient onB = bob.connectLiveTo(cluster.node(1).base());
            ChatUser.join(onB, slug);
            first.close();
            assertEquals("offline", nextPresence(onB, alice.name), "presence crosses the JMS transport");
            SocketClient onA = alice.connectLiveTo(cluster.node(0).base());
            assertEquals("online", nextPresence(onB, alice.name));
            for (int i = 1; i <= 5; i++) {
                ChatUser.send(onA, room, "a" + i, "a-" + i);
                ChatUser.send(onB, room, "b" + i, "b-" + i);
            }
            for (SocketClient socket : new SocketClient[] {onA, onB}) {
                for (int seq = 1; seq <= 10; seq++) {
                    JsonObject message = socket.nextOfType("message").getJsonObject("message");
                    assertEquals(seq, message.getInt("seq"), "both nodes see one gap-free order");
                }
            }
            // Both nodes relay the one outbox to the shared broker: each event once, in seq order.
            List<JmsClient.Event> sent = events.until(e -> "message.sent".equals(e.eventType())
                    && room.equals(e.data().getString("conversation")), e -> e.data().getInt("seq") == 10);
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), sent.stream().map(e -> e.data().getInt("seq")).toList());
            ChatUser.sendAndAck(onB, room, "marker", "b-marker");
            List<JmsClient.Event> rest = events.until(e -> "message.sent".equals(e.eventType())
                    && room.equals(e.data().getString("conversation")), e -> e.data().getInt("seq") == 11);
            assertEquals(1, rest.size(), "no event was published twice: " + rest);
        }
    }

    private static String nextPresence(SocketClient socket, String user) {
        while (true) {
            JsonObject frame = socket.nextOfType("presence");
            if (user.equals(frame.getString("user"))) {
                return frame.getString("status");
            }
        }
    }
}
