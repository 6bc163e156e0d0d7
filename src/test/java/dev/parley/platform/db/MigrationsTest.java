package dev.parley.platform.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.config.MapConfig;
import dev.parley.platform.config.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every migration applies to a fresh embedded database, and the types behave as the entities expect. */
class MigrationsTest {

    @TempDir
    Path dataDir;

    @Test
    void allMigrationsApplyToAFreshEmbeddedDatabase() throws Exception {
        DataSource dataSource = ParleyDataSource.create(DatabaseTarget.of(
                Settings.from(new MapConfig(Map.of("PARLEY_DATA_DIR", dataDir.toString())))));
        MigrateResult result = Migrations.configure(dataSource).load().migrate();
        assertTrue(result.migrationsExecuted >= 8, "applied " + result.migrationsExecuted);
        assertEquals(0, Migrations.configure(dataSource).load().migrate().migrationsExecuted, "a second run has nothing to do");

        byte[] bytes = {0, 1, (byte) 0xff, 42};
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute("insert into account (username, display_name, password_hash, roles, created_at) "
                    + "values ('alice', 'Alice', 'h', 'user', current_timestamp)");
            connection.createStatement().execute("insert into attachment (id, uploader, name, content_type, size_bytes, created_at) "
                    + "values ('a1', 'alice', 'x.bin', 'application/octet-stream', 4, current_timestamp)");
            try (PreparedStatement insert = connection.prepareStatement("insert into attachment_content (attachment_id, data) values ('a1', ?)")) {
                insert.setBytes(1, bytes);
                insert.executeUpdate();
            }
            try (ResultSet rs = connection.createStatement().executeQuery("select data from attachment_content")) {
                assertTrue(rs.next());
                assertArrayEquals(bytes, rs.getBytes(1));
            }
        }
    }

    @Test
    void textStoredWithUnpairedSurrogatesIsRepaired() throws Exception {
        DataSource dataSource = ParleyDataSource.create(DatabaseTarget.of(
                Settings.from(new MapConfig(Map.of("PARLEY_DATA_DIR", dataDir.toString())))));
        Migrations.configure(dataSource).target("7").load().migrate();
        String broken = "bad \uD800 text, good \uD83D\uDE00 pair, lone low \uDC00";
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("insert into account (username, display_name, password_hash, roles, created_at) "
                    + "values ('bob', ?, 'h', 'user', current_timestamp)")) {
                insert.setString(1, "Bob \uDBFF");
                insert.executeUpdate();
            }
            connection.createStatement().execute("insert into conversation (id, kind, visibility, created_at, last_seq) "
                    + "values ('room:x', 'ROOM', 'PUBLIC', current_timestamp, 1)");
            try (PreparedStatement insert = connection.prepareStatement("insert into message (id, conversation_id, seq, sender, body, "
                    + "client_msg_id, sent_at) values ('m1', 'room:x', 1, 'bob', ?, 'c1', current_timestamp)")) {
                insert.setString(1, broken);
                insert.executeUpdate();
            }
        }
        Migrations.configure(dataSource).load().migrate();
        try (Connection connection = dataSource.getConnection()) {
            try (ResultSet rs = connection.createStatement().executeQuery("select body from message where id = 'm1'")) {
                assertTrue(rs.next());
                assertEquals("bad \uFFFD text, good \uD83D\uDE00 pair, lone low \uFFFD", rs.getString(1));
            }
            try (ResultSet rs = connection.createStatement().executeQuery("select display_name from account where username = 'bob'")) {
                assertTrue(rs.next());
                assertEquals("Bob \uFFFD", rs.getString(1));
            }
        }
    }
}
