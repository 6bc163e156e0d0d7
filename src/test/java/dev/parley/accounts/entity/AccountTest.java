package dev.parley.accounts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountTest {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"abc", "a_b.c-d", "user123", "abcdefghijklmnopqrstuvwxyz012345"})
    void acceptsValidUsernames(String name) {
        assertEquals(name, new Account(name, null, "hash", NOW).username());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "Alice", "has space", "abcdefghijklmnopqrstuvwxyz0123456", "émile", "a/b", ""})
    void rejectsInvalidUsernames(String name) {
        ParleyException e = assertThrows(ParleyException.class, () -> new Account(name, null, "hash", NOW));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
    }

    @Test
    void displayNameDefaultsToUsernameAndIsTrimmed() {
        assertEquals("alice", new Account("alice", null, "h", NOW).displayName());
        assertEquals("alice", new Account("alice", "  ", "h", NOW).displayName());
        assertEquals("Alice A.", new Account("alice", "  Alice A. ", "h", NOW).displayName());
    }

    @Test
    void displayNameIsBounded() {
        assertThrows(ParleyException.class, () -> new Account("alice", "x".repeat(65), "h", NOW));
        assertThrows(ParleyException.class, () -> new Account("alice", "bad\u0007name", "h", NOW));
        assertEquals(64, new Account("alice", "é".repeat(64), "h", NOW).displayName().length());
    }

    @Test
    void everyAccountKeepsTheUserRole() {
        Account account = new Account("alice", null, "h", NOW);
        assertEquals(EnumSet.of(Role.USER), account.roles());
        account.grantRoles(EnumSet.of(Role.ADMIN));
        assertEquals(EnumSet.of(Role.USER, Role.ADMIN), account.roles());
        account.grantRoles(EnumSet.noneOf(Role.class));
        assertEquals(EnumSet.of(Role.USER), account.roles());
    }

    @Test
    void locksAfterTheConfiguredFailuresAndDoublesTheLock() {
        Account account = new Account("alice", null, "h", NOW);
        for (int i = 0; i < 4; i++) {
            account.recordFailedLogin(NOW, 5);
            assertEquals(Optional.empty(), account.lockedFor(NOW));
        }
        account.recordFailedLogin(NOW, 5);
        assertEquals(Optional.of(Duration.ofSeconds(30)), account.lockedFor(NOW));
        account.recordFailedLogin(NOW, 5);
        assertEquals(Optional.of(Duration.ofSeconds(60)), account.lockedFor(NOW));
        assertEquals(Optional.empty(), account.lockedFor(NOW.plusSeconds(60)));
    }

    @Test
    void lockIsCappedAtFifteenMinutes() {
        Account account = new Account("alice", null, "h", NOW);
        for (int i = 0; i < 40; i++) {
            account.recordFailedLogin(NOW, 5);
        }
        assertEquals(Optional.of(Duration.ofMinutes(15)), account.lockedFor(NOW));
    }

    @Test
    void successResetsTheThrottle() {
        Account account = new Account("alice", null, "h", NOW);
        for (int i = 0; i < 5; i++) {
            account.recordFailedLogin(NOW, 5);
        }
        assertTrue(account.lockedFor(NOW).isPresent());
        account.recordSuccessfulLogin();
        assertEquals(0, account.failedLogins());
        assertEquals(Optional.empty(), account.lockedFor(NOW));
    }

    @Test
    void rolesRoundTripThroughTheirColumn() {
        assertEquals("user,publisher,admin", Role.encode(EnumSet.allOf(Role.class)));
        assertEquals(EnumSet.allOf(Role.class), Role.decode("admin,publisher"));
        assertThrows(ParleyException.class, () -> Role.fromWire("root"));
    }

    @Test
    void namesThatMentionARoomAreReserved() {
        for (String name : Account.RESERVED) {
            ParleyException refused = assertThrows(ParleyException.class, () -> new Account(name, null, "hash", Instant.EPOCH));
            assertTrue(refused.getMessage().contains("reserved"), refused.getMessage());
        }
        assertEquals("heres", new Account("heres", null, "hash", Instant.EPOCH).username(), "only the names themselves");
    }
}
