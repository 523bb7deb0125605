package com.refundhub.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One channel: a merchant account at one provider (SPEC §5). Provider-specific keys (credentials, key
 * files) are its {@link SettingValues}; {@link #toString()} never prints them.
 */
public final class ChannelConfig implements SettingValues {
    private final String name;
    private final String type;
    private final String baseUrl;
    private final String refundPath;
    private final String inquiryPath;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxConcurrency;
    private final List<Duration> inquiryBackoff;
    private final Set<String> currencies;
    private final Breaker breaker;
    private final Map<String, Object> settings;

    /**
     * The channel's circuit breaker ({@code breaker-failures}, {@code breaker-open-for}).
     *
     * @param failures calls in a row that were not delivered or got no usable answer before the channel opens
     * @param openFor  how long it stays open the first time; doubled at each re-open up to {@link #maxOpenFor()}
     */
    public record Breaker(int failures, Duration openFor) {
        /** The longest a channel stays open before a probe: 2m, or {@code openFor} if that is longer. */
        public Duration maxOpenFor() {
            Duration cap = Duration.ofMinutes(2);
            return openFor.compareTo(cap) > 0 ? openFor : cap;
        }
    }

    /** A channel with the default breaker. */
    public ChannelConfig(String name, String type, String baseUrl, String refundPath, String inquiryPath,
                         Duration connectTimeout, Duration readTimeout, int maxConcurrency,
                         List<Duration> inquiryBackoff, Set<String> currencies, Map<String, ?> settings) {
        this(name, type, baseUrl, refundPath, inquiryPath, connectTimeout, readTimeout, maxConcurrency, inquiryBackoff,
                currencies, new Breaker(Channels.BREAKER_FAILURES.defaultValue(), Channels.BREAKER_OPEN_FOR.defaultValue()),
                settings);
    }

    public ChannelConfig(String name, String type, String baseUrl, String refundPath, String inquiryPath,
                         Duration connectTimeout, Duration readTimeout, int maxConcurrency,
                         List<Duration> inquiryBackoff, Set<String> currencies, Breaker breaker, Map<String, ?> settings) {
        this.name = name;
        this.type = type;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.refundPath = refundPath;
        this.inquiryPath = inquiryPath;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxConcurrency = maxConcurrency;
        this.inquiryBackoff = List.copyOf(inquiryBackoff);
        this.currencies = Set.copyOf(currencies);
        this.breaker = breaker;
        this.settings = Map.copyOf(settings);
    }

    public String getName() { return name; }
    public String getType() { return type; }
    public String getBaseUrl() { return baseUrl; }
    public String getRefundPath() { return refundPath; }
    public String getInquiryPath() { return inquiryPath; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public Duration getReadTimeout() { return readTimeout; }
    public int getMaxConcurrency() { return maxConcurrency; }
    public List<Duration> getInquiryBackoff() { return inquiryBackoff; }
    public Set<String> getCurrencies() { return currencies; }
    public Breaker getBreaker() { return breaker; }

    /**
     * The channel's own TLS ({@code tls.*}): the CAs its provider's certificate must chain to (null: the JVM's) and the
     * client certificate it presents (null: none). Null when the channel sets neither.
     */
    public record Tls(java.nio.file.Path trustStore, String trustPassword, java.nio.file.Path keyStore, String password) {
        @Override
        public String toString() {   // never the password
            return "Tls[trust " + trustStore + ", key " + keyStore + "]";
        }
    }

    public Tls getTls() {
        java.nio.file.Path trust = get(Channels.TLS_TRUST_STORE);
        java.nio.file.Path keys = get(Channels.TLS_KEY_STORE);
        return trust == null && keys == null ? null
                : new Tls(trust, get(Channels.TLS_TRUST_STORE_PASSWORD), keys, get(Channels.TLS_KEY_STORE_PASSWORD));
    }

    /** The registry name of this channel's TLS parameters, which its HTTP endpoint names. */
    public String tlsBean() {
        return "channel-tls-" + name;
    }

    /** A provider-specific key's checked value; its default when not configured. */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        Object v = settings.get(setting.key());
        return v == null ? setting.defaultValue() : (T) v;
    }

    /** A provider-specific key of this channel as text, e.g. {@code app-id}; null when not configured. */
    public String setting(String key) {
        Object v = settings.get(key);
        return v == null ? null : v instanceof Enum<?> e ? e.name() : v.toString();
    }

    public String requireSetting(String key) {
        String v = setting(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("channel '" + name + "': refundhub.channels." + name + "." + key + " is not set");
        }
        return v;
    }

    /** Camel HTTP endpoint for a POST to a path of this channel, with its timeouts; never throws on a non-2xx answer. */
    public String endpointUri(String path) {
        return endpointUri("POST", path);
    }

    /** As {@link #endpointUri(String)}, with the method; a path may carry a query (a GET's form). */
    public String endpointUri(String method, String path) {
        String url = baseUrl + (path.startsWith("/") ? path : "/" + path);
        return url + (url.contains("?") ? "&" : "?") + "httpMethod=" + method + "&throwExceptionOnFailure=false"
                + "&connectTimeout=" + connectTimeout.toMillis()
                + "&connectionRequestTimeout=" + connectTimeout.toMillis()
                + "&responseTimeout=" + readTimeout.toMillis()
                + "&soTimeout=" + readTimeout.toMillis()
                + (getTls() == null ? "" : "&sslContextParameters=#" + tlsBean());   // its own HTTP client and TLS
    }

    /** How long a send may take at most before its outcome is considered unknown. */
    public Duration sendDeadline() {
        return connectTimeout.plus(readTimeout).multipliedBy(2);
    }

    @Override
    public String toString() {
        return "channel " + name + " (" + type + " at " + baseUrl + ")";
    }
}
