package dev.parley.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Full-text search over messages (issue 18), with each database's own engine.
 * <ul>
 * <li>PostgreSQL: a {@code tsvector} column that the database keeps from the text itself (the
 * {@code simple} configuration: no stemming, so every language is treated alike) with a GIN index,
 * and an index by time for words so common that the newest matches are found faster by walking back.</li>
 * <li>H2: its built-in full-text search ({@code org.h2.fulltext.FullText}) on a table of its own,
 * {@code message_search}, which Parley fills after the commit (H2's index triggers would make every
 * send several times dearer).</li>
 * </ul>
 */
public class V14__MessageSearch extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            if (connection.getMetaData().getDatabaseProductName().startsWith("H2")) {
                statement.execute("create table message_search ("
                        + "message_id varchar(36) not null primary key references message (id) on delete cascade, "
                        + "body varchar(8000) not null)");
                statement.execute("create alias if not exists FT_INIT for 'org.h2.fulltext.FullText.init'");
                statement.execute("call FT_INIT()");
                statement.execute("call FT_CREATE_INDEX('PUBLIC', 'MESSAGE_SEARCH', 'BODY')");
            } else {
                statement.execute("alter table message add column search tsvector "
                        + "generated always as (to_tsvector('simple', body)) stored");
                statement.execute("create index message_search on message using gin (search)");
                // A common word matches much of the table: then the newest matches come fastest from
                // walking the messages backwards in time (the planner picks it over the GIN index).
                statement.execute("create index message_by_time on message (sent_at)");
            }
        }
    }
}
