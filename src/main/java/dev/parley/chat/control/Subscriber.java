package dev.parley.chat.control;

import dev.parley.sockets.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The chat side of one socket: which conversations it receives, and delivery of their messages
 * exactly once and in seq order, also across a resume and when messages from several nodes arrive out
 * of order. It coordinates three parts under its one lock, each doing one thing:
 * <ul>
 * <li>{@link SentRanges}: what was sent, per conversation (one contiguous range);</li>
 * <li>{@link ResumeHold}: live messages held while a resume reads from the database, and on a new
 * socket until its first resume or the grace period;</li>
 * <li>{@link GapBuffer}: live messages ahead of a gap, waiting for the missing ones (which
 * {@link GapRepair} reads from the database if they do not arrive soon).</li>
 * </ul>
 */
public final class Subscriber {

    /** A message read from the database for a resume or a gap. */
    public record Replay(String conversation, long seq, String frame) {
    }

    private final Connection connection;
    private final Set<String> conversations = ConcurrentHashMap.newKeySet();
    private final SentRanges sent = new SentRanges();
    private final ResumeHold hold;
    private final GapBuffer gaps;

    public Subscriber(Connection connection, int holdLimit) {
        this.connection = connection;
        this.hold = new ResumeHold(holdLimit);
        this.gaps = new GapBuffer(holdLimit);
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
        sent.position(conversation, lastSeq);
    }

    /**
     * A live message: sent now, held while a resume is in progress, or kept until the messages
     * before it arrive.
     *
     * @return whether this conversation now waits for missing messages (a gap to repair)
     */
    public synchronized boolean live(String conversation, long seq, String frame) {
        if (hold.holding()) {
            if (!hold.hold(conversation, seq, frame)) {
                tooSlow("too many messages held during resume");
            }
            return false;
        }
        emit(conversation, seq, frame);
        return gaps.hasGap(conversation);
    }

    /**
     * The highest seq sent in {@code conversation} while later messages wait for missing ones, or
     * -1 if nothing waits.
     */
    public synchronized long gapAfter(String conversation) {
        return gaps.hasGap(conversation) ? sent.highest(conversation) : -1;
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
        return gaps.hasGap(conversation);
    }

    /** Starts a resume: from now on live messages wait until {@link #finishResume} releases them. */
    public synchronized void startResume() {
        hold.resumeStarted();
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
        after.forEach(connection::reply);
        hold.resumeFinished();
        releaseHeld();
    }

    /**
     * The client sent a frame. A new socket's live messages wait for its first {@code resume}, so that
     * a client catching up gets one ordered stream; a first frame of any other type says the client is
     * not catching up first, and what waits is released at once instead of after the grace period.
     */
    public void frameArrived(String type) {
        if (!"resume".equals(type) && hold.awaitingFirst()) {
            stopAwaitingResume();
        }
    }

    /** Ends the wait for a first resume, for clients that never send one (the grace period). */
    public synchronized void stopAwaitingResume() {
        if (hold.stopAwaitingFirst()) {
            releaseHeld();
        }
    }

    private void releaseHeld() {
        ResumeHold.Held next;
        while ((next = hold.release()) != null) {
            emit(next.conversation(), next.seq(), next.frame());
        }
    }

    /**
     * A live message: skipped if already sent (a replay may have covered it), sent if it is the next
     * one (then whatever waited behind it), kept if messages before it are missing.
     */
    private void emit(String conversation, long seq, String frame) {
        if (sent.wasSent(conversation, seq) || seq <= sent.highest(conversation)) {
            return;
        }
        if (!sent.isNext(conversation, seq)) {
            if (!gaps.keep(conversation, seq, frame)) {
                tooSlow("too many messages waiting for missing ones");
            }
            return;
        }
        sent.advance(conversation, seq);
        connection.send(frame);
        sendWaiting(conversation);
    }

    /** Sends the messages that waited behind a gap that just closed. */
    private void sendWaiting(String conversation) {
        String next;
        while ((next = gaps.takeNext(conversation, sent.highest(conversation) + 1)) != null) {
            sent.advance(conversation, sent.highest(conversation) + 1);
            connection.send(next);
        }
    }

    private void tooSlow(String reason) {
        connection.close(Connection.CLOSE_TRY_AGAIN_LATER, "too slow: " + reason);
        hold.clear();
        gaps.clear();
    }

    /** Replays one conversation's missed messages (ascending, contiguous), skipping those already sent. */
    private void replay(String conversation, List<Replay> messages) {
        List<String> frames = new ArrayList<>(messages.size());
        for (Replay message : messages) {
            if (!sent.wasSent(conversation, message.seq())) {
                frames.add(message.frame());
            }
        }
        connection.sendAll(frames);
        sent.cover(conversation, messages.get(0).seq(), messages.get(messages.size() - 1).seq());
        sendWaiting(conversation);
    }
}
