package dev.parley.integration.control;

/** The JMS destinations of Parley's contract. */
public final class Destinations {

    /** Topic: one JSON event per committed change. */
    public static final String EVENTS = "parley.events";
    /** Queue: the JSON of {@code POST /api/notifications}. */
    public static final String NOTIFICATIONS = "parley.notifications";
    /** Queue: a message a system posts into a conversation as a bot. */
    public static final String MESSAGES = "parley.messages";
    /** Queue: what could not be processed, with the reason. */
    public static final String DEAD_LETTERS = "parley.dlq";

    private Destinations() {
    }
}
