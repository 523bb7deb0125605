package com.refundhub.provider;

import com.refundhub.core.ReasonCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One provider's answer-to-outcome mapping, kept as data ({@code outcomes.properties} in the provider's
 * package, overridable by {@code config/outcomes/TYPE.properties}) so a real provider's codes can be
 * corrected without code changes.
 *
 * <p>Keys are {@code OPERATION.PART[.PART...]} where OPERATION is {@code refund} or {@code inquiry} and
 * the parts come from the answer (e.g. {@code refund.SUCCESS.REFUND_SUCCESS}). The longest matching key
 * wins; {@code OPERATION.*} is the fallback. Values are {@code KIND [CODE]}, e.g. {@code FAILED NOT_REFUNDABLE}.
 */
public final class OutcomeTable {
    private final String type;
    private final Map<String, Entry> entries;

    public record Entry(ProviderOutcome.Kind kind, ReasonCode code) {
    }

    private OutcomeTable(String type, Map<String, Entry> entries) {
        this.type = type;
        this.entries = entries;
    }

    public static OutcomeTable load(Class<?> providerClass, String type, Path overrideDir) {
        Properties p = new Properties();
        String resource = "outcomes.properties";
        try (InputStream in = providerClass.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("provider " + type + " has no " + resource);
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read outcome table of " + type, e);
        }
        if (overrideDir != null) {
            Path override = overrideDir.resolve(type + ".properties");
            if (Files.isReadable(override)) {
                try (Reader r = Files.newBufferedReader(override, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + override, e);
                }
            }
        }
        Map<String, Entry> entries = new HashMap<>();
        for (String key : p.stringPropertyNames()) {
            String[] v = p.getProperty(key).trim().split("\\s+");
            try {
                ProviderOutcome.Kind kind = ProviderOutcome.Kind.valueOf(v[0]);
                if (kind == ProviderOutcome.Kind.NOT_DELIVERED) {
                    // an answer came back, so the request arrived: mapping it to "not delivered" would resend it blindly
                    throw new IllegalArgumentException("an answer is never NOT_DELIVERED");
                }
                entries.put(key.trim(), new Entry(kind, v.length > 1 ? ReasonCode.valueOf(v[1]) : null));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("outcome table of " + type + ": bad entry " + key + " = "
                        + p.getProperty(key), e);
            }
        }
        for (String op : new String[] {"refund", "inquiry"}) {
            if (!entries.containsKey(op + ".*")) {
                throw new IllegalStateException("outcome table of " + type + " has no fallback " + op + ".*");
            }
        }
        return new OutcomeTable(type, Map.copyOf(entries));
    }

    /** The entry for an answer key such as {@code SUCCESS.REFUND_SUCCESS}: longest prefix first. */
    public Entry lookup(String operation, String answerKey) {
        String key = operation + "." + (answerKey == null ? "" : answerKey);
        while (true) {
            Entry e = entries.get(key);
            if (e != null) {
                return e;
            }
            int dot = key.lastIndexOf('.');
            if (dot <= operation.length()) {
                return entries.get(operation + ".*");
            }
            key = key.substring(0, dot);
        }
    }

    public String type() {
        return type;
    }
}
