package dev.parley.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A seeded generator of what a hostile or broken client sends: malformed JSON, wrong and missing
 * fields, huge and tiny numbers, deep nesting, lone surrogates (as JSON escapes), control characters,
 * binary frames, frames at and past the size limit, unknown types, and well-formed frames with odd
 * values. The same seed gives the same frames, so a failure can be replayed.
 */
public final class HostileFrames {

    /** One frame to send: text, or binary when {@code binary} is set. */
    public record Frame(String text, byte[] binary, String kind) {
        public boolean isBinary() {
            return binary != null;
        }

        static Frame text(String kind, String text) {
            return new Frame(text, null, kind);
        }
    }

    private static final int LIMIT = 65536;

    private final Random random;
    private final String endpoint;
    private final List<String> conversations;
    private final List<String> users;
    private int ref;

    /**
     * @param endpoint      {@code chat} or {@code notifications}
     * @param conversations conversation ids that exist (some frames aim at them)
     * @param users         usernames that exist
     */
    public HostileFrames(long seed, String endpoint, List<String> conversations, List<String> users) {
        this.random = new Random(seed);
        this.endpoint = endpoint;
        this.conversations = List.copyOf(conversations);
        this.users = List.copyOf(users);
    }

    private final List<Function<HostileFrames, Frame>> generators = List.of(
            HostileFrames::notJson, HostileFrames::notAnObject, HostileFrames::wrongTypes, HostileFrames::missingFields,
            HostileFrames::oddNumbers, HostileFrames::deepNesting, HostileFrames::loneSurrogates, HostileFrames::controlCharacters,
            HostileFrames::binary, HostileFrames::unknownType, HostileFrames::plausible, HostileFrames::plausible,
            HostileFrames::plausible, HostileFrames::extraFields);

    /** The next frame; frames at the size limit are rarer (1 in 50), and past it rarer still (1 in 200): they are big or end the socket. */
    public Frame next() {
        int roll = random.nextInt(200);
        if (roll == 0) {
            return pastTheLimit();
        }
        if (roll < 5) {
            return atTheLimit();
        }
        return generators.get(random.nextInt(generators.size())).apply(this);
    }

    private String nextRef() {
        return "\"ref\":\"h" + (ref++) + "\"";
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private String anyType() {
        List<String> chat = List.of("send", "history", "resume", "join", "leave", "typing", "read", "watch", "ping");
        List<String> notifications = List.of("ack", "read", "subscribe", "unsubscribe", "ping");
        return pick("chat".equals(endpoint) ? chat : notifications);
    }

    private String randomText(int max) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            if (kind < 6) {
                out.append((char) ('a' + random.nextInt(26)));
            } else if (kind < 8) {
                out.appendCodePoint(0xA0 + random.nextInt(0x2000));
            } else if (kind < 9) {
                out.appendCodePoint(0x1F600 + random.nextInt(80));
            } else {
                out.append(' ');
            }
        }
        return out.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private Frame notJson() {
        List<String> broken = List.of("", " ", "{", "}", "{\"type\":", "{\"type\":\"ping\"", "type=ping", "{'type':'ping'}",
                "{\"type\":\"ping\",}", "{\"type\" \"ping\"}", "\u0000", "{\"type\":\"ping\"} trailing", "{\"a\":1}{\"b\":2}",
                "{\"type\":tru}", "{\"type\":\"\\x41\"}", "{\"type\":\"\\u12\"}", "NaN", "{\"type\":Infinity}");
        String text = random.nextBoolean() ? pick(broken) : randomText(40);
        return Frame.text("not-json", text);
    }

    private Frame notAnObject() {
        return Frame.text("not-object", pick(List.of("[]", "[1,2,3]", "null", "42", "\"ping\"", "true", "-0", "[{\"type\":\"ping\"}]")));
    }

    private Frame wrongTypes() {
        List<String> values = List.of("1", "-1", "1.5", "true", "null", "[]", "{}", "[\"a\"]", "{\"x\":1}", "\"\"", "\"x\"");
        String type = random.nextInt(4) == 0 ? pick(values) : quote(anyType());
        StringBuilder frame = new StringBuilder("{\"type\":").append(type).append(',').append(nextRef());
        for (String field : List.of("conversation", "text", "clientMsgId", "before", "limit", "cursors", "room", "seq",
                "id", "all", "topic", "attachments", "users")) {
            if (random.nextInt(3) == 0) {
                frame.append(",\"").append(field).append("\":").append(pick(values));
            }
        }
        return Frame.text("wrong-types", frame.append('}').toString());
    }

