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
    private int opened;

    /** A physical connection that fails every statement with a connection error when {@code dead}. */
    private Connection physical(boolean dead) {
        int number = ++opened;
        boolean[] autoCommit = {true};
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            calls.add(number + ":" + method.getName());
            switch (method.getName()) {
                case "setAutoCommit" -> autoCommit[0] = (Boolean) args[0];
                case "getAutoCommit" -> {
                    return autoCommit[0];
                }
                case "createStatement" -> {
                    if (dead) {
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
        Connection connection = HealingConnection.open(() -> physicals.remove(0));
        connection.setAutoCommit(false);
        assertThrows(SQLException.class, connection::createStatement, "the transaction on the dead connection fails");
        assertThrows(SQLException.class, connection::createStatement, "and is not moved to another connection mid-way");
        connection.rollback();
        connection.setAutoCommit(false);
        connection.createStatement();
        assertEquals(List.of("1:setAutoCommit", "1:createStatement", "1:getAutoCommit", "1:createStatement", "1:getAutoCommit",
                "1:rollback", "2:setAutoCommit", "2:createStatement"), calls.stream().filter(c -> !c.endsWith(":close")).toList());
        assertTrue(calls.contains("1:close"), "the dead connection is closed");
    }

    @Test
    void otherFailuresLeaveTheConnectionAlone() throws SQLException {
        List<Connection> physicals = new ArrayList<>(List.of(physical(false)));
        Connection connection = HealingConnection.open(() -> physicals.remove(0));
        connection.setAutoCommit(true);
        connection.createStatement();
        assertEquals(1, opened);
        assertTrue(connection.equals(connection) && connection.hashCode() == System.identityHashCode(connection));
    }
}
