package com.refundhub.provider.contract;

import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The rows of a provider's outcome table ({@code outcomes.properties} beside its module), read as the data they are:
 * {@code refund.KEY} and {@code inquiry.KEY} → {@code KIND [CODE]}, the longest matching key winning and
 * {@code OPERATION.*} the fallback.
 */
final class OutcomeRows {
    /** One row: its key without the operation ({@code *} for the fallback), what it maps to. */
    record Row(Operation operation, String key, String kind, String code) {
        boolean fallback() {
            return key.equals("*");
        }

        @Override
        public String toString() {
            return operation.tableName() + "." + key + " → " + kind + (code == null ? "" : " " + code);
        }
    }

    private final Properties table = new Properties();

    OutcomeRows(ProviderModule module) {
        try (InputStream in = module.getClass().getResourceAsStream("outcomes.properties")) {
            if (in == null) {
                throw new IllegalStateException(module.type() + " has no outcomes.properties beside " + module.getClass().getName());
            }
            table.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String name : new TreeSet<>(table.stringPropertyNames())) {
            int dot = name.indexOf('.');
            String[] value = table.getProperty(name).trim().split("\\s+");
            rows.add(new Row(Operation.valueOf(name.substring(0, dot).toUpperCase()), name.substring(dot + 1), value[0],
                    value.length > 1 ? value[1] : null));
        }
        return rows;
    }

    /** The row an answer key lands on: the longest row key it starts with (whole parts), else the fallback. */
    String landsOn(Operation operation, String answerKey) {
        String key = answerKey == null ? "" : answerKey;
        while (!key.isEmpty()) {
            if (table.containsKey(operation.tableName() + "." + key)) {
                return key;
            }
            int dot = key.lastIndexOf('.');
            key = dot < 0 ? "" : key.substring(0, dot);
        }
        return "*";
    }

    /** A code no row of this table starts with: what the sandbox is made to answer to reach the fallback rows. */
    String unknownCode() {
        for (String code = "999"; ; code += "9") {
            String candidate = code;
            if (table.stringPropertyNames().stream().noneMatch(k -> k.substring(k.indexOf('.') + 1).split("\\.")[0].equals(candidate))) {
                return code;
            }
        }
    }
}