    private Frame missingFields() {
        return Frame.text("missing", "{\"type\":" + quote(anyType()) + "," + nextRef() + "}");
    }

    private Frame extraFields() {
        return Frame.text("extra", "{\"type\":\"ping\"," + nextRef() + ",\"extra\":{\"nested\":[1,2,{\"x\":null}]},\"type2\":\"send\"}");
    }

    private String oddNumber() {
        return pick(List.of("1e999999999", "-1e999999999", "1e-999999999", "9223372036854775808", "-9223372036854775809",
                "0.0000000000000000000001", "1" + "0".repeat(5000), "-" + "9".repeat(1200), "1E+2147483647", "2.5",
                "-0", "0e0", "123456789012345678901234567890", "1" + "0".repeat(300) + "e-300"));
    }

    private Frame oddNumbers() {
        String number = oddNumber();
        String frame = switch (random.nextInt(6)) {
            case 0 -> "{\"type\":\"ping\",\"ref\":" + number + "}";
            case 1 -> "{\"type\":\"history\"," + nextRef() + ",\"conversation\":" + quote(pick(conversations)) + ",\"before\":" + number + "}";
            case 2 -> "{\"type\":\"history\"," + nextRef() + ",\"conversation\":" + quote(pick(conversations)) + ",\"limit\":" + number + "}";
            case 3 -> "{\"type\":\"resume\"," + nextRef() + ",\"cursors\":{" + quote(pick(conversations)) + ":" + number + "}}";
            case 4 -> "{\"type\":\"read\"," + nextRef() + ",\"conversation\":" + quote(pick(conversations)) + ",\"seq\":" + number + ",\"id\":" + number + "}";
            default -> "{\"type\":\"ack\"," + nextRef() + ",\"id\":" + number + "}";
        };
        return Frame.text("numbers", frame);
    }

