package dev.parley.platform.web;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.json.JsonCodec;
import dev.parley.platform.json.WellFormedText;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Every JSON request body, before any resource sees it: at most {@value #MAX_BODY} bytes (also when
 * no {@code Content-Length} announced it), valid UTF-8, syntactically JSON, and with every name and
 * string well-formed Unicode. What fails gets a problem body (413 or 400), never a 500, and nothing
 * that is not valid Unicode text reaches storage through REST.
 */
@Provider
public class JsonBodyCheck implements ReaderInterceptor {

    /** REST bodies are small; files go to {@code /api/attachments}, which is multipart. */
    public static final int MAX_BODY = 256 * 1024;

    @Inject
    JsonCodec codec;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        MediaType type = context.getMediaType();
        if (type == null || !("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"))) {
            return context.proceed();
        }
        byte[] body;
        try (InputStream in = context.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "a request body may be at most " + MAX_BODY + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ParleyException.badRequest("the request body is not valid UTF-8");
        }
        check(text);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    private void check(String text) {
        if (text.isBlank()) {
            return;
        }
        try (JsonParser parser = codec.provider().createParser(new StringReader(text))) {
            String field = "(value)";
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.KEY_NAME) {
                    WellFormedText.require("(a name)", parser.getString());
                    field = parser.getString();
                } else if (event == JsonParser.Event.VALUE_STRING) {
                    WellFormedText.require(field, parser.getString());
                }
            }
        } catch (ParleyException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw ParleyException.badRequest("malformed JSON: " + WellFormedText.repaired(String.valueOf(e.getMessage())));
        }
    }
}
