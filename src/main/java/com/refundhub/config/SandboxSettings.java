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
                              long orderAmount, Map<String, SettingValues> simulators, Tls tls) {
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

    public static final Setting<java.nio.file.Path> TLS_KEY_STORE = Setting.of("refundhub.sandbox.tls.key-store",
            Types.PATH, null, "PKCS#12 key store of the simulators' certificate: when set they answer over HTTPS only "
                    + "(to try a channel's tls.* settings)");
    public static final Setting<String> TLS_KEY_STORE_PASSWORD = Setting.of("refundhub.sandbox.tls.key-store-password",
            Types.TEXT, null, "password of refundhub.sandbox.tls.key-store").secret();
    public static final Setting<java.nio.file.Path> TLS_CLIENT_CA = Setting.of("refundhub.sandbox.tls.client-ca",
            Types.PATH, null, "with HTTPS: the simulators require a client certificate issued by these CAs (a PEM "
                    + "bundle), as providers with mutual TLS do");

    public static final List<Setting<?>> SETTINGS = List.of(ENABLED, HOST, PORT, LATENCY, SLOW_DELAY, ORDER_AMOUNT,
            TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD, TLS_CLIENT_CA);

    /** The simulators over HTTPS: their certificate, and the CAs of the client certificates they require (or null). */
    public record Tls(java.nio.file.Path keyStore, String password, java.nio.file.Path clientCa) {
        @Override
        public String toString() {   // never the password
            return "Tls[" + keyStore + ", client CA " + clientCa + "]";
        }
    }

    /** Without TLS (the sandbox's default, and a provider's proof). */
    public SandboxSettings(boolean enabled, String host, int port, Duration latency, Duration slowDelay,
                           long orderAmount, Map<String, SettingValues> simulators) {
        this(enabled, host, port, latency, slowDelay, orderAmount, simulators, null);
    }

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
                v.get(ORDER_AMOUNT), Map.copyOf(accounts), tls(r));
    }

    private static Tls tls(ConfigReader r) {
        SettingValues v = r.values();
        java.nio.file.Path keyStore = v.get(TLS_KEY_STORE);
        String password = v.get(TLS_KEY_STORE_PASSWORD);
        java.nio.file.Path clientCa = v.get(TLS_CLIENT_CA);
        if (keyStore == null) {
            if (clientCa != null) {
                r.problem(TLS_CLIENT_CA.key(), "needs " + TLS_KEY_STORE.key() + " (client certificates need HTTPS)");
            }
            return null;
        }
        if (password == null) {
            r.problem(TLS_KEY_STORE_PASSWORD.key(), "required with " + TLS_KEY_STORE.key());
            return null;
        }
        try {
            KeyStores.openWithKey(keyStore, password);
        } catch (IllegalArgumentException e) {
            r.problem(TLS_KEY_STORE.key(), e.getMessage());
        }
        if (clientCa != null) {
            try {
                KeyStores.trustStore(clientCa, null);
            } catch (IllegalArgumentException e) {
                r.problem(TLS_CLIENT_CA.key(), e.getMessage());
            }
        }
        return new Tls(keyStore, password, clientCa);
    }

    /** The merchant account of one simulator. */
    public SettingValues simulator(String type) {
        return simulators.getOrDefault(type, SettingValues.NONE);
    }
}
