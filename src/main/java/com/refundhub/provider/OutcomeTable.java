package com.refundhub.provider;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One operation's outcome table, as its descriptor writes it: rows tried top to bottom, the first whose conditions
 * all hold wins. An answer that no row matches is an unknown outcome (SPEC §6): the refund is inquired.
 */
public record OutcomeTable(List<OutcomeRow> rows) {

    public Optional<OutcomeRow> match(Function<String, String> value) {
        for (OutcomeRow row : rows) {
            if (row.matches(value)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }
}
