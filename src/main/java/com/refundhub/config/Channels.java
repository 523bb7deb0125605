package com.refundhub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configured channels, {@code refundhub.channels.NAME.*} (SPEC §5): the keys every channel has, defined here,
 * and the keys of its type, defined by the type's descriptor ({@link ChannelType}). A channel exists when a file or a
 * system property names one of its keys.
 */
public final class Channels {
    public static final String PREFIX = "refundhub.channels.";

    public static final Setting<String> TYPE = Setting.required("type", Types.TEXT,
            "the provider: the name of a provider descriptor (built in, or in refundhub.providers.dir); several channels may share a type");
    public static final Setting<String> BASE_URL = Setting.required("base-url", Types.HTTP_URL,
            "the provider's base URL (the shipped channels point at the sandbox)");
    public static final Setting<String> REFUND_PATH = Setting.of("refund-path", Types.TEXT, null,
            "path of the refund API").defaultNote("the type's");
    public static final Setting<String> INQUIRY_PATH = Setting.of("inquiry-path", Types.TEXT, null,
            "path of the inquiry API").defaultNote("the type's");
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.of("connect-timeout",
            Types.duration(Duration.ofMillis(1)), "5s", "HTTP connect timeout");
    public static final Setting<Duration> READ_TIMEOUT = Setting.of("read-timeout", Types.duration(Duration.ofMillis(1)),
            "15s", "HTTP read timeout; no answer in time is an unknown outcome, settled by inquiry");
    public static final Setting<Integer> MAX_CONCURRENCY = Setting.of("max-concurrency", Types.integer(1, 10_000), "16",
            "provider calls in flight on this channel; more wait");
    public static final Setting<List<Duration>> INQUIRY_BACKOFF = Setting.of("inquiry-backoff",
            Types.durations(Duration.ZERO), "10s,30s,1m,2m,5m,10m,30m,1h,2h,6h,12h,24h",
            "delay before each inquiry of a PENDING refund; the last repeats");
    public static final Setting<Set<String>> CURRENCIES = Setting.of("currencies", Types.CURRENCIES, null,
            "currencies the channel takes").defaultNote("the type's");
    public static final Setting<Integer> BREAKER_FAILURES = Setting.of("breaker-failures", Types.integer(1, 10_000), "5",
            "calls in a row that were not delivered or got no usable answer (connect failure, timeout, 5xx, unparseable) "
                    + "before the channel opens: then nothing is sent or inquired on it, its refunds wait as RECEIVED");
    public static final Setting<Duration> BREAKER_OPEN_FOR = Setting.of("breaker-open-for",
            Types.duration(Duration.ofMillis(100)), "5s", "how long an open channel waits before one call probes it; "
                    + "doubles each time the probe fails, up to 2m (or this value, if longer)");

    public static final Setting<Path> TLS_TRUST_STORE = Setting.of("tls.trust-store", Types.PATH, null,
            "the CAs the provider's certificate must chain to, for this channel only: a PEM bundle or a PKCS#12 store "
                    + "of certificates").defaultNote("the JVM's CAs");
    public static final Setting<String> TLS_TRUST_STORE_PASSWORD = Setting.of("tls.trust-store-password", Types.TEXT,
            null, "password of a PKCS#12 tls.trust-store (keytool encrypts its certificates with it)").secret();
    public static final Setting<Path> TLS_KEY_STORE = Setting.of("tls.key-store", Types.PATH, null,
            "PKCS#12 key store with the merchant's client certificate and key, for providers that require mutual TLS");
    public static final Setting<String> TLS_KEY_STORE_PASSWORD = Setting.of("tls.key-store-password", Types.TEXT, null,
            "password of tls.key-store (and of its key)").secret();

    /** The keys of every channel, whatever its type. */
    public static final List<Setting<?>> COMMON = List.of(TYPE, BASE_URL, REFUND_PATH, INQUIRY_PATH, CONNECT_TIMEOUT,
            READ_TIMEOUT, MAX_CONCURRENCY, INQUIRY_BACKOFF, CURRENCIES, BREAKER_FAILURES, BREAKER_OPEN_FOR,
            TLS_TRUST_STORE, TLS_TRUST_STORE_PASSWORD, TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD);

    public static final Setting<Path> OUTCOMES_DIR = Setting.of("refundhub.outcomes.dir", Types.PATH, "config/outcomes",
            "TYPE.properties here override rows of a provider's outcome tables: OPERATION.ROW = KIND [CODE]");
    public static final Setting<Path> PROVIDERS_DIR = Setting.of("refundhub.providers.dir", Types.PATH, "providers",
            "more provider descriptors, NAME.provider.yaml, read at start (a missing folder is fine); a file named as a "
                    + "built-in provider replaces it");

    private final Map<String, ChannelConfig> byName;
    private final Path outcomesDir;

