package dev.parley.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Repairs text stored before Parley refused unpaired UTF-16 surrogates: each one becomes U+FFFD, so
 * history and resume can never again send a socket text it cannot encode. Only H2 can hold such text
 * (it stores Java strings); PostgreSQL stores UTF-8, into which the driver had already written '?'.
 * H2's regular expressions are Java's, which match an unpaired surrogate and never half of a pair.
 */
public class V8__RepairUnpairedSurrogates extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V8__RepairUnpairedSurrogates.class.getName());

    /** Every column that holds text a client wrote (or JSON built from it). */
    static final List<String> COLUMNS = List.of(
            "account.display_name", "conversation.title", "message.body", "message.client_msg_id",
            "attachment.name", "notification.category", "notification.title", "notification.body",
            "notification.url", "notification.data", "notification_preferences.document", "broadcast.category",
            "broadcast.title", "broadcast.body", "broadcast.url", "broadcast.data",
            "outbox_event.payload", "topic_value.frame");

    private static final String UNPAIRED = "'[\\uD800-\\uDFFF]'";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!connection.getMetaData().getDatabaseProductName().startsWith("H2")) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            for (String qualified : COLUMNS) {
                String table = qualified.substring(0, qualified.indexOf('.'));
                String column = qualified.substring(qualified.indexOf('.') + 1);
                int repaired = statement.executeUpdate("update " + table + " set " + column + " = regexp_replace(" + column
                        + ", " + UNPAIRED + ", '\uFFFD') where regexp_like(" + column + ", " + UNPAIRED + ")");
                if (repaired > 0) {
                    LOG.info(() -> "Repaired unpaired surrogates in " + repaired + " rows of " + qualified);
                }
            }
        }
    }
}
