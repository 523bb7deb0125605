package com.refundhub.provider;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every provider's outcome table (its {@code outcomes.properties}, with the lines a deployment overrides). */
public final class OutcomeTables {
    private final Map<String, OutcomeTable> byType = new LinkedHashMap<>();

    /** @param overrides the folder whose {@code TYPE.properties} override lines of a provider's table */
    public OutcomeTables(ProviderModules modules, Path overrides) {
        for (ProviderModule m : modules.all()) {
            byType.put(m.type(), OutcomeTable.load(m.getClass(), m.type(), overrides));
        }
    }

    public Map<String, OutcomeTable> byType() {
        return Map.copyOf(byType);
    }
}
