package dev.parley.chat.control;

import dev.parley.chat.control.ChatEvents.ReadMoved;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.entity.Conversation;
import dev.parley.chat.entity.ConversationId;
import dev.parley.chat.entity.Membership;
import dev.parley.chat.entity.MembershipKey;
import dev.parley.chat.entity.Message;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.web.ContextPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.hibernate.jpa.HibernateHints;

/** Messages in the database: pages of history, what a resume missed, read positions ({@link MessageBatch} appends). */
@ApplicationScoped
public class MessageStore {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    ContextPath contextPath;

    @Inject
    Event<ReadMoved> readMoved;

    /** The stored messages of these ids, by conversation and seq; ids of deleted messages are skipped. */
    @Transactional
    public List<MessageView> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Message.BY_IDS, Message.class)
                .setParameter("ids", ids)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultStream().map(this::view).toList();
    }

    /** The newest {@code limit} messages before {@code before} (exclusive), ascending, and whether older ones exist. */
    @Transactional
    public ChatFrames.HistoryPage page(ConversationId id, long before, int limit) {
        List<Message> newestFirst = em.createNamedQuery(Message.BEFORE, Message.class)
                .setParameter("conversation", id.value())
                .setParameter("before", before)
                .setMaxResults(limit + 1)
                .getResultList();
        boolean hasMore = newestFirst.size() > limit;
        return new ChatFrames.HistoryPage(id.value(), ascendingViews(newestFirst, limit), hasMore);
    }

    /** Messages after {@code after}: at most the newest {@code limit}, ascending; {@code truncated} if there were more. */
    @Transactional
    public Missed missed(ConversationId id, long after, int limit) {
        List<Message> newestFirst = em.createNamedQuery(Message.AFTER, Message.class)
                .setParameter("conversation", id.value())
                .setParameter("after", after)
                .setMaxResults(limit + 1)
                .getResultList();
        return new Missed(ascendingViews(newestFirst, limit), newestFirst.size() > limit);
    }

    public record Missed(List<MessageView> messages, boolean truncated) {
    }

    /** The oldest {@code limit} messages after {@code after}, ascending (to fill a gap in live delivery). */
    @Transactional
    public List<MessageView> after(ConversationId id, long after, int limit) {
        return em.createNamedQuery(Message.NEXT, Message.class)
                .setParameter("conversation", id.value())
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(this::view)
                .toList();
    }

    /** Moves the member's read position forward (never back); a move fires a receipt. */
    @Transactional
    public boolean markRead(String user, ConversationId id, long seq, String originConnection) {
        Conversation conversation = em.find(Conversation.class, id.value());
        Membership membership = em.find(Membership.class, new MembershipKey(id.value(), user));
        if (conversation == null || membership == null) {
            throw conversation == null ? ParleyException.notFound("no " + id) : ParleyException.forbidden("you are not a member of " + id);
        }
        if (seq < 1 || seq > conversation.lastSeq()) {
            throw ParleyException.badRequest("'seq' must be between 1 and " + conversation.lastSeq() + " in " + id);
        }
        int moved = em.createNamedQuery(Membership.MOVE_READ)
                .setParameter("seq", seq)
                .setParameter("conversation", id.value())
                .setParameter("user", user)
                .executeUpdate();
        if (moved > 0) {
            readMoved.fire(new ReadMoved(id.value(), user, seq, originConnection));
        }
        return moved > 0;
    }

    private List<MessageView> ascendingViews(List<Message> newestFirst, int limit) {
        List<MessageView> views = new ArrayList<>(Math.min(limit, newestFirst.size()));
        for (Message message : newestFirst.subList(0, Math.min(limit, newestFirst.size()))) {
            views.add(view(message));
        }
        Collections.reverse(views);
        return views;
    }

    private MessageView view(Message message) {
        return MessageView.of(message, contextPath.value());
    }
}
