package dev.parley.chat.entity;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides an uploaded file's content type from its bytes, never from the client's word alone:
 * PNG, JPEG, GIF and WebP are recognised by their signatures (and only they are ever shown inline);
 * anything else keeps a claimed type only if it is harmless when downloaded, else becomes
 * {@code application/octet-stream}. HTML, SVG, XML and scripts never keep their claimed type.
 */
public final class FileKind {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String GIF = "image/gif";
    public static final String WEBP = "image/webp";
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final Set<String> INLINE_IMAGE_TYPES = Set.of(PNG, JPEG, GIF, WEBP);

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,62}/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}");
    private static final Set<String> ACTIVE_CONTENT = Set.of("html", "xhtml", "svg", "xml", "javascript", "ecmascript", "x-sh", "x-msdownload");

    private FileKind() {
    }

    public static String detect(byte[] head, String claimed) {
        if (startsWith(head, new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
            return PNG;
        }
        if (startsWith(head, new int[] {0xFF, 0xD8, 0xFF})) {
            return JPEG;
        }
        if (startsWith(head, new int[] {'G', 'I', 'F', '8', '7', 'a'}) || startsWith(head, new int[] {'G', 'I', 'F', '8', '9', 'a'})) {
            return GIF;
        }
        if (head.length >= 12 && startsWith(head, new int[] {'R', 'I', 'F', 'F'})
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return WEBP;
        }
        return harmless(claimed);
    }

    private static String harmless(String claimed) {
        if (claimed == null) {
            return OCTET_STREAM;
        }
        String type = claimed.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!MEDIA_TYPE.matcher(type).matches() || INLINE_IMAGE_TYPES.contains(type) || type.startsWith("image/svg")) {
            return OCTET_STREAM;
        }
        for (String active : ACTIVE_CONTENT) {
            if (type.contains(active)) {
                return OCTET_STREAM;
            }
        }
        return type;
    }

    private static boolean startsWith(byte[] data, int[] signature) {
        if (data.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((data[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** A display name for a file: the last path segment of what the client sent, without control characters. */
    public static String cleanName(String submitted) {
        if (submitted == null) {
            return "file";
        }
        String name = submitted.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().filter(c -> !Character.isISOControl(c)).forEach(clean::appendCodePoint);
        String result = clean.toString().strip();
        if (result.isEmpty() || result.equals(".") || result.equals("..")) {
            return "file";
        }
        if (result.length() > Attachment.MAX_NAME) {
            int end = Character.isHighSurrogate(result.charAt(Attachment.MAX_NAME - 1)) ? Attachment.MAX_NAME - 1 : Attachment.MAX_NAME;
            result = result.substring(0, end);
        }
        return result;
    }
}
