package dev.parley.platform.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** A metric's label pairs, validated once: names as Prometheus allows them, in the given order. */
record Labels(Map<String, String> pairs) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    static Labels of(String... flat) {
        if (flat.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < flat.length; i += 2) {
            if (!NAME.matcher(flat[i]).matches()) {
                throw new IllegalArgumentException("bad label name " + flat[i]);
            }
            pairs.put(flat[i], flat[i + 1]);
        }
        return new Labels(Collections.unmodifiableMap(pairs));
    }
}
