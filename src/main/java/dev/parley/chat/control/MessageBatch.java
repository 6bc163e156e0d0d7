package dev.parley.chat.control;

import dev.parley.chat.control.ChatEvents.MessagesPosted;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.control.MessageSender.Outcome;
import dev.parley.chat.control.MessageSender.Pending;
import dev.parley.chat.control.MessageSender.Stored;
import dev.parley.chat.entity.Attachment;
import dev.parley.chat.entity.Conversation;
import dev.parley.chat.entity.Membership;
import dev.parley.chat.entity.MembershipKey;
import dev.parley.chat.entity.Message;
import dev.parley.platform.error.ParleyException;
import dev.parley.platform.web.ContextPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.hibernate.Session;

/**
 * One transaction for a batch of sends. First the rules: retried {@code clientMsgId}s are looked up
 * once for the batch, then each send's membership and attachments; a send the rules refuse (not a
 * member, an attachment that is not the sender's) is refused alone. Then each conversation's
 * {@code last_seq} is raised once by the number of its new messages, in id order ({@link #reserve}:
 * the row stays locked until the commit, so writers on two nodes take their seqs one after the
 * other and never wait on each other in a cycle), and the messages are stored at those seqs in the
 * order the sends queued.
 */
@ApplicationScoped
public class MessageBatch {

    @PersistenceContext(unitName = "parley")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ContextPath contextPath;

    @Inject
    Event<MessagesPosted> posted;

