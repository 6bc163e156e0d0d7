package dev.parley.platform.json;

import dev.parley.platform.error.ParleyException;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed, validating reads of JSON object fields for wire records. Every failure is a
 * {@code bad_request} that names the field, so a client learns exactly what it got wrong.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static String requireString(JsonObject object, String field) {
        return optionalString(object, field)
                .orElseThrow(() -> ParleyException.badRequest("'" + field + "' is required"));
    }

    public static Optional<String> optionalString(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.STRING) {
            throw ParleyException.badRequest("'" + field + "' must be a string");
        }
        return Optional.of(((JsonString) value).getString());
    }

    public static Optional<Long> optionalLong(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.NUMBER) {
            throw ParleyException.badRequest("'" + field + "' must be a whole number");
        }
        return Optional.of(exactLong((JsonNumber) value)
                .orElseThrow(() -> ParleyException.badRequest("'" + field + "' must be a whole number within 64 bits")));
    }

    /**
     * The number as a long, or empty when it is not a whole number that fits. Never expands the number:
     * {@code 1e999999999} is refused by its digits and exponent, not computed.
     */
    public static Optional<Long> exactLong(JsonNumber number) {
        try {
            BigDecimal decimal = number.bigDecimalValue();
            if (decimal.precision() - decimal.scale() > 19 || decimal.scale() > 0 && decimal.stripTrailingZeros().scale() > 0) {
                return Optional.empty();
            }
            return Optional.of(decimal.longValueExact());
        } catch (ArithmeticException | NumberFormatException | JsonException e) {
            return Optional.empty();
        }
    }

    public static Optional<Boolean> optionalBoolean(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        return switch (value.getValueType()) {
            case TRUE -> Optional.of(true);
            case FALSE -> Optional.of(false);
            default -> throw ParleyException.badRequest("'" + field + "' must be true or false");
        };
    }

    /** Reads a field that must be a JSON array of strings. */
    public static List<String> requireStringArray(JsonObject object, String field) {
        JsonValue value = object.get(field);
        if (value == null || value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw ParleyException.badRequest("'" + field + "' must be an array of strings");
        }
        var result = new ArrayList<String>();
        for (JsonValue item : value.asJsonArray()) {
            if (item.getValueType() != JsonValue.ValueType.STRING) {
                throw ParleyException.badRequest("'" + field + "' must be an array of strings");
            }
            result.add(((JsonString) item).getString());
        }
        return result;
    }

    /** The code-point length, which is how the contract counts text. */
    public static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }
}
