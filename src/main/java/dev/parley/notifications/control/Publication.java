package dev.parley.notifications.control;

import dev.parley.notifications.entity.NotificationContent;
import dev.parley.notifications.entity.Priority;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonFields;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * A request to publish a notification, as {@code POST /api/notifications} and the JMS queue
 * {@code parley.notifications} take it: {@code {"to":{"users":[…]}|{"all":true},"category","priority",
 * "title","body","url","data"}}. {@code category} defaults to {@code general}, {@code priority} to
 * {@code normal}.
 */
public record Publication(boolean toAll, List<String> users, NotificationContent content) {

    public Publication {
        users = List.copyOf(users);
    }

    /** @throws ParleyException {@code bad_request} naming the first invalid field */
    public static Publication parse(JsonObject json) {
        JsonValue to = json.get("to");
        if (to == null || to.getValueType() != JsonValue.ValueType.OBJECT) {
            throw ParleyException.badRequest("'to' must be {\"users\":[…]} or {\"all\":true}");
        }
        boolean all = JsonFields.optionalBoolean(to.asJsonObject(), "all").orElse(false);
        List<String> users = all ? List.of() : JsonFields.requireStringArray(to.asJsonObject(), "users");
        return new Publication(all, users, content(json));
    }

    private static NotificationContent content(JsonObject json) {
        JsonValue data = json.get("data");
        return new NotificationContent(
                JsonFields.optionalString(json, "category").orElse("general"),
                Priority.fromWire(JsonFields.optionalString(json, "priority").orElse("normal")),
                JsonFields.requireString(json, "title"),
                JsonFields.optionalString(json, "body").orElse(null),
                JsonFields.optionalString(json, "url").orElse(null),
                data == null || data.getValueType() == JsonValue.ValueType.NULL ? null : data.toString());
    }
}
