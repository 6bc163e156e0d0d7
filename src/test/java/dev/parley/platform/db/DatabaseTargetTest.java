package dev.parley.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.platform.config.MapConfig;
import dev.parley.platform.config.Settings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTargetTest {

    @TempDir
    Path dataDir;

    @Test
    void defaultsToAnEmbeddedH2FileThatWritesAtCommit() {
        DatabaseTarget target = DatabaseTarget.of(Settings.from(new MapConfig(Map.of("PARLEY_DATA_DIR", dataDir.toString()))));
        assertEquals(DatabaseTarget.Kind.H2, target.kind());
        assertEquals("jdbc:h2:file:" + dataDir.resolve("db/parley") + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000", target.url());
    }

    @Test
    void postgresqlWhenTheUrlSaysSo() {
        DatabaseTarget target = DatabaseTarget.of(Settings.from(new MapConfig(Map.of(
                "PARLEY_DB_URL", "jdbc:postgresql://db:5432/parley",
                "PARLEY_DB_USER", "chat",
                "PARLEY_DB_PASSWORD", "secret"))));
        assertEquals(DatabaseTarget.Kind.POSTGRESQL, target.kind());
        assertEquals("chat", target.user());
        assertEquals("secret", target.password());
    }

    @Test
    void postgresqlBatchesOfInsertsGoAsMultiRowInsertsUnlessTheUrlSaysOtherwise() throws Exception {
        PGSimpleDataSource rewritten = ParleyDataSource.create(postgres("jdbc:postgresql://db:5432/parley")).unwrap(PGSimpleDataSource.class);
        assertTrue(rewritten.getReWriteBatchedInserts());
        PGSimpleDataSource asked = ParleyDataSource.create(postgres("jdbc:postgresql://db:5432/parley?reWriteBatchedInserts=false"))
                .unwrap(PGSimpleDataSource.class);
        assertFalse(asked.getReWriteBatchedInserts());
    }

    private static DatabaseTarget postgres(String url) {
        return DatabaseTarget.of(Settings.from(new MapConfig(Map.of("PARLEY_DB_URL", url))));
    }

    @Test
    void rejectsOtherDatabases() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseTarget.of(Settings.from(
                new MapConfig(Map.of("PARLEY_DB_URL", "jdbc:mysql://db/parley")))));
    }

    @Test
    void embeddedDatabaseOpensAndKeepsTheWriteDelayOff() throws Exception {
        DatabaseTarget target = DatabaseTarget.of(Settings.from(new MapConfig(Map.of("PARLEY_DATA_DIR", dataDir.toString()))));
        try (Connection connection = ParleyDataSource.create(target).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(
                     "select setting_value from information_schema.settings where setting_name = 'WRITE_DELAY'")) {
            assertTrue(rs.next());
            assertEquals("0", rs.getString(1));
        }
    }
}
