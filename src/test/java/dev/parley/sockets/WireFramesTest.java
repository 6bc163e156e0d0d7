package dev.parley.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Server frames byte for byte (RFC 6455, section 5.2): FIN and opcode, unmasked, the three length forms. */
class WireFramesTest {

    private final WireFrames wire = new WireFrames();

    @Test
    void lengthsUseTheShortestForm() {
        for (int length : new int[] {0, 1, 125, 126, 127, 65535, 65536, 70000}) {
            String text = "a".repeat(length);
            byte[] frame = wire.text(text);
            ByteBuffer in = ByteBuffer.wrap(frame);
            assertEquals((byte) 0x81, in.get(), "final text frame");
            int second = in.get() & 0xFF;
            long decoded;
            if (length < 126) {
                assertEquals(length, second, "7-bit length");
                decoded = second;
            } else if (length < 65536) {
                assertEquals(126, second);
                decoded = in.getShort() & 0xFFFF;
            } else {
                assertEquals(127, second);
                decoded = in.getLong();
            }
            assertEquals(length, decoded);
            assertEquals(length, in.remaining(), "the payload follows the header, unmasked");
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(frame, in.position(), frame.length));
        }
    }

    @Test
    void textIsUtf8() {
        String text = "é😀";
        byte[] frame = wire.text(text);
        assertEquals(2 + 6, frame.length);
        assertEquals(6, frame[1]);
        assertEquals(text, new String(frame, 2, 6, StandardCharsets.UTF_8));
    }

    @Test
    void aPingCarriesItsMarkBigEndian() {
        byte[] ping = WireFrames.ping(0x0102030405060708L);
        assertArrayEquals(new byte[] {(byte) 0x89, 8, 1, 2, 3, 4, 5, 6, 7, 8}, ping);
    }
}
