package dev.parley.platform.web;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.Problem;
import dev.parley.platform.json.JsonCodec;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Builds {@code application/problem+json} responses: for resources as a JAX-RS response, for filters
 * and servlets written straight to the servlet response. Both use the HTTP reason phrase as the title.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response.ResponseBuilder response(JsonCodec codec, ErrorCode code, String detail) {
        return Response.status(code.httpStatus())
                .type(MEDIA_TYPE)
                .entity(codec.write(problem(code, detail)));
    }

    /** Writes the problem as the whole response, from a filter or servlet outside JAX-RS. */
    public static void write(HttpServletResponse response, JsonCodec codec, ErrorCode code, String detail)
            throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(codec.write(problem(code, detail)));
    }

    static Problem problem(ErrorCode code, String detail) {
        Response.Status status = Response.Status.fromStatusCode(code.httpStatus());
        String title = status == null ? code.wireName() : status.getReasonPhrase();
        return Problem.of(code, title, detail);
    }

    public static ErrorCode codeFor(int httpStatus) {
        return switch (httpStatus) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            case 503 -> ErrorCode.UNAVAILABLE;
            default -> httpStatus >= 400 && httpStatus < 500 ? ErrorCode.BAD_REQUEST : ErrorCode.INTERNAL;
        };
    }
}
