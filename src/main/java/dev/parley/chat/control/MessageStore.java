package dev.parley.chat.control;

import dev.parley.chat.control.ChatEvents.ReadMoved;
import dev.parley.chat.control.ChatFrames.ChangeView;
import dev.parley.chat.control.ChatFrames.InStream;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.control.ChatFrames.ReactionView;
import dev.parley.chat.control.ChatFrames.ThreadSummary;
import dev.parley.chat.entity.ConversationId;
import dev.parley.chat.entity.Message;
import dev.parley.chat.entity.MessageChange;
import dev.parley.chat.entity.Reaction;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.web.ContextPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

/**
 * Messages in the database: pages of history, what a resume missed (messages and their changes, in
 * seq order), read positions ({@link MessageBatch} appends messages, {@link MessageChanges} changes).
 */
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
        return views(em.createNamedQuery(Message.BY_IDS, Message.class)
                .setParameter("ids", ids)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList());
    }

    /** Who wrote in the thread of the message at {@code root}: its author and everyone who replied. */
    @Transactional
    public Set<String> threadParticipants(ConversationId id, long root) {
        return new HashSet<>(em.createQuery("select distinct m.sender from Message m where m.conversationId = :conversation "
                        + "and (m.seq = :root or m.threadSeq = :root)", String.class)
                .setParameter("conversation", id.value())
                .setParameter("root", root)
                .getResultList());
    }

    /** The message at {@code seq} of the conversation, as it is now; empty if that seq is not a message. */
    @Transactional
    public Optional<MessageView> at(ConversationId id, long seq) {
        return em.createNamedQuery(Message.AT, Message.class)
                .setParameter("conversation", id.value())
                .setParameter("seq", seq)
                .getResultStream().findFirst().map(message -> views(List.of(message)).get(0));
    }

    /**
     * The newest {@code limit} messages before {@code before} (exclusive), ascending, and whether
     * older ones exist: of the whole conversation, of its top level only (no replies), or of one
     * thread's replies. Each is as it is now (edited, deleted, its reactions and replies), so the page
     * needs none of the changes between its seqs.
     */
    @Transactional
    public ChatFrames.HistoryPage page(ConversationId id, long before, int limit, Long thread, boolean topLevel) {
        String query = thread != null ? Message.BEFORE_IN_THREAD : topLevel ? Message.BEFORE_TOP_LEVEL : Message.BEFORE;
        var select = em.createNamedQuery(query, Message.class)
                .setParameter("conversation", id.value())
                .setParameter("before", before)
                .setMaxResults(limit + 1);
        if (thread != null) {
            select.setParameter("thread", thread);
        }
        List<Message> newestFirst = select.getResultList();
        boolean hasMore = newestFirst.size() > limit;
        List<MessageView> page = views(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        return new ChatFrames.HistoryPage(id.value(), thread, reversed(page), hasMore);
    }

    /**
     * What came after {@code after}, messages and changes: at most the newest {@code limit},
     * ascending; {@code truncated} if there were more.
     */
    @Transactional
    public Missed missed(ConversationId id, long after, int limit) {
        List<Message> messages = em.createNamedQuery(Message.AFTER, Message.class)
                .setParameter("conversation", id.value())
                .setParameter("after", after)
                .setMaxResults(limit + 1)
                .getResultList();
        List<MessageChange> changes = em.createNamedQuery(MessageChange.AFTER, MessageChange.class)
                .setParameter("conversation", id.value())
                .setParameter("after", after)
                .setMaxResults(limit + 1)
                .getResultList();
        List<InStream> newestFirst = merge(views(messages), changes, Comparator.comparingLong(InStream::seq).reversed());
        boolean truncated = newestFirst.size() > limit;
        return new Missed(reversed(newestFirst.subList(0, Math.min(limit, newestFirst.size()))), truncated);
    }

    /** Messages and changes in seq order. */
    public record Missed(List<InStream> entries, boolean truncated) {
    }

    /** The oldest {@code limit} messages and changes after {@code after}, ascending (to fill a gap in live delivery). */
    @Transactional
    public List<InStream> after(ConversationId id, long after, int limit) {
        List<Message> messages = em.createNamedQuery(Message.NEXT, Message.class)
                .setParameter("conversation", id.value())
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
        List<MessageChange> changes = em.createNamedQuery(MessageChange.NEXT, MessageChange.class)
                .setParameter("conversation", id.value())
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
        List<InStream> ascending = merge(views(messages), changes, Comparator.comparingLong(InStream::seq));
        return ascending.subList(0, Math.min(limit, ascending.size()));
    }

    /** Two lists, each already in {@code order}, as one in that order. */
    static List<InStream> merge(List<MessageView> messages, List<MessageChange> changes, Comparator<InStream> order) {
        List<InStream> merged = new ArrayList<>(messages.size() + changes.size());
        merged.addAll(messages);
        changes.forEach(change -> merged.add(ChangeView.of(change)));
        merged.sort(order);
        return merged;
    }

    /**
     * Moves members' read positions forward (never back), in one transaction; each move fires a
     * receipt (after the commit). Returns, per mark, why it was refused, or null: not found, not a
     * member, or a seq outside 1 to the conversation's last. Marks are applied in order, as one JDBC
     * batch of guarded updates, so a position is never moved back, even by another node.
     */
    @Transactional
    public List<Exception> markAllRead(List<ReadMarks.Mark> marks) {
        Set<String> conversations = new HashSet<>();
        Set<String> users = new HashSet<>();
        marks.forEach(mark -> {
            conversations.add(mark.conversation().value());
            users.add(mark.user());
        });
        Map<String, Long> lastSeqs = new HashMap<>();
        em.createQuery("select c.id, c.lastSeq from Conversation c where c.id in :ids", Object[].class)
                .setParameter("ids", conversations).getResultList()
                .forEach(row -> lastSeqs.put((String) row[0], (Long) row[1]));
        Set<String> members = new HashSet<>();
        em.createQuery("select m.conversationId, m.username from Membership m where m.conversationId in :ids and m.username in :users",
                        Object[].class)
                .setParameter("ids", conversations).setParameter("users", users).getResultList()
                .forEach(row -> members.add(row[0] + "\n" + row[1]));
        List<Exception> refusals = new ArrayList<>(marks.size());
        List<ReadMarks.Mark> valid = new ArrayList<>(marks.size());
        for (ReadMarks.Mark mark : marks) {
            ConversationId id = mark.conversation();
            Long lastSeq = lastSeqs.get(id.value());
            ParleyException refused = lastSeq == null ? ParleyException.notFound("no " + id)
                    : !members.contains(id.value() + "\n" + mark.user()) ? ParleyException.forbidden("you are not a member of " + id)
                    : mark.seq() < 1 || mark.seq() > lastSeq ? ParleyException.badRequest("'seq' must be between 1 and " + lastSeq + " in " + id)
                    : null;
            refusals.add(refused);
            if (refused == null) {
                valid.add(mark);
            }
        }
        if (valid.isEmpty()) {
            return refusals;
        }
        int[] moved = new int[valid.size()];
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement move = connection.prepareStatement(
                    "update membership set read_seq = ? where conversation_id = ? and username = ? and read_seq < ?")) {
                for (ReadMarks.Mark mark : valid) {
                    move.setLong(1, mark.seq());
                    move.setString(2, mark.conversation().value());
                    move.setString(3, mark.user());
                    move.setLong(4, mark.seq());
                    move.addBatch();
                }
                System.arraycopy(move.executeBatch(), 0, moved, 0, moved.length);
            }
        });
        for (int i = 0; i < valid.size(); i++) {
            if (moved[i] > 0) {
                ReadMarks.Mark mark = valid.get(i);
                readMoved.fire(new ReadMoved(mark.conversation().value(), mark.user(), mark.seq(), mark.originConnection()));
            }
        }
        return refusals;
    }

    /** Views of these messages, in their order, with their reactions and thread summaries (a query each for all of them). */
    private List<MessageView> views(List<Message> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, List<String>>> reactions = new HashMap<>();
        List<String> ids = messages.stream().filter(message -> !message.isDeleted()).map(Message::id).toList();
        if (!ids.isEmpty()) {
            em.createNamedQuery(Reaction.OF_MESSAGES, Reaction.class)
                    .setParameter("messages", ids)
                    .getResultStream()
                    .forEach(reaction -> reactions.computeIfAbsent(reaction.messageId(), id -> new LinkedHashMap<>())
                            .computeIfAbsent(reaction.emoji(), emoji -> new ArrayList<>()).add(reaction.username()));
        }
        Map<String, ThreadSummary> threads = threads(messages);
        List<MessageView> views = new ArrayList<>(messages.size());
        for (Message message : messages) {
            List<ReactionView> summary = new ArrayList<>();
            reactions.getOrDefault(message.id(), Map.of())
                    .forEach((emoji, users) -> summary.add(new ReactionView(emoji, users.size(), List.copyOf(users))));
            views.add(MessageView.of(message, contextPath.value(), summary,
                    threads.get(message.conversationId().value() + "\n" + message.seq())));
        }
        return views;
    }

    /** The replies of those messages that have any, keyed by conversation and seq; one query per conversation. */
    private Map<String, ThreadSummary> threads(List<Message> messages) {
        Map<String, List<Long>> roots = new HashMap<>();
        messages.stream().filter(message -> !message.isReply())
                .forEach(message -> roots.computeIfAbsent(message.conversationId().value(), c -> new ArrayList<>()).add(message.seq()));
        Map<String, ThreadSummary> threads = new HashMap<>();
        roots.forEach((conversation, seqs) -> em.createNamedQuery(Message.THREADS, Object[].class)
                .setParameter("conversation", conversation)
                .setParameter("roots", seqs)
                .getResultStream()
                .forEach(row -> threads.put(conversation + "\n" + row[0],
                        new ThreadSummary(((Number) row[1]).intValue(), (Instant) row[2]))));
        return threads;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
