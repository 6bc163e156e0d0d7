package dev.parley.chat.control;

import dev.parley.chat.control.ChatEvents.MessageChanged;
import dev.parley.chat.control.ChatEvents.MessagesPosted;
import dev.parley.chat.control.ChatFrames.ChangeView;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.entity.MessageChange;
import dev.parley.platform.config.Settings;
import dev.parley.platform.db.DatabaseTarget;
import dev.parley.platform.db.GroupCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Search on H2, with its built-in full-text index ({@code org.h2.fulltext.FullText}) over the table
 * {@code message_search}. H2 keeps that index with a trigger that costs several times an insert, so the
 * send path does not write it: after a batch of messages commits, their ids queue here and one thread
 * copies their text into {@code message_search} in batches (a message is searchable a moment after its
 * ack). What did not make it before a stop is copied at the next start. Edits and deletions change
 * the copy in their own transaction; a search returns messages as they are, never deleted ones.
 *
 * <p>H2's index matches whole words, all of them, and does not rank: the newest 500 matches are ranked
 * here by {@link SearchQuery#score}.
 */
@ApplicationScoped
public class H2SearchIndex implements SearchIndex {

    private static final Logger LOG = Logger.getLogger(H2SearchIndex.class.getName());
    static final int CANDIDATES = 500;
    private static final String COPY = "insert into message_search (message_id, body) select m.id, m.body from message m "
            + "where m.id in (%s) and m.deleted_at is null and m.body <> '' "
            + "and not exists (select 1 from message_search s where s.message_id = m.id)";

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Settings settings;

    @Inject
    H2SearchIndex self;

    @Resource
    ManagedThreadFactory threads;

    private boolean active;
    private GroupCommit<String> copies;
    private final AtomicBoolean behind = new AtomicBoolean();

    @PostConstruct
    void start() {
        active = DatabaseTarget.of(settings).kind() == DatabaseTarget.Kind.H2;
        if (active) {
            copies = new GroupCommit<>("parley-search-index", 100_000, 500, threads, new GroupCommit.Committer<>() {
                @Override
                public void commit(List<String> batch) {
                    self.copy(batch);
                    if (behind.compareAndSet(true, false)) {
                        int copied = self.copyMissing();
                        LOG.info(() -> "The search index caught up with " + copied + " messages it had no room to queue");
                    }
                }

                @Override
                public void fail(List<String> batch, Exception failure) {
                    LOG.log(Level.WARNING, batch.size() + " messages were not indexed for search now; they will be at the next start", failure);
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        if (copies != null) {
            copies.stop();
        }
    }

    /** At startup: copies what a stop left out (created on the deploying thread, where the thread factory is injected). */
    void eager(@Observes Startup startup) {
        if (active) {
            int copied = self.copyMissing();
            if (copied > 0) {
                LOG.info(() -> copied + " messages indexed for search at startup");
            }
        }
    }

    /**
     * After the commit, on the writer's thread: queues the messages without ever waiting. When the
     * queue is full, the next batch copies every message still missing instead.
     */
    void posted(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesPosted posted) {
        if (active) {
            for (MessageView message : posted.messages()) {
                if (!copies.offer(message.id()) && behind.compareAndSet(false, true)) {
                    LOG.warning("The search index is behind the messages; it catches up after its next batch");
                }
            }
        }
    }

    /** In the change's transaction: an edit replaces the searchable text, a deletion removes it. */
    void changed(@Observes MessageChanged changed) {
        ChangeView change = changed.change();
        if (!active) {
            return;
        }
        if (change.kind().equals(MessageChange.Kind.DELETED.wireName())) {
            em.createNativeQuery("delete from message_search where message_id = ?1").setParameter(1, change.messageId()).executeUpdate();
        } else if (change.kind().equals(MessageChange.Kind.EDITED.wireName()) && change.text() != null) {
            em.createNativeQuery("update message_search set body = ?1 where message_id = ?2")
                    .setParameter(1, change.text()).setParameter(2, change.messageId()).executeUpdate();
        }
    }

    /** Copies the text of these messages (those not deleted meanwhile) into the index. */
    @Transactional
    public void copy(List<String> ids) {
        Query insert = em.createNativeQuery(COPY.formatted(String.join(", ", Collections.nCopies(ids.size(), "?"))));
        for (int i = 0; i < ids.size(); i++) {
            insert.setParameter(i + 1, ids.get(i));
        }
        insert.executeUpdate();
    }

    /** Copies every message not in the index yet; returns how many. */
    @Transactional
    public int copyMissing() {
        return em.createNativeQuery("insert into message_search (message_id, body) select m.id, m.body from message m "
                + "where m.deleted_at is null and m.body <> '' and not exists (select 1 from message_search s where s.message_id = m.id)")
                .executeUpdate();
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> find(SearchQuery query) {
        StringBuilder sql = new StringBuilder("select m.id, m.body from FT_SEARCH_DATA(?1, 0, 0) ft "
                + "join message m on m.id = ft.KEYS[1] "
                + "join membership mb on mb.conversation_id = m.conversation_id and mb.username = ?2 "
                + "where m.deleted_at is null");
        List<Object> parameters = new ArrayList<>(List.of(String.join(" ", query.terms()), query.user()));
        filters(query, sql, parameters);
        sql.append(" order by m.sent_at desc");
        Query select = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            select.setParameter(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
        }
        List<Object[]> rows = select.setMaxResults(CANDIDATES).getResultList();
        Map<String, Integer> scores = new HashMap<>();
        List<String> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ids.add((String) row[0]);
            scores.put((String) row[0], query.score((String) row[1]));
        }
        ids.sort(Comparator.comparing(scores::get, Comparator.reverseOrder())); // stable: newest first among equals
        int from = Math.min(query.offset(), ids.size());
        return ids.subList(from, Math.min(ids.size(), from + query.limit() + 1));
    }

    /** The optional filters, as SQL over {@code m} (the message) with positional parameters after {@code parameters}. */
    static void filters(SearchQuery query, StringBuilder sql, List<Object> parameters) {
        if (query.conversation() != null) {
            parameters.add(query.conversation().value());
            sql.append(" and m.conversation_id = ?").append(parameters.size());
        }
        if (query.sender() != null) {
            parameters.add(query.sender());
            sql.append(" and m.sender = ?").append(parameters.size());
        }
        if (query.from() != null) {
            parameters.add(query.from());
            sql.append(" and m.sent_at >= ?").append(parameters.size());
        }
        if (query.to() != null) {
            parameters.add(query.to());
            sql.append(" and m.sent_at < ?").append(parameters.size());
        }
    }
}
