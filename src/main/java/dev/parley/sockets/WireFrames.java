package dev.parley.sockets;

import java.nio.charset.StandardCharsets;

/**
 * WebSocket frames as a server sends them (RFC 6455, section 5.2: one final frame, unmasked), built
 * once and shared. A broadcast reaches every socket on this node as the same {@code String}, so a
 * small cache keyed by that string's identity turns it into bytes once, however many sockets it goes
 * to. The cache is a fixed array of immutable entries written without locks: a lost race or a
 * collision only means one more encoding.
 */
public final class WireFrames {

    private static final int SLOTS = 256;
    private static final int OPCODE_TEXT = 0x1;
    private static final int OPCODE_PING = 0x9;
    private static final int FIN = 0x80;

    private record Encoded(String text, byte[] frame) {
    }

    private final Encoded[] recent = new Encoded[SLOTS];

    /** The text frame of {@code text}, from the cache when this very string was encoded lately. */
    public byte[] text(String text) {
        int slot = System.identityHashCode(text) & (SLOTS - 1);
        Encoded hit = recent[slot];
        if (hit != null && hit.text() == text) {
            return hit.frame();
        }
        byte[] frame = frame(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
        recent[slot] = new Encoded(text, frame);
        return frame;
    }

    /** A ping frame carrying {@code mark} as eight big-endian bytes, as the peer's pong echoes it. */
    public static byte[] ping(long mark) {
        byte[] payload = new byte[Long.BYTES];
        for (int i = 0; i < Long.BYTES; i++) {
            payload[i] = (byte) (mark >>> (56 - 8 * i));
        }
        return frame(OPCODE_PING, payload);
    }

    static byte[] frame(int opcode, byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) (FIN | opcode);
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length < 65536) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, length);
        return frame;
    }
}
