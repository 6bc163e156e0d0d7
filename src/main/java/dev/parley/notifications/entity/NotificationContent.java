package dev.parley.notifications.entity;

import dev.parley.platform.error.ErrorCode;
import dev.parley.platform.error.ParleyException;

/**
 * What a publisher sends, validated: a category, a priority, a title of 1..200 characters, and an
 * optional body (up to 4000), URL (up to 2000, http(s) or a path) and JSON {@code data} (up to 16000
 * characters serialised).
 */
public record NotificationContent(String category, Priority priority, String title, String body, String url, String data) {

    public NotificationContent {
        Preferences.checkCategory(category);
        if (priority == null) {
            throw ParleyException.badRequest("priority is required");
        }
        if (title == null || title.isBlank()) {
            throw ParleyException.badRequest("'title' is required");
        }
        if (title.codePointCount(0, title.length()) > Notification.MAX_TITLE) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "'title' is at most " + Notification.MAX_TITLE + " characters");
        }
        if (body != null && body.length() > Notification.MAX_BODY) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "'body' is at most " + Notification.MAX_BODY + " characters");
        }
        if (url != null && (url.length() > Notification.MAX_URL || !(url.startsWith("https://") || url.startsWith("http://")
                || (url.startsWith("/") && !url.startsWith("//"))))) {
            throw ParleyException.badRequest("'url' must be an http(s) URL or a path starting with /");
        }
        if (data != null && data.length() > Notification.MAX_DATA) {
            throw new ParleyException(ErrorCode.TOO_LARGE, "'data' is at most " + Notification.MAX_DATA + " characters as JSON");
        }
    }
}
