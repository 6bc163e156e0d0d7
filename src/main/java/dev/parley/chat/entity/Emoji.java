package dev.parley.chat.entity;

import dev.parley.platform.error.ParleyException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emoji a reaction may be: a fixed set, so that a reaction is always one known picture (no text
 * smuggled in, no unbounded variety per message). A client may leave out the variation selector
 * (U+FE0F): {@code ❤} is {@code ❤️}.
 */
public final class Emoji {

    /** In the order the web UI's picker shows them. */
    public static final List<String> ALLOWED = List.of(
            "👍", "👎", "❤️", "😂", "😮", "😢", "😡", "🎉", "🙏", "👀", "🔥", "✅",
            "❌", "👏", "🙌", "💯", "🚀", "🤔", "😄", "😊", "😍", "😎", "😅", "🤣",
            "😭", "😱", "🥳", "🤝", "💪", "👌", "✨", "⭐", "💡", "📌", "🐛", "☕",
            "🍕", "🎂", "🏆", "⚠️", "❓", "➕", "👋", "🙈", "💔", "😴", "🤯", "🫡");

    private static final Map<String, String> BY_BARE_FORM = new LinkedHashMap<>();

    static {
        ALLOWED.forEach(emoji -> BY_BARE_FORM.put(bare(emoji), emoji));
    }

    private Emoji() {
    }

    /**
     * The allowed emoji {@code candidate} stands for.
     *
     * @throws ParleyException bad_request if it is not one of {@link #ALLOWED}
     */
    public static String require(String candidate) {
        String emoji = candidate == null ? null : BY_BARE_FORM.get(bare(candidate));
        if (emoji == null) {
            throw ParleyException.badRequest("'emoji' must be one of the " + ALLOWED.size() + " reaction emoji (GET /api/reactions lists them)");
        }
        return emoji;
    }

    private static String bare(String emoji) {
        return emoji.replace("\uFE0F", "");
    }
}
