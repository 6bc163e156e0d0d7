package dev.parley.platform.error;

/**
 * An RFC 9457 problem body, extended with the contract's error {@code code}.
 *
 * @param type   always {@code about:blank}: the status and code say everything
 * @param title  the HTTP reason phrase
 * @param status the HTTP status
 * @param code   the contract error code, e.g. {@code bad_request}
 * @param detail what was wrong, for a human
 */
public record Problem(String type, String title, int status, String code, String detail) {

    public static Problem of(ErrorCode code, String title, String detail) {
        return new Problem("about:blank", title, code.httpStatus(), code.wireName(), detail);
    }
}
