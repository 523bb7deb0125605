package com.refundhub.provider;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * One test of an answer: the value at a path (its text) equals one of some values, equals none of them, or is present
 * or not. {@code $coverage} is no path of the answer but what the hub concludes from an answer about the whole order
 * ({@link AnswerSpec#orderRefunded()}): {@code COVERED}, {@code MISSING} or {@code UNCLEAR}.
 *
 * @param values the values compared with (empty for a presence test)
 * @param negated true for {@code not:}
 * @param present for a presence test: whether the path must have a value; null otherwise
 */
public record Condition(String path, List<String> values, boolean negated, Boolean present) {
    public static final String COVERAGE = "$coverage";

    /** Whether the answer passes this test; {@code value} gives the text at a path (null when absent). */
    public boolean holds(Function<String, String> value) {
        String v = value.apply(path);
        if (present != null) {
            return present == (v != null && !v.isEmpty());
        }
        boolean equal = v != null && values.stream().anyMatch(x -> same(x, v));
        return negated != equal;
    }

    /** An equality test on one of its values: the value that the answer had (for the row's label). */
    public boolean isEquality() {
        return present == null && !negated;
    }

    /** Equal as text, or as numbers when both are ({@code 12.50} and {@code 12.5}, {@code 1} and {@code 1.0}). */
    static boolean same(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        if (a.isEmpty() || b.isEmpty() || !isNumber(a) || !isNumber(b)) {
            return false;
        }
        return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
    }

    private static boolean isNumber(String s) {
        char c = s.charAt(0);
        return (c == '-' || (c >= '0' && c <= '9')) && NUMBER.matcher(s).matches();
    }

    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
}
