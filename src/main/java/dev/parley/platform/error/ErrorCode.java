package dev.parley.platform.error;

import java.util.Locale;

/** The contract's error codes, each with the HTTP status it maps to on the REST side. */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    TOO_LARGE(413),
    RATE_LIMITED(429),
    CONFLICT(409),
    UNAVAILABLE(503),
    INTERNAL(500);

    private final int httpStatus;
    private final String wireName;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
        this.wireName = name().toLowerCase(Locale.ROOT);
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The code as it appears in {@code error} frames and problem bodies, e.g. {@code bad_request}. */
    public String wireName() {
        return wireName;
    }
}
