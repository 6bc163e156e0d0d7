package dev.parley.chat.control;

import dev.parley.chat.control.ChatFrames.HistoryPage;
import dev.parley.chat.control.ChatFrames.InStream;
import dev.parley.chat.control.ChatFrames.MessageView;
import dev.parley.chat.entity.Conversation;
import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.error.ParleyException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * History and resume: the chat use cases that read messages ({@link MessageSender} stores them,
 * {@link MessageChanges} changes them).
 */
@ApplicationScoped
public class MessageService {

    public static final int MAX_RESUME = 1000;
    /** A resume replays at most this many messages in all; conversations beyond it are reported truncated. */
    public static final int MAX_RESUME_TOTAL = 5000;
    public static final int MAX_HISTORY = 100;
    public static final int DEFAULT_HISTORY = 50;

    @Inject
    MessageStore store;

    @Inject
    ConversationService conversations;

    /**
     * A page of history, as the {@code history} frame and the REST API return it: of the whole
     * conversation, of its top level ({@code topLevel}: no replies), or of the replies in the thread of
     * the message at {@code thread}. One read-only transaction: on a socket's thread there is no request
     * to hold the persistence context open.
     */
    @Transactional(dontRollbackOn = ParleyException.class)
    public HistoryPage history(String user, ConversationId id, Long before, Integer limit, Long thread, boolean topLevel) {
        int size = limit == null ? DEFAULT_HISTORY : limit;
        if (size < 1 || size > MAX_HISTORY) {
            throw ParleyException.badRequest("'limit' must be between 1 and " + MAX_HISTORY);
        }
        if (before != null && before < 1) {
            throw ParleyException.badRequest("'before' must be a seq of at least 1");
        }
        if (thread != null && thread < 1) {
            throw ParleyException.badRequest("'thread' must be the seq of a message");
        }
        if (thread != null && topLevel) {
            throw ParleyException.badRequest("'thread' and 'topLevel' exclude each other");
        }
        Optional<Conversation> conversation = conversations.requireAccess(user, id);
        if (conversation.isEmpty()) {
            return new HistoryPage(id.value(), thread, List.of(), false);
        }
        return store.page(id, before == null ? Long.MAX_VALUE : before, size, thread, topLevel);
    }

    /**
     * One message as it is now.
     *
     * @throws ParleyException not_found if {@code seq} is not a message of the conversation (a change's seq, or none)
     */
    @Transactional(dontRollbackOn = ParleyException.class)
    public MessageView message(String user, ConversationId id, long seq) {
        conversations.requireAccess(user, id);
        return store.at(id, seq).orElseThrow(() -> ParleyException.notFound("no message " + seq + " in " + id));
    }

    /**
     * The outcome of a resume, ready for {@link Subscriber#finishResume}: {@code count} is the number
     * of {@code message} frames replayed, as the contract's {@code resumed} has it (changes come too,
     * and count towards the limits, but not there).
     */
    public record Resume(List<Subscriber.Replay> replay, int count, List<String> truncated, Map<String, ParleyException> failures) {
    }

    /**
     * Reads, per conversation, the messages and changes after the client's cursor (the newest 1000 at
     * most, and 5000 over all conversations), each serialised by {@code frame}. A conversation the user may not read fails on its own; the others
     * are served.
     */
    @Transactional(dontRollbackOn = ParleyException.class)
    public Resume resume(String user, Map<String, Long> cursors, Function<Object, String> frame) {
        List<Subscriber.Replay> replay = new ArrayList<>();
        List<String> truncated = new ArrayList<>();
        Map<String, ParleyException> failures = new LinkedHashMap<>();
        int count = 0;
        int messages = 0;
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
                for (InStream entry : missed.entries()) {
                    replay.add(new Subscriber.Replay(id.value(), entry.seq(), frame.apply(entry.frame())));
                    if (entry instanceof MessageView) {
                        messages++;
                    }
                }
                count += missed.entries().size();
                if (missed.truncated()) {
                    truncated.add(id.value());
                }
            } catch (ParleyException e) {
                failures.put(cursor.getKey(), e);
            }
        }
        return new Resume(replay, messages, truncated, failures);
    }
}
