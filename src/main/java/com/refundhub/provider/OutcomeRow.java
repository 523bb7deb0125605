package com.refundhub.provider;

import com.refundhub.core.ReasonCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One row of an outcome table: when every condition holds, the answer means {@code kind} (with {@code code}). A row
 * without conditions is the table's fallback. {@code line} is where the row is written, for problems and proofs.
 */
public record OutcomeRow(List<Condition> conditions, ProviderOutcome.Kind kind, ReasonCode code, int line) {

    public boolean matches(Function<String, String> value) {
        return conditions.stream().allMatch(c -> c.holds(value));
    }

    public boolean isFallback() {
        return conditions.isEmpty();
    }

    /**
     * The row's name: the values its equality conditions test, joined by dots in the order written ({@code
     * SUCCESS.REFUND_FAIL}); {@code *} for the fallback. With {@code value}, the values an answer actually had (the
     * one of several a condition allows).
     */
    public String label(Function<String, String> value) {
        if (isFallback()) {
            return "*";
        }
        return conditions.stream().filter(Condition::isEquality)
                .map(c -> {
                    String v = value == null ? null : value.apply(c.path());
                    return v != null && c.values().stream().anyMatch(x -> Condition.same(x, v)) ? v : c.values().get(0);
                })
                .collect(Collectors.joining("."));
    }

    /**
     * Every answer this row is written for, as the values its equality tests allow (path → value, in the order
     * written): one per combination, so {@code code: [Z00049, B11095]} gives two. The fallback gives one, empty.
     */
    public List<Map<String, String>> answers() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Condition c : conditions) {
            if (!c.isEquality()) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : out) {
                for (String v : c.values()) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(c.path(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /** The name of one of {@link #answers()}: its values joined by dots; {@code *} for the fallback's. */
    public static String name(Map<String, String> answer) {
        return answer.isEmpty() ? "*" : String.join(".", answer.values());
    }

    /** What the row maps to, as written: {@code FAILED NOT_REFUNDABLE}. */
    public String then() {
        return kind + (code == null ? "" : " " + code);
    }
}
