package com.refundhub.provider.contract;

import com.refundhub.provider.Condition;
import com.refundhub.provider.Descriptor;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OutcomeRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a provider's outcome tables, read from its descriptor as the data they are: one case per value a row
 * allows ({@code code: [Z00049, B11095]} is two), named by the values it tests joined by dots ({@code SUCCESS.REFUND_FAIL},
 * {@code *} for the fallback), which is also what the sandbox is told to answer ({@code CODE-NAME}, {@code INQ-NAME}).
 */
final class OutcomeRows {
    /** One row's case: its name without the operation, what it maps to. */
    record Row(Operation operation, String key, String kind, String code) {
        boolean fallback() {
            return key.equals("*");
        }

        @Override
        public String toString() {
            return operation.tableName() + "." + key + " → " + kind + (code == null ? "" : " " + code);
        }
    }

    private final Descriptor descriptor;

    OutcomeRows(Descriptor descriptor) {
        this.descriptor = descriptor;
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Operation op : Operation.values()) {
            for (OutcomeRow r : descriptor.operation(op).answer().outcomes().rows()) {
                for (String key : keys(r)) {
                    rows.add(new Row(op, key, r.kind().name(), r.code() == null ? null : r.code().name()));
                }
            }
        }
        return rows;
    }

    /** Every combination of the values a row's equality tests allow, each joined by dots. */
    private static List<String> keys(OutcomeRow r) {
        if (r.isFallback()) {
            return List.of("*");
        }
        List<String> keys = List.of("");
        for (Condition c : r.conditions()) {
            if (!c.isEquality()) {
                continue;
            }
            List<String> next = new ArrayList<>();
            for (String k : keys) {
                for (String v : c.values()) {
                    next.add(k.isEmpty() ? v : k + "." + v);
                }
            }
            keys = next;
        }
        return keys;
    }

    /** A code no row of these tables names: what the sandbox is made to answer to reach the fallback rows. */
    String unknownCode() {
        for (String code = "999"; ; code += "9") {
            String candidate = code;
            if (rows().stream().noneMatch(r -> r.key().split("\\.")[0].equals(candidate))) {
                return code;
            }
        }
    }
}
