package dev.parley.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec();

    public record Frame(String type, Object ref, String optional) {
    }

    @Test
    void writesRecordsAndLeavesOutNulls() {
        assertEquals("{\"ref\":7,\"type\":\"pong\"}", codec.write(new Frame("pong", 7, null)));
    }

    public record WithJson(String type, jakarta.json.JsonValue data) {
    }

    @Test
    void embedsJsonValuesAsJson() {
        assertEquals("{\"data\":{\"price\":1.5},\"type\":\"update\"}",
                codec.write(new WithJson("update", codec.readObject("{\"price\":1.5}"))));
        assertEquals("{\"data\":null,\"type\":\"n\"}", codec.write(new WithJson("n", jakarta.json.JsonValue.NULL)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"type\":", "[1,2]", "\"text\"", "42", "null", "{\"a\":1}}"})
    void rejectsAnythingButOneObject(String text) {
        ParleyException e = assertThrows(ParleyException.class, () -> codec.readObject(text));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void fieldsAreTypeChecked() {
        JsonObject json = codec.readObject("{\"s\":\"x\",\"n\":5,\"f\":1.5,\"b\":true,\"a\":[\"p\",\"q\"],\"z\":null}");
        assertEquals("x", JsonFields.requireString(json, "s"));
        assertEquals(Optional.of(5L), JsonFields.optionalLong(json, "n"));
        assertEquals(Optional.empty(), JsonFields.optionalString(json, "z"));
        assertEquals(Optional.of(true), JsonFields.optionalBoolean(json, "b"));
        assertEquals(List.of("p", "q"), JsonFields.requireStringArray(json, "a"));
        assertThrows(ParleyException.class, () -> JsonFields.requireString(json, "n"));
        assertThrows(ParleyException.class, () -> JsonFields.requireString(json, "missing"));
        assertThrows(ParleyException.class, () -> JsonFields.optionalLong(json, "f"));
        assertThrows(ParleyException.class, () -> JsonFields.optionalLong(json, "s"));
        assertThrows(ParleyException.class, () -> JsonFields.optionalBoolean(json, "n"));
        assertThrows(ParleyException.class, () -> JsonFields.requireStringArray(json, "s"));
        assertEquals(2, JsonFields.codePoints("\uD83D\uDE00a"));
    }
}
