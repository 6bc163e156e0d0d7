package dev.parley.platform.json;

import dev.parley.platform.error.ParleyException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;

/**
 * Text Parley accepts must be well-formed Unicode without NUL. JSON can spell a lone UTF-16
 * surrogate ({@code "\ud800"}), which no UTF-8 encoder can write: stored, such text would break every
 * socket it is later sent to. JSON can also spell U+0000, which PostgreSQL cannot store. Both are
 * refused with {@code bad_request} wherever JSON enters (sockets, REST, JMS), naming the field.
 * (Invalid UTF-8 bytes never reach here: the containers refuse them, and strict decoding of REST
 * bodies does too.)
 */
public final class WellFormedText {

    private WellFormedText() {
    }

    /** The index of the first unpaired surrogate in {@code text}, or -1 when it is well-formed. */
    public static int firstUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isWellFormed(String text) {
        return firstUnpairedSurrogate(text) < 0;
    }

    /** @throws ParleyException {@code bad_request} naming {@code field} when {@code text} is not acceptable text */
    public static void require(String field, String text) {
        if (text == null) {
            return;
        }
        if (!isWellFormed(text)) {
            throw ParleyException.badRequest("'" + repaired(field) + "' contains an unpaired UTF-16 surrogate (not valid Unicode text)");
        }
        if (text.indexOf('\0') >= 0) {
            throw ParleyException.badRequest("'" + repaired(field).replace('\0', ' ') + "' contains a NUL character (U+0000)");
        }
    }

    /** {@code text} with every unpaired surrogate replaced by U+FFFD: safe to write anywhere. */
    public static String repaired(String text) {
        int first = firstUnpairedSurrogate(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    /** Checks every name and string in a parsed JSON value, naming the first offender by its path. */
    public static void require(JsonValue value) {
        check(value, "");
    }

    private static void check(JsonValue value, String path) {
        switch (value.getValueType()) {
            case STRING -> require(path.isEmpty() ? "(value)" : path, ((JsonString) value).getString());
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> member : ((JsonObject) value).entrySet()) {
                    String name = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                    require(name, member.getKey());
                    check(member.getValue(), name);
                }
            }
            case ARRAY -> {
                JsonArray array = (JsonArray) value;
                for (int i = 0; i < array.size(); i++) {
                    check(array.get(i), path + "[" + i + "]");
                }
            }
            default -> {
                // numbers, booleans and null carry no text
            }
        }
    }
}
