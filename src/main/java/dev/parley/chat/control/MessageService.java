package dev.parley.chat.control;

import dev.parley.accounts.entity.Account;
import dev.parley.chat.control.ChatFrames.HistoryPage;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.control.MessageStore.Stored;
import dev.parley.chat.entity.Conversation;
import dev.parley.chat.entity.ConversationId;
import dev.parley.chat.entity.Message;
import dev.parley.platform.db.IntegrityViolation;
import dev.parley.platform.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Sending, history and resume: the chat use cases that involve messages.
 *
 * <p>Sends to one conversation are serialised on this node by a lock striped over conversation ids,
 * held from before the transaction until after its commit has published the message. So this node
 * publishes a conversation's messages exactly in seq order, and the database's row lock is
 * uncontended here (it still orders writers on different nodes).
 */
@ApplicationScoped
public class MessageService {

    public static final int MAX_RESUME = 1000;
    /** A resume replays at most this many messages in all; conversations beyond it are reported truncated. */
    public static final int MAX_RESUME_TOTAL = 5000;
    public static final int MAX_HISTORY = 100;
    public static final int DEFAULT_HISTORY = 50;
    private static final int STRIPES = 256;

    @Inject
    MessageStore store;

    @Inject
    ConversationService conversations;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public MessageService() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** What a client asked to send. {@code conversation} may be {@code @username} for a direct conversation. */
    public record SendCommand(String conversation, String text, String clientMsgId, List<String> attachments) {
        public SendCommand {
            attachments = List.copyOf(attachments);
        }
    }

    /**
     * Stores a message; once committed, the origin socket gets its {@code ack} and every member socket
     * the message. A retried {@code clientMsgId} returns the original with {@code duplicate} set, and
     * nothing is stored or delivered again.
     */
    public Stored send(String sender, SendCommand command, String originConnection, Object ref) {
        Message.checkClientMsgId(command.clientMsgId());
        Message.checkText(command.text(), !command.attachments().isEmpty());
        ConversationId id = target(sender, command.conversation());
        if (id.isDirect()) {
            ensureDirect(sender, id);
        }
        ReentrantLock lock = stripes[Math.floorMod(id.value().hashCode(), STRIPES)];
        lock.lock();
        try {
            return store.append(sender, id, command.text(), command.clientMsgId(), command.attachments(), originConnection, ref);
        } catch (ParleyException e) {
            throw e;
        } catch (RuntimeException e) {
            // The same clientMsgId raced in from another socket into another conversation: the
            // unique key kept one; answer with it. Any other failure surfaces as it is.
            if (!IntegrityViolation.in(e)) {
                throw e;
            }
            Optional<MessageView> original = store.findByClientMsgId(sender, command.clientMsgId());
            if (original.isEmpty()) {
                throw e;
            }
            return new Stored(original.get(), true);
        } finally {
            lock.unlock();
        }
    }

    private ConversationId target(String sender, String conversation) {
        if (conversation != null && conversation.startsWith("@")) {
            return ConversationId.direct(sender, Account.validUsername(conversation.substring(1)));
        }
        return ConversationId.parse(conversation);
    }

    private void ensureDirect(String sender, ConversationId id) {
        if (!id.participants().contains(sender)) {
            throw ParleyException.forbidden("you are not part of " + id);
        }
        if (conversations.exists(id)) {
            return;
        }
        String other = id.participants().stream().filter(p -> !p.equals(sender)).findFirst().orElse(sender);
        try {
            conversations.ensureDirect(sender, other);
        } catch (ParleyException e) {
            throw e;
        } catch (RuntimeException e) {
            // Both participants opened it at once; the other transaction created it.
            if (!IntegrityViolation.in(e) || !conversations.exists(id)) {
                throw e;
            }
        }
    }

    /**
     * A page of history, as the {@code history} frame and the REST API return it. One read-only
     * transaction: on a socket's thread there is no request to hold the persistence context open.
     */
    @Transactional(dontRollbackOn = ParleyException.class)
    public HistoryPage history(String user, ConversationId id, Long before, Integer limit) {
        int size = limit == null ? DEFAULT_HISTORY : limit;
        if (size < 1 || size > MAX_HISTORY) {
            throw ParleyException.badRequest("'limit' must be between 1 and " + MAX_HISTORY);
        }
        if (before != null && before < 1) {
            throw ParleyException.badRequest("'before' must be a seq of at least 1");
        }
        Optional<Conversation> conversation = conversations.requireAccess(user, id);
        if (conversation.isEmpty()) {
            return new HistoryPage(id.value(), List.of(), false);
        }
        return store.page(id, before == null ? Long.MAX_VALUE : before, size);
    }

    /** The outcome of a resume, ready for {@link Subscriber#finishResume}. */
    public record Resume(List<Subscriber.Replay> replay, int count, List<String> truncated, Map<String, ParleyException> failures) {
    }

    /**
     * Reads, per conversation, the messages after the client's cursor (the newest 1000 at most, and
     * 5000 over all conversations). A conversation the user may not read fails on its own; the others
     * are served.
     */
    @Transactional(dontRollbackOn = ParleyException.class)
    public Resume resume(String user, Map<String, Long> cursors, Function<MessageView, String> frame) {
        List<Subscriber.Replay> replay = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        Map<String, ParleyException> failures = new LinkedHashMap<>();
        int count = 0;
        for (Map.Entry<String, Long> cursor : cursors.entrySet()) {
            try {
                if (cursor.getValue() < 0) {
                    throw ParleyException.badRequest("the cursor of " + cursor.getKey() + " must be 0 or more");
                }
                ConversationId id = ConversationId.parse(cursor.getKey());
                if (conversations.requireAccess(user, id).isEmpty()) {
                    continue;
                }
                int budget = Math.min(MAX_RESUME, MAX_RESUME_TOTAL - count);
                if (budget == 0) {
                    truncated.add(id.value());
                    continue;
                }
                MessageStore.Missed missed = store.missed(id, cursor.getValue(), budget);
                for (MessageView message : missed.messages()) {
                    replay.add(new Subscriber.Replay(id.value(), message.seq(), frame.apply(message)));
                }
                count += missed.messages().size();
                if (missed.truncated()) {
                    truncated.add(id.value());
                }
            } catch (ParleyException e) {
                failures.put(cursor.getKey(), e);
            }
        }
        return new Resume(replay, count, truncated, failures);
    }
}
