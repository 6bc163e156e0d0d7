package dev.parley.accounts.entity;

import dev.parley.platform.error.ParleyException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person or system that logs in. Keeps its own invariants: a valid username, a display name within
 * bounds, always the {@code user} role, and the login-throttle state (consecutive failures, lock).
 */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.COUNT, query = "select count(a) from Account a")
@NamedQuery(name = Account.SEARCH, query = "select a from Account a where a.bot = false and "
        + "(a.username like :pattern escape '\\' or lower(a.displayName) like :pattern escape '\\') order by a.username")
public class Account {

    public static final String COUNT = "Account.count";
    public static final String SEARCH = "Account.search";
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");
    public static final int MAX_DISPLAY_NAME = 64;
    /** Names a mention uses for a room's members ({@code @here}, {@code @channel}, …): nobody may be called so. */
    public static final Set<String> RESERVED = Set.of("here", "channel", "room", "everyone", "all");
    /** A password hash no password matches (it is not in the hasher's format). */
    static final String UNUSABLE_PASSWORD = "!";

    /** The first lock lasts this long; each further failure doubles it, up to {@link #MAX_LOCK}. */
    static final Duration FIRST_LOCK = Duration.ofSeconds(30);
    static final Duration MAX_LOCK = Duration.ofMinutes(15);

    @Id
    @Column(name = "username", length = 32)
    private String username;

    @Column(name = "display_name", nullable = false, length = MAX_DISPLAY_NAME)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "roles", nullable = false, length = 64)
    private String roles;

    @Column(name = "failed_logins", nullable = false)
    private int failedLogins;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** Created for a system posting through JMS; it has no usable password. */
    @Column(name = "bot", nullable = false)
    private boolean bot;

    protected Account() {
    }

    /** An account for a system that posts messages through JMS: it can never log in. */
    public static Account bot(String username, String displayName, Instant now) {
        Account account = new Account(username, displayName, UNUSABLE_PASSWORD, now);
        account.bot = true;
        return account;
    }

    public boolean isBot() {
        return bot;
    }

    public Account(String username, String displayName, String passwordHash, Instant now) {
        this.username = validUsername(username);
        if (RESERVED.contains(username)) {
            throw ParleyException.badRequest("'" + username + "' is reserved for mentions; choose another username");
        }
        this.displayName = validDisplayName(displayName == null || displayName.isBlank() ? username : displayName);
        this.passwordHash = passwordHash;
        this.roles = Role.encode(EnumSet.of(Role.USER));
        this.createdAt = now;
    }

    public static String validUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ParleyException.badRequest("username must match [a-z0-9_.-]{3,32}");
        }
        return username;
    }

    static String validDisplayName(String name) {
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_DISPLAY_NAME) {
            throw ParleyException.badRequest("displayName must be at most " + MAX_DISPLAY_NAME + " characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw ParleyException.badRequest("displayName must not contain control characters");
        }
        return trimmed;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    public Set<Role> roles() {
        return Role.decode(roles);
    }

    /** Replaces the granted roles; {@code user} is always kept. */
    public void grantRoles(Set<Role> granted) {
        EnumSet<Role> all = EnumSet.of(Role.USER);
        all.addAll(granted);
        this.roles = Role.encode(all);
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** How long logins stay refused, if the account is locked at {@code now}. */
    public Optional<Duration> lockedFor(Instant now) {
        if (lockedUntil == null || !lockedUntil.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, lockedUntil));
    }

    /**
     * Counts a wrong password. From the {@code maxFailures}-th consecutive failure on, the account is
     * locked for 30 s, doubling with each further failure up to 15 minutes.
     */
    public void recordFailedLogin(Instant now, int maxFailures) {
        failedLogins++;
        if (failedLogins >= maxFailures) {
            int excess = Math.min(failedLogins - maxFailures, 10);
            Duration lock = FIRST_LOCK.multipliedBy(1L << excess);
            lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
        }
    }

    public void recordSuccessfulLogin() {
        failedLogins = 0;
        lockedUntil = null;
    }

    public int failedLogins() {
        return failedLogins;
    }
}
