package dev.parley.chat.control;

import java.util.List;

/**
 * The database's full-text search, one implementation per database ({@link PostgresSearchIndex},
 * {@link H2SearchIndex}): the ids of the messages a query matches, best first, among the conversations
 * the user is a member of, never of deleted messages.
 */
public interface SearchIndex {

    /** Message ids, best first: at most {@code query.limit() + 1} after skipping {@code query.offset()}. */
    List<String> find(SearchQuery query);
}
