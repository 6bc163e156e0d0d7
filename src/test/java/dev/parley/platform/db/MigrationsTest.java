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
import org.flywaydb.core.Flyway;
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
        MigrateResult result = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        assertTrue(result.migrationsExecuted >= 2, "applied " + result.migrationsExecuted);
        assertEquals(0, Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate().migrationsExecuted,
                "a second run has nothing to do");

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
}
