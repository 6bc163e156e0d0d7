package dev.parley.platform.db;

import dev.parley.platform.config.Settings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Commits that survive a power cut on the embedded H2, when {@code PARLEY_DB_SYNC=true}. H2 writes
 * each commit to the file before the commit returns ({@code WRITE_DELAY=0}), which survives a
 * {@code kill -9}, but leaves it in the operating system's cache. {@link #sync} forces the file to the
 * disk ({@code CHECKPOINT SYNC}); the message writers call it after each batch commits and before
 * they acknowledge it, so one sync covers a whole batch. PostgreSQL syncs at commit by itself
 * ({@code synchronous_commit=on}): there this does nothing.
 */
@ApplicationScoped
public class DiskSync {

    private static final Logger LOG = Logger.getLogger(DiskSync.class.getName());

    @Resource(lookup = DataSourceDeclaration.JNDI_NAME)
    DataSource dataSource;

    @Inject
    Settings settings;

    private boolean enabled;

    @PostConstruct
    void init() {
        enabled = settings.dbSync() && DatabaseTarget.of(settings).kind() == DatabaseTarget.Kind.H2;
        if (enabled) {
            LOG.info("PARLEY_DB_SYNC: each batch of sends is forced to the disk before it is acknowledged");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * Forces everything committed so far to the disk. One sync at a time: a writer that waited for
     * another's sync syncs again, as its own commit may have come after that one began.
     *
     * @throws IllegalStateException wrapping the driver's failure
     */
    public synchronized void sync() {
        if (!enabled) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new IllegalStateException("could not force the database to the disk", e);
        }
    }
}
