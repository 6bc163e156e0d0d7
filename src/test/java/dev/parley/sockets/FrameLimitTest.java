package dev.parley.sockets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The 64 KiB frame limit counts UTF-8 bytes, whatever the container counts. */
class FrameLimitTest {

    private static void check(String text) {
        boolean over = text.getBytes(StandardCharsets.UTF_8).length > SocketPipeline.MAX_FRAME_BYTES;
        if (over) {
            assertTrue(SocketPipeline.tooLarge(text), text.length() + " chars");
        } else {
            assertFalse(SocketPipeline.tooLarge(text), text.length() + " chars");
        }
    }

    @Test
    void theLimitIsInBytes() {
        int max = SocketPipeline.MAX_FRAME_BYTES;
        check("a".repeat(max));
        check("a".repeat(max + 1));
        check("é".repeat(max / 2));
        check("é".repeat(max / 2) + "a");
        check("€".repeat(max / 3) + "a");
        check("€".repeat(max / 3) + "ab");
        check("😀".repeat(max / 4));
        check("😀".repeat(max / 4) + "a");
        check("€".repeat(max / 3 - 1));
    }
}