    @Transactional
    public List<Outcome> commit(List<Pending> sends) {
        Map<String, Message> known = storedBefore(sends);
        Outcome[] outcomes = new Outcome[sends.size()];
        List<Accepted> accepted = new ArrayList<>(sends.size());
        Map<String, Integer> batchKeys = new HashMap<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < sends.size(); i++) {
            Pending send = sends.get(i);
            String key = key(send.sender(), send.clientMsgId());
            Message earlier = known.get(key);
            if (earlier != null) {
                outcomes[i] = Outcome.stored(send, new Stored(view(earlier), true));
                continue;
            }
            if (batchKeys.containsKey(key)) {
                continue; // the same send twice in this batch: answered with the first, below
            }
            try {
                accepted.add(check(send, i));
                batchKeys.put(key, i);
                counts.merge(send.conversation().value(), 1, Integer::sum);
            } catch (ParleyException e) {
                outcomes[i] = Outcome.failed(send, e);
            }
        }
        Map<String, Long> nextSeq = reserve(counts);
        Map<String, Integer> threadIndexes = lastThreadIndexes(accepted);
        Instant now = clock.instant();
        List<MessageView> stored = new ArrayList<>(accepted.size());
        for (Accepted one : accepted) {
            Pending send = one.send();
            Long seq = nextSeq.computeIfPresent(send.conversation().value(), (id, next) -> next + 1);
            if (seq == null) {
                outcomes[one.index()] = Outcome.failed(send, ParleyException.notFound("no " + send.conversation()));
                continue;
            }
            Message message = one.threadRoot() == null
                    ? new Message(UUID.randomUUID().toString(), send.conversation(), seq - 1, send.sender(), send.text(), send.clientMsgId(),
                            one.attachments(), now)
                    : new Message(UUID.randomUUID().toString(), send.conversation(), seq - 1, send.sender(), send.text(), send.clientMsgId(),
                            one.attachments(), now, one.threadRoot(),
                            threadIndexes.merge(threadKey(send.conversation().value(), one.threadRoot()), 1, Integer::sum));
            em.persist(message);
            one.membership().markRead(message.seq());
            MessageView view = view(message);
            stored.add(view);
            outcomes[one.index()] = Outcome.stored(send, new Stored(view, false));
        }
        for (int i = 0; i < sends.size(); i++) {
            if (outcomes[i] == null) {
                Outcome first = outcomes[batchKeys.get(key(sends.get(i).sender(), sends.get(i).clientMsgId()))];
                outcomes[i] = first.failure() != null ? Outcome.failed(sends.get(i), first.failure())
                        : Outcome.stored(sends.get(i), new Stored(first.stored().message(), true));
            }
        }
        if (!stored.isEmpty()) {
            posted.fire(new MessagesPosted(stored));
        }
        return List.of(outcomes);
    }

    /** A send that passed the rules, waiting for its seq; {@code threadRoot} is set for a reply. */
    private record Accepted(int index, Pending send, Membership membership, List<Attachment> attachments, Long threadRoot) {
    }

    /** The rules that need the database: the sender is a member, and attached files are theirs. */
    private Accepted check(Pending send, int index) {
        Membership membership = em.find(Membership.class, new MembershipKey(send.conversation().value(), send.sender()));
        if (membership == null) {
            if (em.find(Conversation.class, send.conversation().value()) == null) {
                throw ParleyException.notFound("no " + send.conversation());
            }
            throw ParleyException.forbidden("you are not a member of " + send.conversation());
        }
        List<Attachment> attachments = new ArrayList<>();
        for (String attachmentId : send.attachments()) {
            Attachment attachment = em.find(Attachment.class, attachmentId);
            if (attachment == null || !attachment.uploader().equals(send.sender())) {
                throw ParleyException.notFound("no attachment " + attachmentId + " uploaded by you");
            }
            attachments.add(attachment);
        }
        return new Accepted(index, send, membership, attachments, send.thread() == null ? null : threadRoot(send));
    }

    /**
     * The seq of the thread a reply goes to: the message it names, or that message's own thread if it
     * is a reply itself (threads do not nest, as in Slack).
     */
    private long threadRoot(Pending send) {
        Message named = em.createNamedQuery(Message.AT, Message.class)
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("conversation", send.conversation().value())
                .setParameter("seq", send.thread())
                .getResultStream().findFirst()
                .orElseThrow(() -> ParleyException.notFound("no message " + send.thread() + " in " + send.conversation() + " to reply to"));
        return named.threadRoot();
    }

    /**
     * The last reply's place in each thread the batch replies in, read after {@link #reserve} locked
     * the conversations (so no other writer adds replies meanwhile): one query per conversation with
     * replies, none for a batch without.
     */
    private Map<String, Integer> lastThreadIndexes(List<Accepted> accepted) {
        Map<String, Set<Long>> roots = new TreeMap<>();
        accepted.stream().filter(one -> one.threadRoot() != null)
                .forEach(one -> roots.computeIfAbsent(one.send().conversation().value(), c -> new HashSet<>()).add(one.threadRoot()));
        Map<String, Integer> last = new HashMap<>();
        roots.forEach((conversation, seqs) -> {
            seqs.forEach(seq -> last.put(threadKey(conversation, seq), 0));
            em.createNamedQuery(Message.THREADS, Object[].class)
                    .setFlushMode(FlushModeType.COMMIT)
                    .setParameter("conversation", conversation)
                    .setParameter("roots", seqs)
                    .getResultStream()
                    .forEach(row -> last.put(threadKey(conversation, ((Number) row[0]).longValue()), ((Number) row[1]).intValue()));
        });
        return last;
    }

    private static String threadKey(String conversation, long root) {
        return conversation + '\n' + root;
    }

    /**
     * Takes {@code count} seqs in each conversation: one {@code last_seq} increment per conversation,
     * in id order, sent as one JDBC batch. The increment locks the row until the commit, so another
     * writer (on any node) takes its seqs after this batch's, from the committed value: seqs stay
     * gap-free and unique, and two writers never wait on each other in a cycle. Returns each existing
     * conversation's first new seq.
     */
    private Map<String, Long> reserve(Map<String, Integer> counts) {
        Map<String, Long> first = new HashMap<>();
        if (counts.isEmpty()) {
            return first;
        }
        List<String> ids = new ArrayList<>(counts.keySet());
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement increment = connection.prepareStatement("update conversation set last_seq = last_seq + ? where id = ?")) {
                for (String id : ids) {
                    increment.setLong(1, counts.get(id));
                    increment.setString(2, id);
                    increment.addBatch();
                }
                increment.executeBatch();
            }
            String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
            try (PreparedStatement read = connection.prepareStatement("select id, last_seq from conversation where id in (" + in + ")")) {
                for (int i = 0; i < ids.size(); i++) {
                    read.setString(i + 1, ids.get(i));
                }
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        first.put(rows.getString(1), rows.getLong(2) - counts.get(rows.getString(1)) + 1);
                    }
                }
            }
        });
        return first;
    }

    /** The committed messages that any send of the batch retries, by {@link #key}: one query per batch. */
    private Map<String, Message> storedBefore(List<Pending> sends) {
        Set<String> senders = new HashSet<>();
        Set<String> clientMsgIds = new HashSet<>();
        sends.forEach(send -> {
            senders.add(send.sender());
            clientMsgIds.add(send.clientMsgId());
        });
        Map<String, Message> known = new HashMap<>();
        em.createNamedQuery(Message.BY_CLIENT_IDS, Message.class)
                .setFlushMode(FlushModeType.COMMIT)
                .setParameter("senders", senders)
                .setParameter("clientMsgIds", clientMsgIds)
                .getResultStream()
                .forEach(message -> known.put(key(message.sender(), message.clientMsgId()), message));
        return known;
    }

    private static String key(String sender, String clientMsgId) {
        return sender + '\n' + clientMsgId;
    }

    private MessageView view(Message message) {
        return MessageView.of(message, contextPath.value());
    }
}
