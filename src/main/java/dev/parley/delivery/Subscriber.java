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
 *
 * <p>With several nodes, live messages of one conversation can arrive out of seq order (published by
 * different nodes). A message ahead of a gap waits here until the missing ones arrive; if they do not
 * arrive soon, {@link GapRepair} reads them from the database and {@link #fill}s them in.
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
    // {lowest, highest}, because live messages are sent only gap-free (those ahead of a gap wait in
    // ahead) and a replay covers cursor+1 up to the newest message, which overlaps or touches what
    // was sent live. {highest + 1, highest} is an empty range positioned after highest.
    private final Map<String, long[]> sent = new HashMap<>();
    private final Map<String, java.util.TreeMap<Long, String>> ahead = new HashMap<>();
    private int aheadCount;
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

    /**
     * The socket knows the conversation up to {@code lastSeq} (it was told in {@code welcome}): live
     * messages up to there are not sent again, and the next one expected is {@code lastSeq + 1}.
     */
    public synchronized void position(String conversation, long lastSeq) {
        sent.putIfAbsent(conversation, new long[] {lastSeq + 1, lastSeq});
    }

    /**
     * A live message: sent now, held while a resume is in progress, or kept until the messages
     * before it arrive.
     *
     * @return whether this conversation now waits for missing messages (a gap to repair)
     */
    public synchronized boolean live(String conversation, long seq, String frame) {
        if (resumesInProgress > 0 || awaitingFirstResume) {
            if (held.size() >= holdLimit) {
                tooSlow("too many messages held during resume");
                return false;
            }
            held.add(new Held(conversation, seq, frame));
            return false;
        }
        emit(conversation, seq, frame);
        return ahead.containsKey(conversation);
    }

    /**
     * The highest seq sent in {@code conversation} while later messages wait for missing ones, or
     * -1 if nothing waits.
     */
    public synchronized long gapAfter(String conversation) {
        long[] range = sent.get(conversation);
        return ahead.containsKey(conversation) && range != null ? range[1] : -1;
    }

    /**
     * Missing messages read from the database (ascending): sent where they belong, then whatever
     * waited behind them.
     *
     * @return whether a gap remains
     */
    public synchronized boolean fill(String conversation, List<Replay> messages) {
        for (Replay message : messages) {
            emit(conversation, message.seq(), message.frame());
        }
        return ahead.containsKey(conversation);
    }

    /** Gives up on missing messages that cannot be found: sends what waited behind the gap. */
    public synchronized void skipGap(String conversation) {
        java.util.TreeMap<Long, String> waiting = ahead.remove(conversation);
        if (waiting == null) {
            return;
        }
        aheadCount -= waiting.size();
        long[] range = sent.get(conversation);
        range[1] = waiting.firstKey() - 1;
        waiting.forEach((seq, frame) -> emit(conversation, seq, frame));
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

    /**
     * A live message: skipped if already sent (a replay may have covered it), sent if it is the next
     * one (then whatever waited behind it), kept if messages before it are missing.
     */
    private void emit(String conversation, long seq, String frame) {
        long[] range = sent.get(conversation);
        if (range == null) {
            sent.put(conversation, new long[] {seq, seq});
        } else if (seq <= range[1]) {
            return;
        } else if (seq == range[1] + 1) {
            range[1] = seq;
        } else {
            java.util.TreeMap<Long, String> waiting = ahead.computeIfAbsent(conversation, c -> new java.util.TreeMap<>());
            if (waiting.put(seq, frame) == null && ++aheadCount > holdLimit) {
                tooSlow("too many messages waiting for missing ones");
            }
            return;
        }
        connection.send(frame);
        releaseAhead(conversation, range);
    }

    private void releaseAhead(String conversation, long[] range) {
        java.util.TreeMap<Long, String> waiting = ahead.get(conversation);
        if (waiting == null) {
            return;
        }
        while (!waiting.isEmpty() && waiting.firstKey() <= range[1] + 1) {
            Map.Entry<Long, String> next = waiting.pollFirstEntry();
            aheadCount--;
            if (next.getKey() == range[1] + 1) {
                range[1] = next.getKey();
                connection.send(next.getValue());
            }
        }
        if (waiting.isEmpty()) {
            ahead.remove(conversation);
        }
    }

    private void tooSlow(String reason) {
        connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "too slow: " + reason);
        held.clear();
        ahead.clear();
        aheadCount = 0;
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
            range = new long[] {first, last};
            sent.put(conversation, range);
        } else {
            range[0] = Math.min(range[0], first);
            range[1] = Math.max(range[1], last);
        }
        releaseAhead(conversation, range);
    }
}
