package dev.parley.chat.control;

import java.util.HashMap;
import java.util.Map;

/**
 * Per conversation, the seqs one socket has been sent: always one contiguous range, because live
 * messages are sent only gap-free and a replay covers everything after the client's cursor. Not
 * thread-safe: its {@link Subscriber} holds the lock.
 */
final class SentRanges {

    /** Per conversation {lowest, highest}; {highest + 1, highest} is empty, positioned after highest. */
    private final Map<String, long[]> ranges = new HashMap<>();

    /** The socket knows the conversation up to {@code lastSeq}: the next one expected is {@code lastSeq + 1}. */
    void position(String conversation, long lastSeq) {
        ranges.putIfAbsent(conversation, new long[] {lastSeq + 1, lastSeq});
    }

    /** The highest seq sent, or -1 when the conversation has no position yet. */
    long highest(String conversation) {
        long[] range = ranges.get(conversation);
        return range == null ? -1 : range[1];
    }

    boolean wasSent(String conversation, long seq) {
        long[] range = ranges.get(conversation);
        return range != null && seq >= range[0] && seq <= range[1];
    }

    /** True when {@code seq} may be sent now: nothing is known yet, or it is the next one. */
    boolean isNext(String conversation, long seq) {
        long[] range = ranges.get(conversation);
        return range == null || seq == range[1] + 1;
    }

    /** Records that {@code seq}, the next one, was sent. */
    void advance(String conversation, long seq) {
        long[] range = ranges.get(conversation);
        if (range == null) {
            ranges.put(conversation, new long[] {seq, seq});
        } else {
            range[1] = seq;
        }
    }

    /** Records that a replay sent {@code first..last} (contiguous, touching or overlapping what was sent). */
    void cover(String conversation, long first, long last) {
        long[] range = ranges.get(conversation);
        if (range == null) {
            ranges.put(conversation, new long[] {first, last});
        } else {
            range[0] = Math.min(range[0], first);
            range[1] = Math.max(range[1], last);
        }
    }
}
