package com.refundhub.provider;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The provider types this build knows, by type name: every {@link ProviderModule} registered with ServiceLoader. */
public final class ProviderModules {
    private final Map<String, ProviderModule> byType = new LinkedHashMap<>();

    public ProviderModules(Iterable<ProviderModule> modules) {
        modules.forEach(m -> byType.put(m.type(), m));
    }

    public static ProviderModules registered() {
        return new ProviderModules(ServiceLoader.load(ProviderModule.class));
    }

    public Optional<ProviderModule> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public ProviderModule get(String type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no provider module of type " + type));
    }

    public Collection<ProviderModule> all() {
        return byType.values();
    }
}
