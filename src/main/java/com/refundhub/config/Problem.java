package com.refundhub.config;

/**
 * One thing wrong with the configuration: the key, the value as it may be shown (masked for a secret, absent
 * for an unknown key), where it came from, and what is wrong or allowed.
 */
public record Problem(String key, String shownValue, String origin, String message) {

    /** One line: {@code refundhub.http.port = "abc" (file my.properties): not an integer; allowed: ...}. */
    public String line() {
        StringBuilder b = new StringBuilder(key);
        if (shownValue != null) {
            b.append(" = ").append(shownValue);
        }
        if (origin != null) {
            b.append(" (").append(origin).append(')');
        }
        return b.append(": ").append(message).toString();
    }
}
