package dev.parley.chat.control;

import dev.parley.sockets.Connection;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fills gaps in what sockets received live. With several nodes, a conversation's messages can
 * arrive out of order; a socket keeps the ones ahead of a gap ({@link Subscriber}). Most gaps close
 * within milliseconds when the missing message arrives. One that is still open after
 * {@value #DELAY_MILLIS} ms (a message lost between nodes, or very late) is filled from the
 * database, once per conversation for all of this node's sockets that miss it.
 *
 * <p>A gap is never skipped: seqs are gap-free in the database, so a message after the gap proves the
 * missing ones are stored. If they still cannot be read after {@value #MAX_ATTEMPTS} attempts (the
 * database failing), the sockets that miss them are closed with 1013, and their clients reconnect and
 * resume from their last seq, which reads them.
 */
@ApplicationScoped
public class GapRepair {

    private static final Logger LOG = Logger.getLogger(GapRepair.class.getName());
    static final long DELAY_MILLIS = 500;
    static final int MAX_ATTEMPTS = 3;
    static final int LIMIT = 1000;

    @Inject
    ConversationIndex index;

    @Inject
    MissedMessages store;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /**
     * Created at startup, on the deploying thread: the container's executor is injected there, but a
     * bean first created on a WebSocket thread (no naming context on Payara) gets none.
     */
    void eager(@Observes Startup startup) {
        // creating the bean is the point
    }

    private final Map<String, Integer> pending = new ConcurrentHashMap<>();

    /** A socket of this node waits for missing messages of {@code conversation}. */
    public void gapIn(String conversation) {
        if (pending.putIfAbsent(conversation, 0) == null) {
            scheduler.schedule(() -> repair(conversation), DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void repair(String conversation) {
        int attempt = pending.getOrDefault(conversation, 0) + 1;
        try {
            List<Subscriber> gapped = index.subscribers(conversation).stream().filter(s -> s.gapAfter(conversation) >= 0).toList();
            if (gapped.isEmpty()) {
                pending.remove(conversation);
                return;
            }
            long from = gapped.stream().mapToLong(s -> s.gapAfter(conversation)).min().orElseThrow();
            List<Subscriber.Replay> missing = store.after(conversation, from, LIMIT);
            boolean open = false;
            for (Subscriber subscriber : gapped) {
                open |= subscriber.fill(conversation, missing);
            }
            if (!open) {
                pending.remove(conversation);
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Filling a gap in " + conversation + " failed (attempt " + attempt + ")", e);
        }
        if (attempt >= MAX_ATTEMPTS) {
            LOG.warning(() -> "Messages of " + conversation + " could not be read after " + attempt
                    + " attempts; the sockets missing them resume instead");
            index.subscribers(conversation).stream().filter(s -> s.gapAfter(conversation) >= 0)
                    .forEach(s -> s.connection().close(Connection.CLOSE_TRY_AGAIN_LATER, "missed messages: resume"));
            pending.remove(conversation);
            return;
        }
        pending.put(conversation, attempt);
        scheduler.schedule(() -> repair(conversation), DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }
}
