package dev.parley.sockets;

import dev.parley.platform.error.ErrorCode;

/** Server frames that both endpoints send. {@code ref} is the request's string or number, or {@code null}. */
public final class OutboundFrames {

    private OutboundFrames() {
    }

    public record Error(String type, Object ref, String code, String message) {
        public Error(Object ref, ErrorCode code, String message) {
            this("error", ref, code.wireName(), message);
        }
    }

    public record Pong(String type, Object ref) {
        public Pong(Object ref) {
            this("pong", ref);
        }
    }
}
