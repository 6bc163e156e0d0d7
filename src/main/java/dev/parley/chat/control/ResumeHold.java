package dev.parley.chat.control;

import java.util.ArrayDeque;

/**
 * Live messages held while a resume reads from the database, and on a new socket until its first
 * resume (or its first frame of another type, or the grace period): released afterwards, so the client sees one ordered stream. Bounded:
 * a socket holding more than its limit is too slow. Not thread-safe: its {@link Subscriber} holds the
 * lock.
 */
final class ResumeHold {

    record Held(String conversation, long seq, String frame) {
    }

    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final int limit;
    private int resumesInProgress;
    /** Volatile for {@link #awaitingFirst}, read without the lock; it only ever turns false. */
    private volatile boolean awaitingFirstResume = true;

    ResumeHold(int limit) {
        this.limit = limit;
    }

    /** True while live messages must wait. */
    boolean holding() {
        return resumesInProgress > 0 || awaitingFirstResume;
    }

    /** Holds a live message; false when that puts the socket over its limit. */
    boolean hold(String conversation, long seq, String frame) {
        if (held.size() >= limit) {
            return false;
        }
        held.add(new Held(conversation, seq, frame));
        return true;
    }

    void resumeStarted() {
        resumesInProgress++;
    }

    void resumeFinished() {
        resumesInProgress = Math.max(0, resumesInProgress - 1);
        awaitingFirstResume = false;
    }

    /** Whether a new socket still waits for its first resume (safe to read without the lock). */
    boolean awaitingFirst() {
        return awaitingFirstResume;
    }

    /** Ends the wait for a first resume; true if it was still waiting. */
    boolean stopAwaitingFirst() {
        boolean was = awaitingFirstResume;
        awaitingFirstResume = false;
        return was;
    }

    /** The next held message once nothing holds them any more, or null. */
    Held release() {
        return holding() ? null : held.poll();
    }

    void clear() {
        held.clear();
    }
}
