package dev.parley.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling with a deadline: tests never sleep a fixed time for an event. */
public final class Poll {

    private Poll() {
    }

    /** True as soon as the condition holds, false if it still does not after the timeout. */
    public static boolean until(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return condition.getAsBoolean();
    }
}
