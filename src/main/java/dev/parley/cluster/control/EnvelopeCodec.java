package dev.parley.cluster.control;

import dev.parley.delivery.Envelope;
import dev.parley.platform.json.JsonCodec;
import dev.parley.sockets.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.util.HashSet;
import java.util.Set;

/**
 * Envelopes as JSON strings between nodes: plain data only, so no application class ever travels
 * through (or is loaded by) the cluster transport. The frame inside stays the string every socket gets.
 */
@ApplicationScoped
public class EnvelopeCodec {

    @Inject
    JsonCodec codec;

    public EnvelopeCodec() {
    }

    EnvelopeCodec(JsonCodec codec) {
        this.codec = codec;
    }

    public String encode(Envelope envelope) {
        JsonProvider json = codec.provider();
        JsonObjectBuilder out = json.createObjectBuilder();
        if (envelope instanceof Envelope.Sequenced m) {
            out.add("t", "s").add("c", m.conversation()).add("n", m.seq()).add("f", m.frame());
        } else if (envelope instanceof Envelope.ToConversation e) {
            out.add("t", "c").add("c", e.conversation()).add("f", e.frame());
            optional(out, "xc", e.exceptConnection());
            optional(out, "xu", e.exceptUser());
        } else if (envelope instanceof Envelope.ToUsers e) {
            JsonArrayBuilder users = json.createArrayBuilder();
            e.users().forEach(users::add);
            out.add("t", "u").add("u", users).add("ch", e.channel().name()).add("f", e.frame());
            optional(out, "xc", e.exceptConnection());
        } else if (envelope instanceof Envelope.Presence p) {
            JsonArrayBuilder audience = json.createArrayBuilder();
            p.audience().forEach(audience::add);
            out.add("t", "r").add("u", p.user()).add("a", audience).add("f", p.frame());
        } else if (envelope instanceof Envelope.Notify n) {
            out.add("t", "n").add("u", n.user()).add("i", n.id()).add("f", n.frame());
        } else if (envelope instanceof Envelope.TopicUpdate u) {
            out.add("t", "p").add("p", u.topic()).add("f", u.frame());
        } else if (envelope instanceof Envelope.MembershipChange m) {
            out.add("t", "m").add("c", m.conversation()).add("u", m.user()).add("m", m.member()).add("s", m.lastSeq());
        } else if (envelope instanceof Envelope.Disconnect d) {
            out.add("t", "d").add("u", d.user()).add("r", d.reason());
        } else {
            throw new IllegalArgumentException("unknown envelope " + envelope);
        }
        return out.build().toString();
    }

    /** A node's beacon: not an envelope for sockets, only proof that the transport reaches that node. */
    public String encodeBeacon(String node) {
        return codec.provider().createObjectBuilder().add("t", "b").add("n", node).build().toString();
    }

    /** The node a beacon came from, or null when {@code text} is an envelope. */
    public String beaconFrom(String text) {
        if (!text.startsWith(BEACON_PREFIX)) {
            return null;
        }
        try {
            return codec.readObject(text).getString("n");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed beacon: " + text, e);
        }
    }

    private static final String BEACON_PREFIX = "{\"t\":\"b\"";

    /** @throws IllegalArgumentException for anything that is not an envelope this codec wrote */
    public Envelope decode(String text) {
        JsonObject in;
        try {
            in = codec.readObject(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an envelope: " + e.getMessage(), e);
        }
        try {
            return switch (in.getString("t")) {
                case "s" -> new Envelope.Sequenced(in.getString("c"), in.getJsonNumber("n").longValue(), in.getString("f"));
                case "c" -> new Envelope.ToConversation(in.getString("c"), in.getString("f"), in.getString("xc", null),
                        in.getString("xu", null));
                case "u" -> {
                    yield new Envelope.ToUsers(strings(in.getJsonArray("u")), Channel.valueOf(in.getString("ch")), in.getString("f"), in.getString("xc", null));
                }
                case "r" -> new Envelope.Presence(in.getString("u"), strings(in.getJsonArray("a")), in.getString("f"));
                case "n" -> new Envelope.Notify(in.getString("u"), in.getJsonNumber("i").longValue(), in.getString("f"));
                case "p" -> new Envelope.TopicUpdate(in.getString("p"), in.getString("f"));
                case "m" -> new Envelope.MembershipChange(in.getString("c"), in.getString("u"), in.getBoolean("m"),
                        in.containsKey("s") ? in.getJsonNumber("s").longValue() : -1);
                case "d" -> new Envelope.Disconnect(in.getString("u"), in.getString("r"));
                default -> throw new IllegalArgumentException("unknown envelope type " + in.getString("t"));
            };
        } catch (NullPointerException | ClassCastException e) {
            throw new IllegalArgumentException("malformed envelope: " + text, e);
        }
    }

    private static Set<String> strings(JsonArray array) {
        Set<String> strings = new HashSet<>();
        array.forEach(value -> strings.add(((JsonString) value).getString()));
        return strings;
    }

    private static void optional(JsonObjectBuilder out, String name, String value) {
        if (value != null) {
            out.add(name, value);
        }
    }
}
