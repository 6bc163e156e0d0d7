package dev.parley.platform.db;

import dev.parley.platform.config.Settings;
import java.nio.file.Path;

/**
 * Which database Parley talks to: PostgreSQL (or any JDBC URL) when {@code PARLEY_DB_URL} is set,
 * otherwise an embedded H2 file database in the data folder.
 *
 * <p>The embedded URL sets {@code WRITE_DELAY=0}: H2 then writes every commit to the file before the
 * commit returns, so an acknowledged message survives a {@code kill -9} (with H2's default, the last
 * half second of commits lives only in memory).
 */
public record DatabaseTarget(Kind kind, String url, String user, String password) {

    public enum Kind { H2, POSTGRESQL }

    public static DatabaseTarget of(Settings settings) {
        if (settings.dbUrl().isPresent()) {
            String url = settings.dbUrl().get();
            if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
                throw new IllegalArgumentException("PARLEY_DB_URL must be a jdbc:postgresql: or jdbc:h2: URL, got " + url);
            }
            Kind kind = url.startsWith("jdbc:postgresql:") ? Kind.POSTGRESQL : Kind.H2;
            return new DatabaseTarget(kind, url, settings.dbUser(), settings.dbPassword());
        }
        return new DatabaseTarget(Kind.H2, embeddedUrl(settings.dataDir()), settings.dbUser(), settings.dbPassword());
    }

    static String embeddedUrl(Path dataDir) {
        Path file = dataDir.resolve("db").resolve("parley").toAbsolutePath();
        return "jdbc:h2:file:" + file + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    @Override
    public String toString() {
        return kind + " " + url + " as " + user;
    }
}
