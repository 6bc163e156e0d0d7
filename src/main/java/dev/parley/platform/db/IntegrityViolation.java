package dev.parley.platform.db;

import java.sql.SQLException;

/**
 * Recognises a lost race on a database constraint (two transactions inserting the same key): an
 * {@link SQLException} with an SQLSTATE of class 23 (integrity constraint violation) anywhere in the
 * cause chain, however the persistence provider and the transaction manager wrapped it. Everything
 * else is a real failure and must not be mistaken for a conflict.
 */
public final class IntegrityViolation {

    private IntegrityViolation() {
    }

    public static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (in(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
