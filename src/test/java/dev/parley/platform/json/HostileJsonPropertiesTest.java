package dev.parley.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.testing.HostileFrames;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * What any client can send through the JSON edge: the codec either gives an object whose every string
 * is valid text, or refuses with {@code bad_request}; never another exception, never a hang.
 */
class HostileJsonPropertiesTest {

    private final JsonCodec codec = new JsonCodec();

    private void acceptedOrBadRequest(String text) {
        try {
            JsonObject object = codec.readObject(text);
            assertTrue(WellFormedText.isWellFormed(object.toString()), "accepted text must be valid: " + object);
        } catch (ParleyException e) {
            assertEquals(ErrorCode.BAD_REQUEST, e.code(), e.getMessage());
            assertTrue(WellFormedText.isWellFormed(e.getMessage()), "the message itself must be writable");
        }
    }

    @Property(tries = 300)
    void anyStringIsAnObjectOrABadRequest(@ForAll @StringLength(max = 200) String text) {
        acceptedOrBadRequest(text);
    }

    @Property(tries = 2000)
    void everyHostileFrameIsAnObjectOrABadRequest(@ForAll long seed, @ForAll("endpoints") String endpoint) {
        HostileFrames.Frame frame = new HostileFrames(seed, endpoint, List.of("room:a", "dm:a:b"), List.of("a", "b")).next();
        if (!frame.isBinary()) {
            acceptedOrBadRequest(frame.text());
        }
    }

    @Provide
    Arbitrary<String> endpoints() {
        return Arbitraries.of("chat", "notifications");
    }

    @Property(tries = 500)
    void numbersNeverExpandAndNeverThrow(@ForAll("numbers") String number) {
        JsonObject object;
        try {
            object = codec.readObject("{\"n\":" + number + "}");
        } catch (ParleyException e) {
            assertEquals(ErrorCode.BAD_REQUEST, e.code());
            return;
        }
        JsonNumber parsed = object.getJsonNumber("n");
        JsonFields.exactLong(parsed).ifPresent(value -> assertEquals(0, parsed.bigDecimalValue().compareTo(BigDecimal.valueOf(value))));
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3000);
        Arbitrary<Integer> exponent = Arbitraries.integers().between(Integer.MIN_VALUE + 1, Integer.MAX_VALUE);
        return Arbitraries.oneOf(
                digits,
                digits.map(d -> "-" + d),
                Combinators.combine(digits, exponent).as((d, e) -> d + "e" + e),
                Combinators.combine(digits, digits).as((a, b) -> a + "." + b));
    }

    @Property(tries = 500)
    void repairedTextIsAlwaysWellFormed(@ForAll("utf16") String text) {
        String repaired = WellFormedText.repaired(text);
        assertTrue(WellFormedText.isWellFormed(repaired));
        assertEquals(text.length(), repaired.length(), "one replacement per unpaired unit");
        if (WellFormedText.isWellFormed(text)) {
            assertEquals(text, repaired);
        } else {
            assertFalse(text.equals(repaired));
        }
    }

    @Provide
    Arbitrary<String> utf16() {
        return Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(50);
    }
}
