package dev.parley.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.testing.Api;
import dev.parley.testing.ChatUser;
import dev.parley.testing.JmsClient;
import dev.parley.testing.JmsClient.Event;
import dev.parley.testing.Poll;
import dev.parley.testing.ServerProcess;
import dev.parley.testing.ServerProcesses;
import dev.parley.testing.SocketClient;
import dev.parley.testing.StandaloneBroker;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parley against an external Artemis ({@code PARLEY_JMS_URL}), started here from the same Maven
 * artifacts: it runs no broker of its own, and while the broker is down every send is still
 * acknowledged and stored; once the broker is back, every event arrives, exactly once per event id.
 */
@ExtendWith(ServerProcesses.class)
class ExternalBrokerIT {

    private static final String SUBSCRIBER = "it-integrator";

    @TempDir
    Path work;

    @Test
    void eventsWaitForABrokerThatIsDownAndArriveExactlyOnceWhenItIsBack() throws Exception {
        int port = ServerProcess.freePort();
        Path brokerDir = work.resolve("broker");
        StandaloneBroker broker = StandaloneBroker.start(brokerDir, port);
        Map<String, String> environment = Map.of("PARLEY_DATA_DIR", work.resolve("data").toString(), "PARLEY_JMS_URL", broker.url());
        try (ServerProcess server = ServerProcess.start(work, environment); ChatUser alice = new ChatUser(new Api(server.base()), "ext")) {
            Api root = new Api(server.base());
            assertEquals("external " + broker.url(), jmsHealth(root).getString("mode"));
            SocketClient socket = alice.connectLive();
            String room = ChatUser.join(socket, "ext-" + UUID.randomUUID().toString().substring(0, 8));

            try (JmsClient integrator = new JmsClient(broker.url(), null, null, SUBSCRIBER)) {
                JmsClient.Events events = integrator.durableEvents("audit");
                for (int i = 1; i <= 3; i++) {
                    ChatUser.sendAndAck(socket, room, "before " + i, "before-" + i);
                }
                List<Event> before = events.until(e -> isMessageIn(e, room), e -> e.data().getInt("seq") == 3);
                assertEquals(List.of(1, 2, 3), before.stream().map(e -> e.data().getInt("seq")).toList());
            }

            broker.stop();
            for (int i = 4; i <= 8; i++) {
                JsonObject stored = ChatUser.sendAndAck(socket, room, "while down " + i, "down-" + i);
                assertEquals(i, stored.getInt("seq"), "acknowledged with the broker down");
            }
            assertTrue(Poll.until(Duration.ofSeconds(30), () -> {
                JsonObject jms = jmsHealth(root);
                // Payara's health output turns numbers into strings; WildFly's keeps them numbers.
                String backlog = jms.get("outboxBacklog") instanceof JsonString text ? text.getString() : String.valueOf(jms.get("outboxBacklog"));
                return "unreachable".equals(jms.getString("broker")) && backlog.matches("\\d+") && Long.parseLong(backlog) >= 5;
            }), "health shows the broker unreachable and the events waiting: " + jmsHealth(root));

            broker = StandaloneBroker.start(brokerDir, port);
            try (JmsClient integrator = new JmsClient(broker.url(), null, null, SUBSCRIBER)) {
                JmsClient.Events events = integrator.durableEvents("audit");
                // The relay retries with backoff (up to 10 s between attempts); give recovery time.
                List<Event> waited = events.until(e -> isMessageIn(e, room), e -> e.data().getInt("seq") == 8, Duration.ofSeconds(90));
                // One more message after the backlog: any duplicate of the backlog would arrive before it.
                ChatUser.sendAndAck(socket, room, "after", "after-9");
                waited.addAll(events.until(e -> isMessageIn(e, room), e -> e.data().getInt("seq") == 9));
                assertEquals(List.of(4, 5, 6, 7, 8, 9), waited.stream().map(e -> e.data().getInt("seq")).toList(),
                        "every event once, in order");
                Set<String> ids = new HashSet<>();
                waited.forEach(e -> assertTrue(ids.add(e.eventId()), "event " + e.eventId() + " arrived twice"));
            }
            assertTrue(Poll.until(Duration.ofSeconds(30), () -> "connected".equals(jmsHealth(root).getString("broker"))),
                    "the inbound consumers reconnected too: " + jmsHealth(root));
            server.stop();
        } finally {
            broker.stop();
        }
    }

    private static boolean isMessageIn(Event event, String room) {
        return "message.sent".equals(event.eventType()) && room.equals(event.data().getString("conversation"));
    }

    private static JsonObject jmsHealth(Api root) {
        return root.get("health/ready").json().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> "jms".equals(c.getString("name"))).findFirst().orElseThrow().getJsonObject("data");
    }
}
