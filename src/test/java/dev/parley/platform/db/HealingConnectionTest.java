package dev.parley.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pooled connection that the database dropped replaces itself, but never inside a transaction. */
class HealingConnectionTest {

    private final List<String> calls = new ArrayList<>();
    private final HealingConnection.Outages outages = new HealingConnection.Outages();
    private int opened;

    /**
     * A physical connection that fails every statement with a connection error when {@code dead}, and
     * after that refuses even {@code getAutoCommit}, as PostgreSQL's driver does.
     */
    private Connection physical(boolean dead) {
        int number = ++opened;
        boolean[] autoCommit = {true};
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            calls.add(number + ":" + method.getName());
            switch (method.getName()) {
                case "setAutoCommit" -> autoCommit[0] = (Boolean) args[0];
                case "getAutoCommit" -> {
                    if (closed[0]) {
                        throw new SQLException("This connection has been closed.", "08003");
                    }
                    return autoCommit[0];
                }
                case "isValid" -> {
                    return !dead;
                }
                case "createStatement" -> {
                    if (dead) {
                        closed[0] = true;
                        throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                    }
                }
                default -> {
                    // nothing else matters here
                }
            }
            return null;
        });
    }

    @Test
    void aConnectionThatLostTheDatabaseIsReplacedWhenTheNextTransactionStarts() throws SQLException {
        List<Connection> physicals = new ArrayList<>(List.of(physical(true), physical(false)));
        Connection connection = HealingConnection.open(() -> physicals.remove(0), outages);
        connection.setAutoCommit(false);
        assertThrows(SQLException.class, connection::createStatement, "the transaction on the dead connection fails");
        assertThrows(SQLException.class, connection::createStatement, "and is not moved to another connection mid-way");
        connection.rollback();
        connection.setAutoCommit(false);
        connection.createStatement();
        assertEquals(List.of("1:getAutoCommit", "1:setAutoCommit", "1:createStatement", "1:createStatement",
                "1:rollback", "2:setAutoCommit", "2:createStatement"), calls.stream().filter(c -> !c.endsWith(":close")).toList());
        assertTrue(calls.contains("1:close"), "the dead connection is closed");
    }

    @Test
    void aDeadConnectionThatRefusesEvenGetAutoCommitIsNotSwappedInsideItsTransaction() throws SQLException {
        List<Connection> physicals = new ArrayList<>(List.of(physical(true), physical(false)));
        Connection connection = HealingConnection.open(() -> physicals.remove(0), outages);
        connection.setAutoCommit(false);
        assertThrows(SQLException.class, connection::createStatement);
        calls.clear();
        connection.commit();
        assertEquals(List.of("1:commit"), calls, "the commit goes to the connection the transaction ran on (and fails there)");
    }

    @Test
    void otherFailuresLeaveTheConnectionAlone() throws SQLException {
        List<Connection> physicals = new ArrayList<>(List.of(physical(false)));
        Connection connection = HealingConnection.open(() -> physicals.remove(0), outages);
        connection.setAutoCommit(true);
        connection.createStatement();
        assertEquals(1, opened);
        assertTrue(connection.equals(connection) && connection.hashCode() == System.identityHashCode(connection));
    }

    @Test
    void aConnectionIdleDuringAnOutageChecksItselfOnceBeforeItsNextTransaction() throws SQLException {
        List<Connection> physicals = new ArrayList<>(List.of(physical(true), physical(true), physical(false), physical(false)));
        Connection busy = HealingConnection.open(() -> physicals.remove(0), outages);
        Connection idle = HealingConnection.open(() -> physicals.remove(0), outages);
        busy.setAutoCommit(false);
        assertThrows(SQLException.class, busy::createStatement, "the outage, seen on one connection");
        calls.clear();
        idle.setAutoCommit(false);
        idle.createStatement();
        assertEquals(List.of("2:isValid", "3:setAutoCommit", "3:createStatement"), calls.stream().filter(c -> !c.endsWith(":close")).toList(),
                "the idle connection, dead too, was checked and replaced before its transaction");
        calls.clear();
        idle.commit();
        idle.setAutoCommit(true);
        idle.setAutoCommit(false);
        assertEquals(List.of("3:commit", "3:setAutoCommit", "3:setAutoCommit"), calls, "checked once per outage, not per transaction");
    }

    @Test
    void aConnectionWhosePoolResetFailedDuringTheOutageHealsBeforeTheNextTransactionsFirstStatement() throws SQLException {
        List<Connection> physicals = new ArrayList<>(List.of(physical(true), physical(false)));
        boolean[] away = {false};
        Connection connection = HealingConnection.open(() -> {
            if (away[0]) {
                throw new SQLException("Connection to 127.0.0.1:5432 refused.", "08001");
            }
            return physicals.remove(0);
        }, outages);
        connection.setAutoCommit(false);
        away[0] = true;
        assertThrows(SQLException.class, connection::createStatement, "the transaction on the dead connection fails");
        connection.rollback();
        assertThrows(SQLException.class, () -> connection.setAutoCommit(true), "the pool's reset, while the database is away");
        away[0] = false;
        calls.clear();
        // WildFly's pool believes the connection is still in manual-commit mode: no setAutoCommit now.
        connection.createStatement();
        connection.commit();
        assertEquals(List.of("2:setAutoCommit", "2:createStatement", "2:commit"), calls.stream().filter(c -> !c.endsWith(":close")).toList(),
                "replaced, in the mode the pool believes in, before the transaction did anything");
    }

    @Test
    void aTransactionThatDidWorkStaysOnItsConnectionEvenWhenAnotherOneSawTheOutage() throws SQLException {
        List<Connection> physicals = new ArrayList<>(List.of(physical(false), physical(true), physical(false)));
        Connection working = HealingConnection.open(() -> physicals.remove(0), outages);
        Connection other = HealingConnection.open(() -> physicals.remove(0), outages);
        working.setAutoCommit(false);
        working.createStatement();
        other.setAutoCommit(false);
        assertThrows(SQLException.class, other::createStatement, "an outage, seen on the other connection");
        calls.clear();
        working.prepareStatement("select 1");
        working.commit();
        assertEquals(List.of("1:prepareStatement", "1:commit"), calls, "no check and no swap in the middle of a transaction");
    }
}
