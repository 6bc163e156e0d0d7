package dev.parley.accounts.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Creates credential secrets and the SHA-256 under which they are stored. */
public final class TokenHash {

    /** Longer presented tokens are rejected without hashing them. */
    public static final int MAX_TOKEN_LENGTH = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenHash() {
    }

    /** 256 random bits, URL-safe, so a token can ride in a query string. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String of(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JDK", e);
        }
    }
}
