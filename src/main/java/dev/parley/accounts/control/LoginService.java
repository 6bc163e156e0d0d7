package dev.parley.accounts.control;

import dev.parley.accounts.entity.Account;
import dev.parley.platform.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a username and password, throttled per account: after {@code PARLEY_LOGIN_MAX_FAILURES}
 * consecutive failures the account refuses logins (even correct ones) for a doubling period. The slow
 * hash runs outside any transaction, so a login holds no row lock or connection while it computes.
 */
@ApplicationScoped
public class LoginService {

    @Inject
    AccountService accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    Settings settings;

    @Inject
    Clock clock;

    /** What a login attempt came to. */
    public sealed interface Outcome permits Success, Failure, Locked {
    }

    public record Success(Account account) implements Outcome {
    }

    public record Failure() implements Outcome {
    }

    public record Locked(Duration retryAfter) implements Outcome {
    }

    public Outcome login(String username, String password) {
        Optional<Account> found = username == null ? Optional.empty() : accounts.find(username);
        if (found.isEmpty() || password == null) {
            hasher.verifyDecoy(password);
            return new Failure();
        }
        Account account = found.get();
        Optional<Duration> lock = account.lockedFor(clock.instant());
        if (lock.isPresent()) {
            return new Locked(lock.get());
        }
        boolean valid = hasher.verify(password, account.passwordHash());
        if (!valid || account.failedLogins() > 0 || hasher.needsRehash(account.passwordHash())) {
            accounts.recordLogin(username, valid, password, settings.loginMaxFailures());
        }
        return valid ? new Success(account) : new Failure();
    }
}