    private Frame deepNesting() {
        int depth = 500 + random.nextInt(20_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String inner = open.repeat(depth) + "1" + close.repeat(depth);
        String frame = "{\"type\":\"ping\"," + nextRef() + ",\"x\":" + inner + "}";
        return Frame.text("deep", frame.length() > LIMIT ? frame.substring(0, LIMIT) : frame);
    }

    private Frame loneSurrogates() {
        String lone = pick(List.of("\\ud800", "\\udfff", "\\udbff\\u0041", "x\\udc00y", "\\ud83d", "\\ude00\\ud83d"));
        String frame = switch (random.nextInt(6)) {
            case 0 -> "{\"type\":\"send\"," + nextRef() + ",\"conversation\":" + quote(pick(conversations))
                    + ",\"text\":\"bad " + lone + " text\",\"clientMsgId\":\"s" + random.nextInt(1_000_000) + "\"}";
            case 1 -> "{\"type\":\"ping\",\"ref\":\"r" + lone + "\"}";
            case 2 -> "{\"type\":\"" + lone + "\"}";
            case 3 -> "{\"type\":\"join\"," + nextRef() + ",\"room\":\"a" + lone + "\"}";
            case 4 -> "{\"type\":\"subscribe\"," + nextRef() + ",\"topic\":\"t" + lone + "\"}";
            default -> "{\"type\":\"ping\"," + nextRef() + ",\"k" + lone + "\":1}";
        };
        return Frame.text("surrogates", frame);
    }

    private Frame controlCharacters() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(20); i++) {
            text.append(String.format("\\u%04x", random.nextInt(0x20)));
        }
        String frame = "{\"type\":\"send\"," + nextRef() + ",\"conversation\":" + quote(pick(conversations))
                + ",\"text\":\"ctl" + text + "\",\"clientMsgId\":\"c" + random.nextInt(1_000_000) + "\"}";
        return Frame.text("control", frame);
    }

    private Frame binary() {
        byte[] data = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(2048)];
        random.nextBytes(data);
        return new Frame(null, data, "binary");
    }

    private Frame atTheLimit() {
        String prefix = "{\"type\":\"ping\",\"ref\":\"";
        String suffix = "\"}";
        String twoByte = "é".repeat((LIMIT - prefix.length() - suffix.length()) / 2);
        String frame = prefix + twoByte + suffix;
        if (frame.getBytes(StandardCharsets.UTF_8).length != LIMIT) {
            throw new IllegalStateException("not at the limit");
        }
        return Frame.text("at-limit", frame);
    }

    private Frame pastTheLimit() {
        String prefix = "{\"type\":\"ping\",\"ref\":\"";
        return Frame.text("past-limit", prefix + "x".repeat(LIMIT - prefix.length() + 1 + random.nextInt(1000)) + "\"}");
    }

    private Frame unknownType() {
        return Frame.text("unknown", "{\"type\":" + quote(pick(List.of("hello", "", "SEND", "send ", "welcome", "message", "error",
                "x".repeat(500), "pong", "__proto__"))) + "," + nextRef() + "}");
    }

    /** A {@code watch} list: real and unknown names, empty or overlong ones, repeats, sometimes too many. */
    private String watchList() {
        StringBuilder list = new StringBuilder("[");
        int size = random.nextInt(20) == 0 ? 201 + random.nextInt(50) : random.nextInt(8);
        for (int i = 0; i < size; i++) {
            list.append(i == 0 ? "" : ",").append(random.nextInt(10) == 0 ? "1"
                    : quote(pick(List.of(pick(users), pick(users), "nobody-" + random.nextInt(1000), "", "x".repeat(70), "__proto__"))));
        }
        return list.append(']').toString();
    }

    private Frame plausible() {
        String conversation = random.nextInt(5) == 0 ? pick(List.of("room:", "room:UPPER", "room:a/b", "dm:a", "dm:x:y:z",
                "dm:" + pick(users) + ":" + pick(users), "@" + pick(users), "@nobody-here", "x", "room:" + "a".repeat(70)))
                : pick(conversations);
        String frame = switch (anyType()) {
            case "send" -> "{\"type\":\"send\"," + nextRef() + ",\"conversation\":" + quote(conversation) + ",\"text\":"
                    + quote(random.nextInt(10) == 0 ? "" : randomText(random.nextInt(20) == 0 ? 5000 : 200))
                    + ",\"clientMsgId\":" + quote(random.nextInt(10) == 0 ? "x".repeat(65) : "p" + random.nextInt(1_000_000))
                    + (random.nextInt(5) == 0 ? ",\"attachments\":[\"nope\",\"../etc\"]" : "") + "}";
            case "history" -> "{\"type\":\"history\"," + nextRef() + ",\"conversation\":" + quote(conversation)
                    + ",\"limit\":" + (random.nextInt(300) - 100) + ",\"before\":" + (random.nextInt(200) - 50) + "}";
            case "resume" -> "{\"type\":\"resume\"," + nextRef() + ",\"cursors\":{" + quote(conversation) + ":" + random.nextInt(100) + "}}";
            case "join", "leave" -> "{\"type\":" + quote(anyType()) + "," + nextRef() + ",\"room\":"
                    + quote(pick(List.of("fuzz-" + random.nextInt(5), "", "UPPER", "a".repeat(65), "ok-room", "a b", "x/y"))) + "}";
            case "typing" -> "{\"type\":\"typing\",\"conversation\":" + quote(conversation) + "}";
            case "read" -> "{\"type\":\"read\"," + nextRef() + ",\"conversation\":" + quote(conversation) + ",\"seq\":" + (random.nextInt(100) - 10)
                    + ",\"id\":" + random.nextInt(1000) + "}";
            case "watch" -> "{\"type\":\"watch\"," + nextRef() + ",\"users\":" + watchList() + "}";
            case "ack" -> "{\"type\":\"ack\"," + nextRef() + ",\"id\":" + quote(String.valueOf(random.nextInt(1000))) + "}";
            case "subscribe", "unsubscribe" -> "{\"type\":" + quote(anyType()) + "," + nextRef() + ",\"topic\":"
                    + quote(pick(List.of("prices:EURUSD", "", "a b", "x".repeat(200), "t" + random.nextInt(50)))) + "}";
            default -> "{\"type\":\"ping\"," + nextRef() + "}";
        };
        return Frame.text("plausible", frame);
    }
}
