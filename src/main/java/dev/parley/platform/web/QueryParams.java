package dev.parley.platform.web;

import dev.parley.platform.error.ParleyException;

/**
 * Query parameters read by hand, so that a malformed one is a 400 naming it (JAX-RS would answer a
 * failed conversion with 404).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** A whole number, or null when absent. */
    public static Long number(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ParleyException.badRequest("'" + name + "' must be a whole number");
        }
    }

    /** A whole number that fits an int (clamped, so range checks downstream still reject it), or null. */
    public static Integer smallNumber(String name, String value) {
        Long number = number(name, value);
        return number == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, number));
    }

    /** {@code true} or {@code false}; false when absent. */
    public static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ParleyException.badRequest("'" + name + "' must be true or false");
    }
}
