package dev.parley.platform.json;

import dev.parley.platform.error.ParleyException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parley's one JSON codec. The JSON-P provider and the JSON-B instance are created once and shared:
 * the static {@code Json.createXxx()} helpers look the provider up on every call, which on Payara cut
 * a hot path's throughput to a fifth (see STACK.md).
 */
@ApplicationScoped
public class JsonCodec {

    private final JsonProvider json = JsonProvider.provider();
    private final Jsonb jsonb = JsonbBuilder.create();

    public JsonProvider provider() {
        return json;
    }

    /** Parses JSON this server stored itself (checked when it was accepted); {@code null} is JSON null. */
    public JsonValue readStored(String text) {
        if (text == null) {
            return JsonValue.NULL;
        }
        try (var reader = json.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }

    /** Serialises a frame or view record; {@code null} components are left out. */
    public String write(Object value) {
        return jsonb.toJson(value);
    }

    /**
     * Parses one JSON object from a client (a socket frame, a REST body, a JMS message), with its text
     * checked to be well-formed Unicode.
     *
     * @throws ParleyException {@code bad_request} if the text is not JSON, not an object, nested deeper
     *                         than the parser allows, or carries text that is not valid Unicode
     */
    public JsonObject readObject(String text) {
        JsonObject object = parseObject(text);
        WellFormedText.require(object);
        return object;
    }

    /**
     * Parses one JSON object without checking its text: for callers that read a field (a frame's
     * {@code ref}) before they check the rest with {@link WellFormedText#require(JsonValue)}.
     */
    public JsonObject parseObject(String text) {
        JsonObject object;
        try (JsonParser parser = json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw ParleyException.badRequest("expected a JSON object");
            }
            object = parser.getObject();
            if (parser.hasNext()) {
                throw ParleyException.badRequest("unexpected content after the JSON object");
            }
        } catch (ParleyException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // The parser's own limits (nesting depth, number length) and its syntax errors alike: the
            // client's fault, reported without echoing what it sent.
            throw ParleyException.badRequest("malformed JSON: " + describe(e));
        }
        return object;
    }

    private static String describe(Throwable e) {
        String message = e instanceof StackOverflowError ? "nested too deeply" : String.valueOf(e.getMessage());
        message = WellFormedText.repaired(message);
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            Logger.getLogger(JsonCodec.class.getName()).log(Level.FINE, "Closing JSON-B failed", e);
        }
    }
}
