package dev.parley.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.cluster.control.ClusterMode.Transport;
import dev.parley.delivery.Envelope;
import dev.parley.platform.json.JsonCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which live nodes on the shared database this node actually reaches over its transport. */
class ClusterNodesTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final EnvelopeCodec codec = new EnvelopeCodec(new JsonCodec());
    private final ClusterDelivery delivery = new ClusterDelivery();
    private final ClusterNodes nodes = new ClusterNodes();

    ClusterNodesTest() {
        delivery.codec = codec;
        delivery.clock = clock;
        delivery.mode = new ClusterMode(Transport.NONE, "test");
        nodes.delivery = delivery;
        nodes.clock = clock;
    }

    private void advance(int seconds) {
        now = now.plus(Duration.ofSeconds(seconds));
    }

    @Test
    void aPeerThatIsNeverHeardBecomesUnconnectedAfterTheSilencePeriod() {
        nodes.check(List.of("b"));
        assertEquals(List.of(), nodes.unconnected(), "a peer just seen gets time for its first beacon");
        advance(ClusterNodes.UNHEARD_SECONDS - 1);
        nodes.check(List.of("b"));
        assertEquals(List.of(), nodes.unconnected());
        advance(2);
        nodes.check(List.of("b"));
        assertEquals(List.of("b"), nodes.unconnected());
    }

    @Test
    void aPeerWhoseBeaconsArriveIsConnected() {
        nodes.check(List.of("b", "c"));
        for (int i = 0; i < 10; i++) {
            advance(ClusterNodes.HEARTBEAT_SECONDS);
            delivery.received(codec.encodeBeacon("b"));
            nodes.check(List.of("b", "c"));
        }
        assertEquals(List.of("c"), nodes.unconnected(), "b is heard, c never was");
        advance(ClusterNodes.UNHEARD_SECONDS + 1);
        nodes.check(List.of("b", "c"));
        assertEquals(List.of("b", "c"), nodes.unconnected(), "b's beacons stopped");
    }

    @Test
    void aPeerThatLeavesTheDatabaseIsForgotten() {
        nodes.check(List.of("b"));
        advance(ClusterNodes.UNHEARD_SECONDS + 1);
        nodes.check(List.of("b"));
        assertEquals(List.of("b"), nodes.unconnected());
        nodes.check(List.of());
        assertEquals(List.of(), nodes.unconnected());
    }

    @Test
    void beaconsAreNotEnvelopes() {
        assertEquals("node-a", codec.beaconFrom(codec.encodeBeacon("node-a")));
        assertEquals(null, codec.beaconFrom(codec.encode(new Envelope.TopicUpdate("t", "{}"))));
    }
}
