package dev.parley.notifications.entity;

import dev.parley.platform.error.ParleyException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A user's notification preferences: per category whether it is enabled and its minimum priority,
 * and optional quiet hours in the user's time zone (a window may wrap past midnight). Categories the
 * user never set use {@link #DEFAULT}: enabled, from {@code low}.
 */
public record Preferences(Map<String, CategoryRule> categories, Optional<QuietHours> quietHours) {

    public static final Pattern CATEGORY = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    public static final CategoryRule DEFAULT = new CategoryRule(true, Priority.LOW);
    public static final Preferences NONE = new Preferences(Map.of(), Optional.empty());
    static final int MAX_CATEGORIES = 200;

    public record CategoryRule(boolean enabled, Priority minPriority) {
    }

    /** From {@code start} (inclusive) to {@code end} (exclusive), local time in {@code zone}. */
    public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

        public static QuietHours parse(String start, String end, String zone) {
            try {
                return new QuietHours(LocalTime.parse(start), LocalTime.parse(end), ZoneId.of(zone));
            } catch (DateTimeParseException e) {
                throw ParleyException.badRequest("quietHours.start and .end are times like 22:00");
            } catch (DateTimeException e) {
                throw ParleyException.badRequest("quietHours.zone must be a time zone id like Europe/Paris");
            }
        }

        public boolean contains(Instant instant) {
            LocalTime local = instant.atZone(zone).toLocalTime();
            if (start.equals(end)) {
                return false;
            }
            if (start.isBefore(end)) {
                return !local.isBefore(start) && local.isBefore(end);
            }
            // Wraps past midnight, e.g. 22:00 to 07:00.
            return !local.isBefore(start) || local.isBefore(end);
        }
    }

    public Preferences {
        if (categories.size() > MAX_CATEGORIES) {
            throw ParleyException.badRequest("at most " + MAX_CATEGORIES + " categories");
        }
        for (String category : categories.keySet()) {
            checkCategory(category);
        }
        categories = Map.copyOf(new TreeMap<>(categories));
    }

    public static String checkCategory(String category) {
        if (category == null || !CATEGORY.matcher(category).matches()) {
            throw ParleyException.badRequest("a category matches [A-Za-z0-9_.:-]{1,64}");
        }
        return category;
    }

    public CategoryRule rule(String category) {
        return categories.getOrDefault(category, DEFAULT);
    }

    /**
     * Whether a notification is pushed (live and in the backlog on connect): its category is enabled,
     * it is at least the category's minimum priority, and it is urgent or outside quiet hours.
     * Otherwise it is still stored, counted and listed.
     */
    public boolean pushes(String category, Priority priority, Instant at) {
        CategoryRule rule = rule(category);
        if (!rule.enabled() || !priority.atLeast(rule.minPriority())) {
            return false;
        }
        return priority == Priority.URGENT || quietHours.map(q -> !q.contains(at)).orElse(true);
    }
}
