package dev.parley.chat.control;

import dev.parley.chat.entity.ConversationId;
import dev.parley.platform.error.ParleyException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user searches for: the words of {@code q} (letters and digits only, lower-cased: nothing of
 * the text ever reaches a query as syntax), and optional filters. A message matches when it has every
 * word (as a word, or the start of one on PostgreSQL).
 */
public record SearchQuery(String user, List<String> terms, ConversationId conversation, String sender, Instant from, Instant to,
                          int limit, int offset) {

    public static final int MAX_TERMS = 8;
    public static final int MAX_TERM = 64;
    public static final int MAX_LIMIT = 50;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_OFFSET = 1000;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    public SearchQuery {
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw ParleyException.badRequest("'q' must have a word to search for (letters or digits)");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ParleyException.badRequest("'limit' must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw ParleyException.badRequest("'offset' must be between 0 and " + MAX_OFFSET);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw ParleyException.badRequest("'from' must be before 'to'");
        }
    }

    /** The words of a query: at most {@value #MAX_TERMS}, each at most {@value #MAX_TERM} characters, without repeats. */
    public static List<String> terms(String q) {
        if (q == null || q.length() > 500) {
            throw ParleyException.badRequest("'q' is required, at most 500 characters");
        }
        Set<String> words = new LinkedHashSet<>();
        Matcher word = WORD.matcher(q);
        while (word.find()) {
            String term = word.group().toLowerCase(Locale.ROOT);
            if (term.length() > MAX_TERM) {
                throw ParleyException.badRequest("a word of 'q' is longer than " + MAX_TERM + " characters");
            }
            words.add(term);
        }
        if (words.size() > MAX_TERMS) {
            throw ParleyException.badRequest("'q' has more than " + MAX_TERMS + " words");
        }
        return new ArrayList<>(words);
    }

    /** The terms as a PostgreSQL {@code tsquery}: every word, each as a prefix. */
    public String tsquery() {
        return String.join(" & ", terms.stream().map(term -> term + ":*").toList());
    }

    /**
     * Where the terms occur in {@code text}: each word that starts with a term, as [start, end) in
     * UTF-16 units (what JavaScript strings count), ascending and not overlapping.
     */
    public List<Range> highlights(String text) {
        List<Range> ranges = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            if (terms.stream().anyMatch(lower::startsWith)) {
                ranges.add(new Range(word.start(), word.end()));
            }
        }
        return ranges;
    }

    /** How well {@code text} matches: the words that start with a term, the whole query as a phrase counting extra. */
    public int score(String text) {
        int score = highlights(text).size();
        if (terms.size() > 1 && text.toLowerCase(Locale.ROOT).contains(String.join(" ", terms))) {
            score += terms.size();
        }
        return score;
    }

    /** A highlighted part of a text. */
    public record Range(int start, int end) {
    }
}
