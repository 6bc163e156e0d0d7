package dev.parley.platform.retry;

import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bounded retry at once, for an attempt that can lose a race (two transactions inserting the same
 * key): only the failures {@code retryable} accepts are retried, each logged at FINE; any other
 * failure, and the last retryable one, surface unchanged.
 */
public final class Retry {

    private static final Logger LOG = Logger.getLogger(Retry.class.getName());

    private Retry() {
    }

    public static <T> T onRace(int attempts, Predicate<RuntimeException> retryable, Supplier<T> attempt) {
        for (int tries = 1; ; tries++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (tries >= attempts || !retryable.test(e)) {
                    throw e;
                }
                int tried = tries;
                LOG.log(Level.FINE, e, () -> "Attempt " + tried + " lost a race; trying again");
            }
        }
    }
}
