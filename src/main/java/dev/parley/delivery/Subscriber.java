package dev.parley.delivery;

import dev.parley.presence.control.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat side of one socket: which conversations it receives and how far it has been sent in each.
 * It makes delivery exactly-once and in order per conversation, also across a resume: while a resume
 * reads missed messages from the database, live messages are held; afterwards they are released with
 * everything already sent skipped. A new socket holds live messages until its first resume (or a short
 * grace period), so a client that resumes right after {@code welcome} sees one ordered stream.
 */
public final class Subscriber {

    private record Held(String conversation, long seq, String frame) {
    }

    /** A message read from the database for a resume. */
    public record Replay(String conversation, long seq, String frame) {
    }

    private final Connection connection;
    private final int holdLimit;
    private final Set<String> conversations = ConcurrentHashMap.newKeySet();

    // Guarded by this. Per conversation, the seqs sent on this socket: always one contiguous range
    // {lowest, highest}, because live messages arrive gap-free and a replay covers cursor+1 up to the
    // newest message, which overlaps or touches what was sent live.
    private final Map<String, long[]> sent = new HashMap<>();
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private int resumesInProgress;
    private boolean awaitingFirstResume = true;

    public Subscriber(Connection connection, int holdLimit) {
        this.connection = connection;
        this.holdLimit = holdLimit;
    }

    public Connection connection() {
        return connection;
    }

    public String username() {
        return connection.username();
    }

    public boolean receives(String conversation) {
        return conversations.contains(conversation);
    }

    Set<String> conversations() {
        return conversations;
    }

    boolean add(String conversation) {
        return conversations.add(conversation);
    }

    boolean remove(String conversation) {
        return conversations.remove(conversation);
    }

    /** A live message: sent now, or held while a resume is in progress. */
    public synchronized void live(String conversation, long seq, String frame) {
        if (resumesInProgress > 0 || awaitingFirstResume) {
            if (held.size() >= holdLimit) {
                connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "too slow: too many messages held during resume");
                held.clear();
                return;
            }
            held.add(new Held(conversation, seq, frame));
            return;
        }
        emit(conversation, seq, frame);
    }

    /** Starts a resume: from now on live messages wait until {@link #finishResume} releases them. */
    public synchronized void startResume() {
        resumesInProgress++;
    }

    /**
     * Sends what a resume read (each conversation ascending), then the {@code after} frames (errors,
     * the {@code resumed} reply), then every live message held meanwhile that was not part of the replay.
     */
    public synchronized void finishResume(List<Replay> replay, List<String> after) {
        Map<String, List<Replay>> byConversation = new LinkedHashMap<>();
        for (Replay message : replay) {
            byConversation.computeIfAbsent(message.conversation(), c -> new ArrayList<>()).add(message);
        }
        byConversation.forEach(this::replay);
        after.forEach(connection::send);
        resumesInProgress = Math.max(0, resumesInProgress - 1);
        awaitingFirstResume = false;
        releaseHeld();
    }

    /** Ends the wait for a first resume, for clients that never send one. */
    public synchronized void stopAwaitingResume() {
        if (awaitingFirstResume) {
            awaitingFirstResume = false;
            releaseHeld();
        }
    }

    private void releaseHeld() {
        if (resumesInProgress > 0) {
            return;
        }
        Held next;
        while ((next = held.poll()) != null) {
            emit(next.conversation(), next.seq(), next.frame());
        }
    }

    /** A live message: skipped if already sent (a replay may have covered it), else sent. */
    private void emit(String conversation, long seq, String frame) {
        long[] range = sent.get(conversation);
        if (range == null) {
            sent.put(conversation, new long[] {seq, seq});
        } else if (seq <= range[1]) {
            return;
        } else if (seq == range[1] + 1) {
            range[1] = seq;
        } else {
            // Ahead of a gap (cannot happen with gap-free delivery): restart the range here.
            range[0] = seq;
            range[1] = seq;
        }
        connection.send(frame);
    }

    /** Replays one conversation's missed messages (ascending, contiguous), skipping those already sent. */
    private void replay(String conversation, List<Replay> messages) {
        long[] range = sent.get(conversation);
        List<String> frames = new ArrayList<>(messages.size());
        for (Replay message : messages) {
            if (range == null || message.seq() < range[0] || message.seq() > range[1]) {
                frames.add(message.frame());
            }
        }
        connection.sendAll(frames);
        long first = messages.get(0).seq();
        long last = messages.get(messages.size() - 1).seq();
        if (range == null) {
            sent.put(conversation, new long[] {first, last});
        } else {
            range[0] = Math.min(range[0], first);
            range[1] = Math.max(range[1], last);
        }
    }
}
