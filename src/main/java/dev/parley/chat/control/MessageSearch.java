package dev.parley.chat.control;

import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.platform.config.Settings;
import dev.parley.platform.db.DatabaseTarget;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Full-text search over the messages a user may read: the database's own engine behind one port
 * ({@link SearchIndex}), then the messages as they are now, each with where its words matched.
 */
@ApplicationScoped
public class MessageSearch {

    @Inject
    Settings settings;

    @Inject
    PostgresSearchIndex postgres;

    @Inject
    H2SearchIndex h2;

    @Inject
    MessageStore messages;

    private SearchIndex index;

    @PostConstruct
    void choose() {
        index = DatabaseTarget.of(settings).kind() == DatabaseTarget.Kind.POSTGRESQL ? postgres : h2;
    }

    /** A found message, and the [start, end) ranges of its text to highlight. */
    public record Hit(MessageView message, List<SearchQuery.Range> highlights) {
    }

    public record Results(List<String> terms, List<Hit> hits, boolean hasMore) {
    }

    public Results search(SearchQuery query) {
        List<String> ids = index.find(query);
        boolean hasMore = ids.size() > query.limit();
        List<String> page = ids.subList(0, Math.min(query.limit(), ids.size()));
        Map<String, MessageView> found = new HashMap<>();
        messages.findAll(page).forEach(message -> found.put(message.id(), message));
        List<Hit> hits = page.stream().filter(found::containsKey).map(found::get)
                .map(message -> new Hit(message, query.highlights(message.text()))).toList();
        return new Results(query.terms(), hits, hasMore);
    }
}
