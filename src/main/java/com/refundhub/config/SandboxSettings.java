package com.refundhub.config;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code refundhub.sandbox.*}: the provider simulators; {@code refundhub.sandbox.TYPE.*} are each simulator's
 * merchant account, defined by the provider's descriptor (its {@code sandbox.account}).
 */
public record SandboxSettings(boolean enabled, String host, int port, Duration latency, Duration slowDelay,
                              long orderAmount, Map<String, SettingValues> simulators) {
    public static final String PREFIX = "refundhub.sandbox.";

    public static final Setting<Boolean> ENABLED = Setting.of("refundhub.sandbox.enabled", Types.FLAG, "false",
            "start the provider simulators in the hub (the shipped config/application.properties turns them on)");
    public static final Setting<String> HOST = Setting.of("refundhub.sandbox.host", Types.TEXT, "127.0.0.1",
            "address the simulators listen on");
    public static final Setting<Integer> PORT = Setting.of("refundhub.sandbox.port", Types.PORT, "8091",
            "port of the simulators, one per provider type under /TYPE/");
    public static final Setting<Duration> LATENCY = Setting.of("refundhub.sandbox.latency", Types.duration(Duration.ZERO),
            "0ms", "each simulator answer leaves this long after its request arrived (benchmarks)");
    public static final Setting<Duration> SLOW_DELAY = Setting.of("refundhub.sandbox.slow-delay",
            Types.duration(Duration.ZERO), "20s", "how late SLOW- refunds are answered");
    public static final Setting<Long> ORDER_AMOUNT = Setting.of("refundhub.sandbox.order-amount",
            Types.longInteger(1, Long.MAX_VALUE), "100000000",
            "what a simulated payment was worth, minor units (an orderId ending -AMT<n> says otherwise)");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, HOST, PORT, LATENCY, SLOW_DELAY, ORDER_AMOUNT);

    /** @param standalone the simulators run on their own (SandboxMain), whatever {@code enabled} says */
    static SandboxSettings read(ConfigReader r, Collection<? extends ChannelType> types, boolean standalone) {
        SettingValues v = r.values();
        boolean enabled = v.get(ENABLED);
        boolean running = enabled || standalone;
        Map<String, SettingValues> accounts = new LinkedHashMap<>();
        for (ChannelType t : types) {
            String prefix = PREFIX + t.name() + ".";
            r.scopeKeys(prefix, t.sandboxSettings());
            SettingValues scope = r.scope(prefix);
            for (Setting<?> setting : t.sandboxSettings()) {   // read now: checked and shown even when off
                Setting<?> read = running ? setting : setting.optional();
                scope.get(read);
            }
            accounts.put(t.name(), scope);
        }
        return new SandboxSettings(enabled, v.get(HOST), v.get(PORT), v.get(LATENCY), v.get(SLOW_DELAY),
                v.get(ORDER_AMOUNT), Map.copyOf(accounts));
    }

    /** The merchant account of one simulator. */
    public SettingValues simulator(String type) {
        return simulators.getOrDefault(type, SettingValues.NONE);
    }
}
