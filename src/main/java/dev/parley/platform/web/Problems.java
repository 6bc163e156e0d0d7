package dev.parley.platform.web;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.Problem;
import dev.parley.platform.json.JsonCodec;
import jakarta.ws.rs.core.Response;

/** Builds {@code application/problem+json} responses. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response.ResponseBuilder response(JsonCodec codec, ErrorCode code, String detail) {
        Response.Status status = Response.Status.fromStatusCode(code.httpStatus());
        String title = status == null ? code.wireName() : status.getReasonPhrase();
        return Response.status(code.httpStatus())
                .type(MEDIA_TYPE)
                .entity(codec.write(Problem.of(code, title, detail)));
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
