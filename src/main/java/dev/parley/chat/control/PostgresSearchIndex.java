package dev.parley.chat.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Search on PostgreSQL: the {@code tsvector} column the database keeps, its GIN index, ranked by {@code ts_rank}. */
@ApplicationScoped
public class PostgresSearchIndex implements SearchIndex {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public List<String> find(SearchQuery query) {
        StringBuilder sql = new StringBuilder("select m.id from message m "
                + "join membership mb on mb.conversation_id = m.conversation_id and mb.username = ?1, "
                + "to_tsquery('simple', ?2) q where m.search @@ q and m.deleted_at is null");
        List<Object> parameters = new ArrayList<>(List.of(query.user(), query.tsquery()));
        H2SearchIndex.filters(query, sql, parameters);
        sql.append(" order by ts_rank(m.search, q) desc, m.sent_at desc");
        Query select = em.createNativeQuery(sql.toString());
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            select.setParameter(i + 1, value instanceof Instant instant ? Timestamp.from(instant) : value);
        }
        return select.setFirstResult(query.offset()).setMaxResults(query.limit() + 1).getResultList();
    }
}
