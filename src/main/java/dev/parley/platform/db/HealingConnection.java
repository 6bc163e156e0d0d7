package dev.parley.platform.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A pooled physical connection that heals itself after the database went away. Pools keep their
 * connections; a database restart or a network cut leaves them dead, and a pool that does not test
 * them (WildFly's, for a {@code @DataSourceDefinition}, has no validation and no exception sorter)
 * would hand out dead connections forever. So the connection remembers that it failed with a
 * connection error (see {@link DatabaseUnavailable}) and, the next time a transaction starts on it
 * ({@code setAutoCommit}) or it is used outside a transaction, replaces its physical connection with
 * a new one first. Inside a transaction that has done work it never swaps: that transaction fails, as
 * it must. A transaction that has done nothing yet may move: WildFly's pool, whose reset of a
 * returned connection ({@code setAutoCommit(true)}) failed while the database was away, believes the
 * connection is still in manual-commit mode and starts the next transaction on it without calling
 * {@code setAutoCommit} at all; the replacement then gets the mode the pool believes in.
 *
 * <p>A connection that sat idle in the pool during an outage has not failed yet, but is just as dead.
 * So a connection error on any connection of the data source counts an outage ({@link Outages}), and
 * every connection that has not been checked since the last outage checks itself ({@code isValid})
 * before its next transaction: after the database returns, no user meets a dead connection, and in
 * steady state nothing is checked.
 */
final class HealingConnection implements InvocationHandler {

    private static final Logger LOG = Logger.getLogger(HealingConnection.class.getName());

    /** Opens a new physical connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    /** Connection errors seen on a data source's connections: each one may have killed the idle ones too. */
    static final class Outages {
        private final AtomicLong count = new AtomicLong();

        void happened() {
            count.incrementAndGet();
        }

        long count() {
            return count.get();
        }
    }

    private static final int VALID_SECONDS = 2;

    /** Calls that end a transaction: they go to the connection it ran on, whatever state that is in. */
    private static final Set<String> BOUNDARIES = Set.of("commit", "rollback", "close");

    /** Calls that do work in the current transaction (a statement made now runs in it). */
    private static final Set<String> WORK = Set.of("createStatement", "prepareStatement", "prepareCall", "nativeSQL", "setSavepoint",
            "releaseSavepoint");

    private final Opener opener;
    private final Outages outages;
    private Connection physical;
    private boolean broken;
    private long checkedAfter;
    /**
     * What the pool last set: tracked here, because a dead connection may refuse even
     * {@code getAutoCommit}, and a connection must never be swapped inside a transaction.
     */
    private boolean autoCommit;
    /** Whether a statement ran (or was made) since the last transaction boundary: then the connection must not move. */
    private boolean dirty;

    private HealingConnection(Opener opener, Outages outages, Connection physical) throws SQLException {
        this.opener = opener;
        this.outages = outages;
        this.physical = physical;
        this.checkedAfter = outages.count();
        this.autoCommit = physical.getAutoCommit();
    }

    static Connection open(Opener opener, Outages outages) throws SQLException {
        Connection first = opener.open();
        return (Connection) Proxy.newProxyInstance(HealingConnection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new HealingConnection(opener, outages, first));
    }

    @Override
    public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "healing " + physical;
            default:
                break;
        }
        boolean boundary = BOUNDARIES.contains(name) && (args == null || args.length == 0); // not rollback(savepoint)
        if ((broken || checkedAfter < outages.count()) && !boundary && (name.equals("setAutoCommit") || autoCommit || !dirty)) {
            long seen = outages.count();
            if (broken || !physical.isValid(VALID_SECONDS)) {
                // if the database is still away this throws, and the next use checks again
                heal(!name.equals("setAutoCommit"));
            }
            checkedAfter = seen;
        }
        if (WORK.contains(name)) {
            dirty = true;
        }
        try {
            Object result = method.invoke(physical, args);
            if (name.equals("setAutoCommit")) {
                autoCommit = (Boolean) args[0];
            }
            return result;
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            if (DatabaseUnavailable.in(failure)) {
                broken = true;
                outages.happened();
            }
            throw failure;
        } finally {
            if (boundary || name.equals("setAutoCommit")) {
                dirty = false; // the transaction is over, whether or not the database heard of its end
            }
        }
    }

    /** Replaces the physical connection; {@code keepMode}: in the commit mode the pool believes the connection is in. */
    private void heal(boolean keepMode) throws SQLException {
        Connection replacement = opener.open();
        if (keepMode && !autoCommit) {
            replacement.setAutoCommit(false);
        }
        try {
            physical.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "Closing a dead connection failed", e);
        }
        physical = replacement;
        broken = false;
        LOG.fine("Replaced a connection the database had dropped");
    }
}
