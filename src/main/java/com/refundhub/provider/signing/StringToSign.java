package com.refundhub.provider.signing;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The strings recipes sign: sorted {@code k=v} pairs of fields, or the exact text of a part, with a tail appended. */
public final class StringToSign {
    private StringToSign() {
    }

    /**
     * {@code k1=v1&k2=v2...} over the fields sorted by name (ASCII), leaving out {@code excluded}, nulls, nested objects
     * and lists, and empty text when {@code skipEmpty}; values that are not text are written as their JSON text.
     * Then {@code tail}, when given.
     */
    public static String sortedFields(Map<String, ?> fields, Collection<String> excluded, boolean skipEmpty, String tail) {
        StringBuilder sb = new StringBuilder(256);
        for (Map.Entry<String, ?> e : new TreeMap<>(fields).entrySet()) {
            Object v = e.getValue();
            if (v == null || excluded.contains(e.getKey()) || (skipEmpty && "".equals(v.toString()))
                    || v instanceof Map || v instanceof Iterable) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(v instanceof java.math.BigDecimal d ? d.toPlainString() : v);
        }
        return tail == null ? sb.toString() : sb.append(tail).toString();
    }

    /** The exact characters of a part, then {@code tail}. */
    public static String exactText(String text, String tail) {
        return tail == null ? text : text + tail;
    }
}
