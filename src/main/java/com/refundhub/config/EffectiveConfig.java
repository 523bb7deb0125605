package com.refundhub.config;

import java.util.Collection;

/** {@code --check-config}: every key with its value and where the value came from, secrets masked. */
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
        return out.append("# channels: ").append(String.join(", ", settings.channels().names())).append('\n').toString();
    }
}
