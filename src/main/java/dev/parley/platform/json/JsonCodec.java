package dev.parley.platform.json;

import dev.parley.platform.error.ParleyException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

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

    /** Serialises a frame or view record; {@code null} components are left out. */
    public String write(Object value) {
        return jsonb.toJson(value);
    }

    /**
     * Parses one JSON object.
     *
     * @throws ParleyException {@code bad_request} if the text is not JSON or not an object
     */
    public JsonObject readObject(String text) {
        try (JsonParser parser = json.createParser(new StringReader(text))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw ParleyException.badRequest("expected a JSON object");
            }
            JsonObject object = parser.getObject();
            if (parser.hasNext()) {
                throw ParleyException.badRequest("unexpected content after the JSON object");
            }
            return object;
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            throw ParleyException.badRequest("malformed JSON: " + e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            java.util.logging.Logger.getLogger(JsonCodec.class.getName())
                    .log(java.util.logging.Level.FINE, "Closing JSON-B failed", e);
        }
    }
}
