package com.refundhub.provider;

import com.refundhub.core.ReasonCode;
import java.util.List;
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

    /** What the row maps to, as written: {@code FAILED NOT_REFUNDABLE}. */
    public String then() {
        return kind + (code == null ? "" : " " + code);
    }
}
