package dev.parley.cluster.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.delivery.Envelope;
import dev.parley.platform.json.JsonCodec;
import dev.parley.sockets.Channel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec(new JsonCodec());

    @Test
    void everyEnvelopeSurvivesTheTripBetweenNodes() {
        String frame = "{\"type\":\"message\",\"text\":\"quotes \\\" and unicode é 😀\"}";
        List<Envelope> envelopes = List.of(
                new Envelope.Sequenced("room:a", 42, frame),
                new Envelope.ToConversation("room:a", frame, "conn-1", null),
                new Envelope.ToConversation("dm:a:b", frame, null, "alice"),
                new Envelope.ToUsers(Set.of("alice", "bob"), Channel.NOTIFICATIONS, frame, "conn-2"),
                new Envelope.ToUsers(Set.of("carol"), Channel.CHAT, frame),
                new Envelope.Presence("dave", Set.of("alice", "erin"), frame),
                new Envelope.Presence("dave", Set.of(), frame),
                new Envelope.Notify("dave", 9_000_000_000L, frame),
                new Envelope.TopicUpdate("prices:EURUSD", frame),
                new Envelope.MembershipChange("room:a", "erin", false, 17),
                new Envelope.Disconnect("frank", "disconnected by an administrator"));
        for (Envelope envelope : envelopes) {
            assertEquals(envelope, codec.decode(codec.encode(envelope)));
        }
    }

    @Test
    void garbageFromTheTransportIsRefusedClearly() {
        assertThrows(IllegalArgumentException.class, () -> codec.decode("not json"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"t\":\"zz\"}"));
        assertThrows(IllegalArgumentException.class, () -> codec.decode("{\"t\":\"s\",\"c\":\"room:a\"}"));
    }
}
