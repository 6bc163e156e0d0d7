package dev.parley.platform.db;

import dev.parley.platform.config.Settings;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The physical data source behind {@code java:app/jdbc/parley}. The server's pool instantiates it by
 * class name; it reads {@link Settings} itself and delegates to the H2 or PostgreSQL driver's own data
 * source, so environment variables alone switch databases and the {@code @DataSourceDefinition} needs
 * no server-specific placeholders.
 */
public class ParleyDataSource implements DataSource {

    private volatile DataSource delegate;
    private volatile boolean healing;
    /** Shared by every connection to the database, whichever data source object the server made. */
    private static final HealingConnection.Outages OUTAGES = new HealingConnection.Outages();
    private PrintWriter logWriter;
    private int loginTimeout;
    private String description;

    private DataSource delegate() {
        DataSource current = delegate;
        if (current == null) {
            synchronized (this) {
                if (delegate == null) {
                    Settings settings = Settings.from(ConfigProvider.getConfig(ParleyDataSource.class.getClassLoader()));
                    DatabaseTarget target = DatabaseTarget.of(settings);
                    healing = target.kind() == DatabaseTarget.Kind.POSTGRESQL;
                    delegate = create(target);
                }
                current = delegate;
            }
        }
        return current;
    }

    static DataSource create(DatabaseTarget target) {
        return switch (target.kind()) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL(target.url());
                h2.setUser(target.user());
                h2.setPassword(target.password());
                yield h2;
            }
            case POSTGRESQL -> {
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(target.url());
                if (!target.url().contains("reWriteBatchedInserts")) {
                    // A batch of inserts (a group commit's messages) goes as multi-row INSERTs: one
                    // statement per 128 rows instead of one per row. The URL can still say otherwise.
                    pg.setReWriteBatchedInserts(true);
                }
                pg.setUser(target.user());
                pg.setPassword(target.password());
                yield pg;
            }
        };
    }

    @Override
    public Connection getConnection() throws SQLException {
        DataSource source = delegate();
        // A server database can go away and come back; its pooled connections then heal themselves.
        return healing ? HealingConnection.open(source::getConnection, OUTAGES) : source.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        // The pool may pass the definition's (empty) credentials; the configured ones are the truth.
        return getConnection();
    }

    /** A label only; the pools set it because the declaration must name some property. */
    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return delegate().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || delegate().isWrapperFor(type);
    }
}
