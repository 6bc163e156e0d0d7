package dev.parley.accounts.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.error.ParleyException;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse");
        assertTrue(hasher.verify("correct horse", hash));
        assertFalse(hasher.verify("correct horsf", hash));
        assertFalse(hasher.verify("", hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
    }

    @Test
    void hashNamesItsAlgorithmAndWorkFactor() {
        assertTrue(hasher.hash("password").startsWith("pbkdf2-sha256:1000:"));
    }

    @Test
    void olderWorkFactorsStillVerifyAndAskForARehash() {
        String old = new PasswordHasher(2000).hash("password");
        assertTrue(hasher.verify("password", old));
        assertTrue(hasher.needsRehash(old));
        assertFalse(hasher.needsRehash(hasher.hash("password")));
    }

    @Test
    void foreignHashFormatsNeverVerify() {
        assertFalse(hasher.verify("password", "plain:password"));
        assertFalse(hasher.verifyDecoy("password"));
    }

    @Test
    void passwordPolicyCountsCharactersNotBytes() {
        assertDoesNotThrow(() -> PasswordHasher.checkPolicy("12345678"));
        assertDoesNotThrow(() -> PasswordHasher.checkPolicy("x".repeat(128)));
        assertDoesNotThrow(() -> PasswordHasher.checkPolicy("\uD83D\uDE00".repeat(8)));
        assertThrows(ParleyException.class, () -> PasswordHasher.checkPolicy("1234567"));
        assertThrows(ParleyException.class, () -> PasswordHasher.checkPolicy("x".repeat(129)));
        assertThrows(ParleyException.class, () -> PasswordHasher.checkPolicy("\uD83D\uDE00".repeat(7)));
        assertThrows(ParleyException.class, () -> PasswordHasher.checkPolicy(null));
    }
}
