package com.refundhub.config;

import com.refundhub.core.Durations;
import com.refundhub.core.Money;
import com.refundhub.provider.ProviderModule;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The configured channels, read from {@code refundhub.channels.NAME.*} (SPEC §5). */
public final class Channels {
    public static final String PREFIX = "refundhub.channels.";
    static final String DEFAULT_BACKOFF = "10s,30s,1m,2m,5m,10m,30m,1h,2h,6h,12h,24h";
    private static final Set<String> COMMON_KEYS = Set.of("type", "base-url", "refund-path", "inquiry-path",
            "connect-timeout", "read-timeout", "max-concurrency", "inquiry-backoff", "currencies");

    private final Map<String, ChannelConfig> byName;

    private Channels(Map<String, ChannelConfig> byName) {
        this.byName = byName;
    }

    /**
     * @param names    every property name known to the configuration (the channels are found from them)
     * @param lookup   resolves one property, with system-property and environment overrides applied
     * @param modules  the provider types this build knows
     */
    public static Channels load(Collection<String> names, Function<String, String> lookup,
                                Map<String, ProviderModule> modules) {
        Set<String> channelNames = new TreeSet<>();
        for (String key : names) {
            if (key.startsWith(PREFIX) && key.endsWith(".type")) {
                channelNames.add(key.substring(PREFIX.length(), key.length() - ".type".length()));
            }
        }
        Map<String, ChannelConfig> out = new LinkedHashMap<>();
        for (String name : channelNames) {
            String p = PREFIX + name + ".";
            String type = lookup.apply(p + "type");
            ProviderModule module = modules.get(type);
            if (module == null) {
                throw new IllegalStateException("channel '" + name + "': unknown type '" + type + "' (known: "
                        + String.join(", ", new TreeSet<>(modules.keySet())) + ")");
            }
            Function<String, String> get = k -> {
                String v = lookup.apply(p + k);
                return v == null || v.isBlank() ? null : v.trim();
            };
            String baseUrl = require(name, "base-url", get);
            Map<String, String> settings = new HashMap<>();
            for (String key : names) {
                if (key.startsWith(p) && !COMMON_KEYS.contains(key.substring(p.length()))) {
                    String v = get.apply(key.substring(p.length()));
                    if (v != null) {
                        settings.put(key.substring(p.length()), v);
                    }
                }
            }
            for (String k : module.channelKeys()) {   // env-only values for the type's keys count too
                String v = get.apply(k);
                if (v != null) {
                    settings.put(k, v);
                }
            }
            Set<String> currencies = Optional.ofNullable(get.apply("currencies"))
                    .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(c -> !c.isEmpty())
                            .collect(Collectors.toCollection(TreeSet::new)))
                    .map(s -> (Set<String>) s)
                    .orElse(module.defaultCurrencies());
            for (String c : currencies) {
                if (!Money.isKnownCurrency(c)) {
                    throw new IllegalStateException("channel '" + name + "': currency " + c + " has no known exponent");
                }
            }
            try {
                ChannelConfig channel = new ChannelConfig(name, type, baseUrl,
                        Optional.ofNullable(get.apply("refund-path")).orElse(module.defaultRefundPath()),
                        Optional.ofNullable(get.apply("inquiry-path")).orElse(module.defaultInquiryPath()),
                        Durations.parse(Optional.ofNullable(get.apply("connect-timeout")).orElse("5s")),
                        Durations.parse(Optional.ofNullable(get.apply("read-timeout")).orElse("15s")),
                        Integer.parseInt(Optional.ofNullable(get.apply("max-concurrency")).orElse("16")),
                        Durations.parseList(Optional.ofNullable(get.apply("inquiry-backoff")).orElse(DEFAULT_BACKOFF)),
                        currencies, settings);
                if (channel.getMaxConcurrency() < 1) {
                    throw new IllegalArgumentException("max-concurrency must be at least 1");
                }
                module.checkChannel(channel);
                out.put(name, channel);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("channel '" + name + "': " + e.getMessage(), e);
            }
        }
        return new Channels(Map.copyOf(out));
    }

    private static String require(String channel, String key, Function<String, String> get) {
        String v = get.apply(key);
        if (v == null) {
            throw new IllegalStateException("channel '" + channel + "': " + PREFIX + channel + "." + key + " is not set");
        }
        return v;
    }

    public Optional<ChannelConfig> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    public ChannelConfig get(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("no channel named '" + name + "'"));
    }

    public Collection<ChannelConfig> all() {
        return byName.values();
    }

    public Set<String> names() {
        return new TreeSet<>(byName.keySet());
    }
}
