package com.refundhub.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an HTTP client may do (SPEC §8.1). Which endpoint needs which role is written once, in the REST DSL of
 * {@code routes/intake-http.camel.yaml} (each operation's bearer security scope), and read from there.
 */
public enum Role {
    /** {@code POST /refunds} */
    SUBMIT,
    /** the refund and batch reads */
    READ,
    /** forced inquiries, manual resolutions, webhook deliveries (listed, sent again) */
    OPERATE;

    /** As configuration and the REST DSL write it: {@code submit}, {@code read}, {@code operate}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name that is not a role */
    public static Role ofWireName(String name) {
        for (Role r : values()) {
            if (r.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("'" + name.trim() + "' is not a role (" + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));
    }
}
