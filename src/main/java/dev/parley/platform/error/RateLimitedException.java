package dev.parley.platform.error;

import java.time.Duration;

/** A request refused for now; {@link #retryAfter()} says when trying again makes sense. */
public class RateLimitedException extends ParleyException {

    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
