package dev.parley.chat.boundary;

import dev.parley.chat.control.MessageSender.SendCommand;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonFields;
import dev.parley.presence.control.PresenceService;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes and validates the fields of {@code /chat} client frames; any mistake is a {@code bad_request}. */
final class ChatRequests {

    static final int MAX_CURSORS = 1000;

    private ChatRequests() {
    }

    static SendCommand send(JsonObject frame) {
        String conversation = JsonFields.requireString(frame, "conversation");
        String text = JsonFields.requireString(frame, "text");
        String clientMsgId = JsonFields.requireString(frame, "clientMsgId");
        List<String> attachments = frame.containsKey("attachments") && frame.get("attachments").getValueType() != JsonValue.ValueType.NULL
                ? JsonFields.requireStringArray(frame, "attachments")
                : List.of();
        return new SendCommand(conversation, text, clientMsgId, attachments, thread(frame));
    }

    static ConversationId conversation(JsonObject frame) {
        return ConversationId.parse(JsonFields.requireString(frame, "conversation"));
    }

    /** The seq of the message whose thread a send replies in, or a history pages through; null for none. */
    static Long thread(JsonObject frame) {
        return JsonFields.optionalLong(frame, "thread").orElse(null);
    }

    /** Whether a history page leaves out replies. */
    static boolean topLevel(JsonObject frame) {
        JsonValue value = frame.get("topLevel");
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw ParleyException.badRequest("'topLevel' must be true or false");
    }

    static String room(JsonObject frame) {
        String room = JsonFields.requireString(frame, "room");
        return room.startsWith("room:") ? room.substring("room:".length()) : room;
    }

    /** The users of a {@code watch}: at most {@link PresenceService#MAX_USERS} names, without repeats. */
    static List<String> watch(JsonObject frame) {
        List<String> users = JsonFields.requireStringArray(frame, "users").stream().distinct().toList();
        if (users.size() > PresenceService.MAX_USERS) {
            throw ParleyException.badRequest("at most " + PresenceService.MAX_USERS + " users may be watched");
        }
        if (users.stream().anyMatch(user -> user.isEmpty() || user.length() > MAX_USERNAME)) {
            throw ParleyException.badRequest("'users' must be usernames");
        }
        return users;
    }

    /** Longer than any username can be (accounts allow 32 characters). */
    private static final int MAX_USERNAME = 64;

    static Integer limit(JsonObject frame) {
        return JsonFields.optionalLong(frame, "limit").map(ChatRequests::toInt).orElse(null);
    }

    static Long before(JsonObject frame) {
        return JsonFields.optionalLong(frame, "before").orElse(null);
    }

    static long seq(JsonObject frame) {
        return JsonFields.optionalLong(frame, "seq").orElseThrow(() -> ParleyException.badRequest("'seq' is required"));
    }

    /** The new text of an {@code edit}. */
    static String text(JsonObject frame) {
        return JsonFields.requireString(frame, "text");
    }

    /** The emoji of a {@code react} or {@code unreact} (which of them is allowed is the service's rule). */
    static String emoji(JsonObject frame) {
        return JsonFields.requireString(frame, "emoji");
    }

    static Map<String, Long> cursors(JsonObject frame) {
        JsonValue value = frame.get("cursors");
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ParleyException.badRequest("'cursors' must be an object of conversation ids to seqs");
        }
        JsonObject cursors = value.asJsonObject();
        if (cursors.size() > MAX_CURSORS) {
            throw ParleyException.badRequest("at most " + MAX_CURSORS + " cursors per resume");
        }
        Map<String, Long> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> cursor : cursors.entrySet()) {
            Long seq = cursor.getValue() instanceof JsonNumber number ? JsonFields.exactLong(number).orElse(null) : null;
            if (seq == null) {
                throw ParleyException.badRequest("the cursor of " + cursor.getKey() + " must be a whole number");
            }
            result.put(cursor.getKey(), seq);
        }
        return result;
    }

    private static int toInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
