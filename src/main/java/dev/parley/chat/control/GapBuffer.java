package dev.parley.chat.control;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Live messages that arrived ahead of a gap (out of seq order, from another node), per conversation,
 * waiting for the missing ones. Bounded: a socket with more waiting than its limit is too slow. Not
 * thread-safe: its {@link Subscriber} holds the lock.
 */
final class GapBuffer {

    private final Map<String, TreeMap<Long, String>> waiting = new HashMap<>();
    private final int limit;
    private int count;

    GapBuffer(int limit) {
        this.limit = limit;
    }

    /** Keeps a message ahead of a gap; false when that puts the socket over its limit. */
    boolean keep(String conversation, long seq, String frame) {
        if (waiting.computeIfAbsent(conversation, c -> new TreeMap<>()).put(seq, frame) == null) {
            count++;
        }
        return count <= limit;
    }

    boolean hasGap(String conversation) {
        return waiting.containsKey(conversation);
    }

    /**
     * Takes the waiting message with seq {@code next}, dropping any at or below it (already sent),
     * or null when the next one still misses.
     */
    String takeNext(String conversation, long next) {
        TreeMap<Long, String> ahead = waiting.get(conversation);
        if (ahead == null) {
            return null;
        }
        String frame = null;
        while (!ahead.isEmpty() && ahead.firstKey() <= next) {
            Map.Entry<Long, String> first = ahead.pollFirstEntry();
            count--;
            if (first.getKey() == next) {
                frame = first.getValue();
                break;
            }
        }
        if (ahead.isEmpty()) {
            waiting.remove(conversation);
        }
        return frame;
    }

    void clear() {
        waiting.clear();
        count = 0;
    }
}
