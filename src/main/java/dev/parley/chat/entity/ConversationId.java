package dev.parley.chat.entity;

import dev.parley.accounts.entity.Account;
import dev.parley.platform.error.ParleyException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A conversation's id as the contract spells it: {@code room:SLUG} for a group room, or
 * {@code dm:USER1:USER2} for a direct conversation, the two usernames sorted.
 */
public record ConversationId(String value) {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9-]{1,64}");
    private static final String ROOM = "room:";
    private static final String DIRECT = "dm:";

    public ConversationId {
        if (value == null) {
            throw ParleyException.badRequest("a conversation id is required");
        }
        if (value.startsWith(ROOM)) {
            if (!SLUG.matcher(value.substring(ROOM.length())).matches()) {
                throw ParleyException.badRequest("a room slug must match [a-z0-9-]{1,64}");
            }
        } else if (value.startsWith(DIRECT)) {
            String[] users = value.substring(DIRECT.length()).split(":", -1);
            if (users.length != 2 || !Account.USERNAME.matcher(users[0]).matches() || !Account.USERNAME.matcher(users[1]).matches()) {
                throw ParleyException.badRequest("a direct conversation id is dm:USER1:USER2");
            }
            if (users[0].compareTo(users[1]) > 0) {
                throw ParleyException.badRequest("the usernames of a direct conversation id are sorted: dm:" + users[1] + ":" + users[0]);
            }
        } else {
            throw ParleyException.badRequest("a conversation id starts with room: or dm:");
        }
    }

    public static ConversationId parse(String value) {
        return new ConversationId(value);
    }

    public static ConversationId room(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw ParleyException.badRequest("a room slug must match [a-z0-9-]{1,64}");
        }
        return new ConversationId(ROOM + slug);
    }

    public static ConversationId direct(String a, String b) {
        return a.compareTo(b) <= 0 ? new ConversationId(DIRECT + a + ":" + b) : new ConversationId(DIRECT + b + ":" + a);
    }

    public boolean isRoom() {
        return value.startsWith(ROOM);
    }

    public boolean isDirect() {
        return value.startsWith(DIRECT);
    }

    public String slug() {
        if (!isRoom()) {
            throw new IllegalStateException(value + " is not a room");
        }
        return value.substring(ROOM.length());
    }

    /** The two participants of a direct conversation (one, for a conversation with oneself). */
    public List<String> participants() {
        if (!isDirect()) {
            throw new IllegalStateException(value + " is not a direct conversation");
        }
        String[] users = value.substring(DIRECT.length()).split(":");
        return users[0].equals(users[1]) ? List.of(users[0]) : List.of(users[0], users[1]);
    }

    /** The participant of a direct conversation who is not {@code user} ({@code user} when they talk to themself). */
    public String peerOf(String user) {
        return participants().stream().filter(participant -> !participant.equals(user)).findFirst().orElse(user);
    }

    @Override
    public String toString() {
        return value;
    }
}
