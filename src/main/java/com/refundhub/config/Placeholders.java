package com.refundhub.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;

/**
 * Camel's property placeholders in configured values: {@code {{key}}}, {@code {{key:default}}},
 * {@code {{env:NAME}}}, {@code {{sys:NAME}}} (each with an optional {@code :default}), resolved again inside
 * what they resolve to. The same text Camel would make of them, before anything is started.
 */
final class Placeholders {
    private static final int MAX_DEPTH = 20;

    /** Looks one name up: a key, or {@code env:NAME} / {@code sys:NAME}; null when it has no value. */
    interface Lookup extends UnaryOperator<String> {
    }

    private Placeholders() {
    }

    static boolean has(String text) {
        return text != null && text.contains("{{");
    }

    /** The text with every placeholder replaced; {@link IllegalArgumentException} naming one that cannot be. */
    static String resolve(String text, Lookup lookup) {
        return resolve(text, lookup, new ArrayDeque<>());
    }

    private static String resolve(String text, Lookup lookup, Deque<String> path) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                return out.append(text, at, text.length()).toString();
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException("placeholder not closed with }}");
            }
            out.append(text, at, open);
            out.append(value(text.substring(open + 2, close).trim(), lookup, path));
            at = close + 2;
        }
    }

    private static String value(String placeholder, Lookup lookup, Deque<String> path) {
        String name = placeholder;
        String fallback = null;
        int functionEnd = placeholder.startsWith("env:") || placeholder.startsWith("sys:") ? 4 : 0;
        int colon = placeholder.indexOf(':', functionEnd);
        if (colon >= 0) {
            name = placeholder.substring(0, colon);
            fallback = placeholder.substring(colon + 1);
        }
        if (path.contains(name) || path.size() >= MAX_DEPTH) {
            throw new IllegalArgumentException("placeholder {{" + name + "}} refers to itself");
        }
        String v = lookup.apply(name);
        if (v == null) {
            v = fallback;
        }
        if (v == null) {
            throw new IllegalArgumentException("placeholder {{" + name + "}} has no value");
        }
        path.push(name);
        try {
            return resolve(v, lookup, path);
        } finally {
            path.pop();
        }
    }
}
