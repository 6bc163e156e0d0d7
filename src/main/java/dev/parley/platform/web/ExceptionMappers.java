package dev.parley.platform.web;

import dev.parley.platform.db.DatabaseUnavailable;
import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.error.RateLimitedException;
import dev.parley.platform.json.JsonCodec;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Maps every failure of a REST call to a problem body with the contract's error code. */
public final class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class.getName());

    private ExceptionMappers() {
    }

    @Provider
    public static class Domain implements ExceptionMapper<ParleyException> {
        @Inject
        JsonCodec codec;

        @Override
        public Response toResponse(ParleyException e) {
            Response.ResponseBuilder response = Problems.response(codec, e.code(), e.getMessage());
            if (e instanceof RateLimitedException limited) {
                long seconds = Math.max(1, (limited.retryAfter().toMillis() + 999) / 1000);
                response.header(HttpHeaders.RETRY_AFTER, seconds);
            }
            if (e.code() == ErrorCode.UNAUTHORIZED) {
                response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            }
            return response.build();
        }
    }

    @Provider
    public static class Web implements ExceptionMapper<WebApplicationException> {
        @Inject
        JsonCodec codec;

        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                LOG.log(Level.WARNING, "REST call failed", e);
            }
            return Problems.response(codec, Problems.codeFor(status), e.getMessage()).status(status).build();
        }
    }

    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonException> {
        @Inject
        JsonCodec codec;

        @Override
        public Response toResponse(JsonException e) {
            return Problems.response(codec, ErrorCode.BAD_REQUEST, "malformed JSON: " + e.getMessage()).build();
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<Exception> {
        @Inject
        JsonCodec codec;

        @Override
        public Response toResponse(Exception e) {
            if (DatabaseUnavailable.in(e)) {
                DatabaseUnavailable.log(e);
                return Problems.response(codec, ErrorCode.UNAVAILABLE, "the database is unavailable; try again shortly")
                        .header(HttpHeaders.RETRY_AFTER, 5).build();
            }
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, "Unexpected failure in a REST call (incident " + incident + ")", e);
            return Problems.response(codec, ErrorCode.INTERNAL, "internal error (incident " + incident + ")").build();
        }
    }
}
