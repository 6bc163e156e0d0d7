package dev.parley.platform.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A pooled physical connection that heals itself after the database went away. Pools keep their
 * connections; a database restart or a network cut leaves them dead, and a pool that does not test
 * them (WildFly's, for a {@code @DataSourceDefinition}, has no validation and no exception sorter)
 * would hand out dead connections forever. So the connection remembers that it failed with a
 * connection error (see {@link DatabaseUnavailable}) and, the next time a transaction starts on it
 * ({@code setAutoCommit}) or it is used outside a transaction, replaces its physical connection with
 * a new one first. Inside a transaction it never swaps: that transaction fails, as it must.
 */
final class HealingConnection implements InvocationHandler {

    private static final Logger LOG = Logger.getLogger(HealingConnection.class.getName());

    /** Opens a new physical connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private Connection physical;
    private boolean broken;

    private HealingConnection(Opener opener, Connection physical) {
        this.opener = opener;
        this.physical = physical;
    }

    static Connection open(Opener opener) throws SQLException {
        Connection first = opener.open();
        return (Connection) Proxy.newProxyInstance(HealingConnection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new HealingConnection(opener, first));
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
        if (broken && !name.equals("close") && (name.equals("setAutoCommit") || physicalAutoCommit())) {
            heal();
        }
        try {
            return method.invoke(physical, args);
        } catch (InvocationTargetException e) {
            Throwable failure = e.getCause();
            if (DatabaseUnavailable.in(failure)) {
                broken = true;
            }
            throw failure;
        }
    }

    private boolean physicalAutoCommit() {
        try {
            return physical.getAutoCommit();
        } catch (SQLException e) {
            return true;
        }
    }

    private void heal() throws SQLException {
        Connection replacement = opener.open();
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
