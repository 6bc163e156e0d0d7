package dev.parley.platform.error;

/**
 * The one base of Parley's domain errors. It carries a contract error code; the edges map it to an
 * {@code error} frame (WebSocket) or a problem body (REST), and nothing else catches it.
 */
public class ParleyException extends RuntimeException {

    private final ErrorCode code;

    public ParleyException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ParleyException badRequest(String message) {
        return new ParleyException(ErrorCode.BAD_REQUEST, message);
    }

    public static ParleyException notFound(String message) {
        return new ParleyException(ErrorCode.NOT_FOUND, message);
    }

    public static ParleyException forbidden(String message) {
        return new ParleyException(ErrorCode.FORBIDDEN, message);
    }

    public static ParleyException conflict(String message) {
        return new ParleyException(ErrorCode.CONFLICT, message);
    }
}
