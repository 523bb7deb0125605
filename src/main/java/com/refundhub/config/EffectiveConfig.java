package com.refundhub.config;

import com.refundhub.provider.Digests;
import java.util.Collection;

/**
 * {@code --check-config}: every key with its value and where the value came from, secrets masked; then the API keys
 * written in clear, each with the {@code sha256:} form that would keep a usable key out of the configuration.
 */
public final class EffectiveConfig {
    private EffectiveConfig() {
    }

    public static String print(HubSettings settings) {
        Collection<ConfigReader.Entry> entries = settings.entries();
        int width = entries.stream().mapToInt(e -> e.key().length()).max().orElse(0);
        StringBuilder out = new StringBuilder("# refundhub: the configuration is valid; effective values (secrets "
                + "masked as " + ConfigReader.MASK + ") and where each came from\n");
        for (ConfigReader.Entry e : entries) {
            String value = e.printable();
            out.append(String.format("%-" + width + "s = %s  (%s)%n", e.key(), value == null ? "(not set)" : value,
                    e.origin()));
        }
        out.append("# channels: ").append(String.join(", ", settings.channels().names())).append('\n');
        for (HttpClients.Client c : settings.clients()) {
            if (!c.key().startsWith(HASHED)) {
                out.append("# API key in clear: client ").append(c.name()).append(" (").append(HttpClients.keyOf(c))
                        .append("); write it as ").append(HASHED).append(Digests.sha256Hex(c.key())).append('\n');
            }
        }
        return out.toString();
    }

    private static final String HASHED = "sha256:";
}
