package dev.parley.chat.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileKindTest {

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    @Test
    void recognisesTheFourInlineImageFormatsByTheirBytes() {
        assertEquals(FileKind.PNG, FileKind.detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0), "text/html"));
        assertEquals(FileKind.JPEG, FileKind.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0), null));
        assertEquals(FileKind.GIF, FileKind.detect("GIF89a....".getBytes(StandardCharsets.US_ASCII), "image/png"));
        assertEquals(FileKind.GIF, FileKind.detect("GIF87a....".getBytes(StandardCharsets.US_ASCII), null));
        assertEquals(FileKind.WEBP, FileKind.detect("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), null));
    }

    @ParameterizedTest
    @CsvSource({
            "'<html>', text/html, application/octet-stream",
            "'<svg/>', image/svg+xml, application/octet-stream",
            "'<svg/>', image/png, application/octet-stream",
            "'alert(1)', application/javascript, application/octet-stream",
            "'<?xml?>', application/xhtml+xml, application/octet-stream",
            "'%PDF-1.7', application/pdf, application/pdf",
            "'hello', text/plain; charset=utf-8, text/plain",
            "'PK', application/zip, application/zip",
            "'RIFF', image/webp, application/octet-stream",
            "'x', not a type, application/octet-stream",
            "'x', '', application/octet-stream"})
    void otherFilesKeepOnlyAHarmlessClaimedType(String content, String claimed, String expected) {
        assertEquals(expected, FileKind.detect(content.getBytes(StandardCharsets.UTF_8), claimed));
    }

    @Test
    void namesAreForDisplayOnlyNeverPaths() {
        assertEquals("passwd", FileKind.cleanName("../../etc/passwd"));
        assertEquals("evil.exe", FileKind.cleanName("C:\\Users\\x\\evil.exe"));
        assertEquals("file", FileKind.cleanName(".."));
        assertEquals("file", FileKind.cleanName(null));
        assertEquals("ab.txt", FileKind.cleanName("a\u0000b\n.txt"));
        assertEquals(255, FileKind.cleanName("é".repeat(400)).length());
        assertEquals(254, FileKind.cleanName("\uD83D\uDE00".repeat(200)).length(), "never splits a surrogate pair");
        assertEquals(255, FileKind.cleanName("a" + "\uD83D\uDE00".repeat(200)).length());
    }
}
