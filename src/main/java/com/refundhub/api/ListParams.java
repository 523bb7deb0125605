package com.refundhub.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * The query of a list request (SPEC §8.2): {@code limit} (1-500, default 50), {@code cursor}, and the list's
 * filters. A parameter the list does not know, or one given twice, is refused naming it (400), as a typo in a
 * filter would otherwise quietly list everything.
 */
final class ListParams {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final Map<String, String> values = new LinkedHashMap<>();

    private ListParams() {
    }

    /** The request's query, its names checked against {@code filters} (limit and cursor are always known). */
    static ListParams of(Exchange exchange, Set<String> filters) {
        ListParams p = new ListParams();
        String query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        if (query == null || query.isEmpty()) {
            return p;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            if (!name.equals("limit") && !name.equals("cursor") && !filters.contains(name)) {
                throw ApiProblem.invalid(printable(name), "is not a parameter of this list; known: limit, cursor, "
                        + String.join(", ", filters));
            }
            if (p.values.put(name, value.trim()) != null) {
                throw ApiProblem.invalid(name, "is given twice");
            }
        }
        return p;
    }

    private static String decode(String text, String field) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, "is not URL-encoded correctly");
        }
    }

    private static String printable(String name) {
        String shown = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
    }

    int limit() {
        String l = text("limit");
        if (l == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(l);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiProblem.invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    /** The cursor a previous page gave, or null for the first page. */
    <T> T cursor(Function<String, T> parser) {
        String c = text("cursor");
        if (c == null) {
            return null;
        }
        try {
            return parser.apply(c);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("cursor", "is not the next of a page of this list: pass it back as it came");
        }
    }

    /** The value, or null when absent or blank; refused when longer than {@code max}. */
    String text(String name, int max) {
        String v = text(name);
        if (v != null && v.length() > max) {
            throw ApiProblem.invalid(name, "is longer than " + max + " characters");
        }
        return v;
    }

    private String text(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    /** An enum constant by name, any case. */
    <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v)) {
                return e;
            }
        }
        throw ApiProblem.invalid(name, "must be one of " + java.util.List.of(type.getEnumConstants()));
    }

    /** An ISO-8601 date-time with its offset ({@code 2026-11-30T08:00:00Z}), or a date (its start, UTC). */
    OffsetDateTime instant(String name) {
        String v = text(name);
        if (v == null) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay().atOffset(ZoneOffset.UTC) : OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(name, "must be an ISO-8601 date-time with its offset (2026-11-30T08:00:00Z) "
                    + "or a date (2026-11-30)");
        }
    }
}