    private Channels(Map<String, ChannelConfig> byName, Path outcomesDir) {
        this.byName = byName;
        this.outcomesDir = outcomesDir;
    }

    static Channels read(ConfigReader r, Map<String, ? extends ChannelType> modules) {
        Map<String, ChannelConfig> out = new LinkedHashMap<>();
        for (String name : r.memberNames(PREFIX)) {
            String prefix = PREFIX + name + ".";
            SettingValues v = r.scope(prefix);
            String type = v.get(TYPE);
            ChannelType module = type == null ? null : modules.get(type);
            if (module == null) {
                if (type != null) {
                    r.problem(prefix + TYPE.key(), "channel '" + name + "': no provider of this type" + Suggestions.nearest(type,
                            modules.keySet()).map(n -> "; did you mean " + n + "?").orElse("") + "; known: "
                            + String.join(", ", new TreeSet<>(modules.keySet())));
                }
                COMMON.forEach(v::get);
                r.uncheckedUnder(prefix);   // which keys it may have depends on the type
                continue;
            }
            List<Setting<?>> keys = new ArrayList<>(COMMON);
            keys.addAll(module.channelSettings());
            r.scopeKeys(prefix, keys);
            keys.forEach(v::get);   // every key checked (and listed by --check-config), in definition order
            String origin = "default of type " + type;
            r.defaulted(prefix + REFUND_PATH.key(), module.defaultRefundPath(), module.defaultRefundPath(), origin);
            r.defaulted(prefix + INQUIRY_PATH.key(), module.defaultInquiryPath(), module.defaultInquiryPath(), origin);
            r.defaulted(prefix + CURRENCIES.key(), module.defaultCurrencies(),
                    String.join(",", new TreeSet<>(module.defaultCurrencies())), origin);
            checkTls(r, prefix, v);
            if (module.requiresClientCertificate() && v.get(TLS_KEY_STORE) == null
                    && r.problemsUnder(prefix + "tls.") == 0) {
                r.problem(prefix + TLS_KEY_STORE.key(), "provider " + type + " requires the merchant's client "
                        + "certificate (mutual TLS): a PKCS#12 key store with it and its key, and "
                        + prefix + TLS_KEY_STORE_PASSWORD.key());
            }
            if (r.problemsUnder(prefix) > 0) {
                continue;
            }
            Map<String, Object> specific = new LinkedHashMap<>();
            for (Setting<?> s : List.of(TLS_TRUST_STORE, TLS_TRUST_STORE_PASSWORD, TLS_KEY_STORE, TLS_KEY_STORE_PASSWORD)) {
                Object value = v.get(s);
                if (value != null) {
                    specific.put(s.key(), value);
                }
            }
            for (Setting<?> s : module.channelSettings()) {
                Object value = v.get(s);
                if (value != null) {
                    specific.put(s.key(), value);
                }
            }
            out.put(name, new ChannelConfig(name, type, v.get(BASE_URL), v.get(REFUND_PATH), v.get(INQUIRY_PATH),
                    v.get(CONNECT_TIMEOUT), v.get(READ_TIMEOUT), v.get(MAX_CONCURRENCY), v.get(INQUIRY_BACKOFF),
                    v.get(CURRENCIES), new ChannelConfig.Breaker(v.get(BREAKER_FAILURES), v.get(BREAKER_OPEN_FOR)),
                    specific));
        }
        return new Channels(Map.copyOf(out), r.values().get(OUTCOMES_DIR));
    }

    /** Each TLS file named opens (a key store with its password, and holds a key; a trust store holds a CA). */
    private static void checkTls(ConfigReader r, String prefix, SettingValues v) {
        Path keyStore = v.get(TLS_KEY_STORE);
        String password = v.get(TLS_KEY_STORE_PASSWORD);
        if (keyStore != null && password == null) {
            r.problem(prefix + TLS_KEY_STORE_PASSWORD.key(), "required with " + prefix + TLS_KEY_STORE.key());
        } else if (keyStore == null && password != null) {
            r.problem(prefix + TLS_KEY_STORE_PASSWORD.key(), "set, but " + prefix + TLS_KEY_STORE.key() + " is not");
        } else if (keyStore != null) {
            try {
                KeyStores.openWithKey(keyStore, password);
            } catch (IllegalArgumentException e) {
                r.problem(prefix + TLS_KEY_STORE.key(), e.getMessage());
            }
        }
        Path trustStore = v.get(TLS_TRUST_STORE);
        if (trustStore != null) {
            try {
                KeyStores.trustStore(trustStore, v.get(TLS_TRUST_STORE_PASSWORD));
            } catch (IllegalArgumentException e) {
                r.problem(prefix + TLS_TRUST_STORE.key(), e.getMessage());
            }
        }
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

    /** Where deployments override lines of the providers' outcome tables. */
    public Path outcomesDir() {
        return outcomesDir;
    }
}
