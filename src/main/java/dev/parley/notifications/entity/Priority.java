package dev.parley.notifications.entity;

import dev.parley.platform.error.ParleyException;
import java.util.Locale;

/** How much a notification matters, lowest first. {@code urgent} is pushed even in quiet hours. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Priority fromWire(String name) {
        for (Priority priority : values()) {
            if (priority.wireName().equals(name)) {
                return priority;
            }
        }
        throw ParleyException.badRequest("priority must be low, normal, high or urgent");
    }

    public boolean atLeast(Priority other) {
        return compareTo(other) >= 0;
    }
}
