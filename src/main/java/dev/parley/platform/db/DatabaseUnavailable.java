package dev.parley.platform.db;

import jakarta.resource.ResourceException;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Recognises a failure that means the database cannot be reached (stopped, restarting, the network
 * cut): an SQLSTATE of class 08 (connection exception), a socket error, or the server's connection
 * pool failing to hand out a connection ({@link ResourceException}: Payara's pool reports a dead
 * connection that way, without the driver's SQLSTATE) anywhere in the cause chain, however the
 * driver, the pool, the persistence provider and the transaction manager wrapped it (as a cause or,
 * for a failed commit, a suppressed failure).
 * Such a failure is not Parley's bug: the request gets {@code unavailable} (503 over REST), and the
 * log gets one line per {@value #LOG_EVERY_SECONDS} s, not one per request.
 */
public final class DatabaseUnavailable {

    static final long LOG_EVERY_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class.getName());
    private static final AtomicLong LAST_LOGGED = new AtomicLong(System.nanoTime() - TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS));

    private DatabaseUnavailable() {
    }

    public static boolean in(Throwable failure) {
        return in(failure, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Walks causes and suppressed failures (a transaction manager reports a failed commit as suppressed). */
    private static boolean in(Throwable failure, Set<Throwable> seen) {
        if (failure == null || !seen.add(failure)) {
            return false;
        }
        if (failure instanceof SQLTransientConnectionException || failure instanceof SocketException || failure instanceof EOFException
                || failure instanceof ResourceException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (in(suppressed, seen)) {
                return true;
            }
        }
        return in(failure.getCause(), seen);
    }

    /** Logs that the database is unavailable, at most once per {@value #LOG_EVERY_SECONDS} s. */
    public static void log(Throwable failure) {
        long now = System.nanoTime();
        long last = LAST_LOGGED.get();
        if (now - last >= TimeUnit.SECONDS.toNanos(LOG_EVERY_SECONDS) && LAST_LOGGED.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "The database is unavailable; requests get 'unavailable' until it answers again", failure);
        }
    }
}
