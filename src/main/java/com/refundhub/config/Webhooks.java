package com.refundhub.config;

import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The systems called on every matching status change (SPEC §8.6): {@code refundhub.webhooks.NAME.*}, each with its
 * URL, HMAC secret, the statuses and channels it wants, its timeout and its retry schedule. {@code NAME} names the
 * endpoint in the ledger, the metrics and the logs.
 */
public final class Webhooks {
    public static final String PREFIX = "refundhub.webhooks.";
    /** A secret shorter than this is too easy to guess for an HMAC key. */
    static final int MIN_SECRET = 16;

    public static final ValueType<Set<RefundStatus>> STATUSES_TYPE = ValueType.<Set<RefundStatus>>of("statuses",
            "comma-separated refund statuses (" + java.util.Arrays.stream(RefundStatus.values()).map(Enum::name)
                    .collect(Collectors.joining(", ")) + ")", t -> {
                Set<RefundStatus> statuses = EnumSet.noneOf(RefundStatus.class);
                for (String name : Types.LIST.parse(t)) {
                    try {
                        statuses.add(RefundStatus.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("'" + name + "' is not a refund status");
                    }
                }
                return statuses;
            }).withCamelText(s -> s.stream().map(Enum::name).collect(Collectors.joining(",")));

    public static final Setting<String> URL = Setting.required("url", Types.HTTP_URL.withPrintable(Types::withoutPasswords),
            "where the hub POSTs the signed status changes (http or https)");
    public static final Setting<String> SECRET = Setting.required("secret", Types.TEXT.checked(
            "text of at least " + MIN_SECRET + " characters", s -> {
                if (s.length() < MIN_SECRET) {
                    throw new IllegalArgumentException("shorter than " + MIN_SECRET + " characters");
                }
            }), "the HMAC-SHA256 key of RefundHub-Signature, shared with the receiver only").secret();
    public static final Setting<Set<RefundStatus>> STATUSES = Setting.of("statuses", STATUSES_TYPE,
            "SUCCEEDED,FAILED,REJECTED,REVIEW", "the refund statuses whose changes are sent (a change into one of them)");
    public static final Setting<List<String>> CHANNELS = Setting.of("channels", Types.LIST, null,
            "only refunds of these channels; every channel when not set");
    public static final Setting<Duration> TIMEOUT = Setting.of("timeout", Types.duration(Duration.ofMillis(100)), "10s",
            "no 2xx answer within this (connection included) is a failed attempt, retried");
    public static final Setting<List<Duration>> RETRY_BACKOFF = Setting.of("retry-backoff", Types.durations(Duration.ZERO),
            "10s,1m,5m,30m,2h,6h,12h,24h", "delay before each retry of a failed attempt; after the last the delivery "
                    + "is FAILED (POST /webhooks/deliveries/{id}/retry sends it again)");

    /** The keys of every endpoint. */
    public static final List<Setting<?>> SETTINGS = List.of(URL, SECRET, STATUSES, CHANNELS, TIMEOUT, RETRY_BACKOFF);

    /**
     * One endpoint. {@link #toString()} leaves the secret out.
     *
     * @param channels the channels whose refunds it wants; empty: every channel
     */
    public record Webhook(String name, String url, String secret, Set<RefundStatus> statuses, Set<String> channels,
                          Duration timeout, List<Duration> retryBackoff) {
        public Webhook {
            statuses = Collections.unmodifiableSet(statuses.isEmpty() ? EnumSet.noneOf(RefundStatus.class)
                    : EnumSet.copyOf(statuses));   // in the statuses' order, as printed
            channels = Collections.unmodifiableSet(new TreeSet<>(channels));
            retryBackoff = List.copyOf(retryBackoff);
        }

        @Override
        public String toString() {
            return name + " (" + Types.withoutPasswords(url) + ", statuses " + statuses + (channels.isEmpty() ? ""
                    : ", channels " + channels) + ")";
        }
    }

    private Webhooks() {
    }

    /** Every endpoint the sources name, by name; a problem for a name the metrics and the ledger cannot carry. */
    static List<Webhook> read(ConfigReader r) {
        List<Webhook> all = new ArrayList<>();
        for (String name : r.memberNames(PREFIX)) {
            String prefix = PREFIX + name + ".";
            r.scopeKeys(prefix, SETTINGS);
            SettingValues v = r.scope(prefix);
            SETTINGS.forEach(v::get);   // every key checked (and listed by --check-config), in definition order
            if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
                r.problem(prefix + URL.key(), "webhook '" + name + "': a webhook's name is 1-64 letters, digits, _ or -");
            } else if (r.problemsUnder(prefix) == 0) {
                List<String> channels = v.get(CHANNELS);
                all.add(new Webhook(name, v.get(URL), v.get(SECRET), v.get(STATUSES),
                        channels == null ? Set.of() : new LinkedHashSet<>(channels), v.get(TIMEOUT), v.get(RETRY_BACKOFF)));
            }
        }
        return List.copyOf(all);
    }

    /** A channel a webhook names that is not configured: a typo would otherwise quietly send nothing. */
    static void checkChannels(ConfigReader r, List<Webhook> webhooks, Set<String> configured) {
        for (Webhook w : webhooks) {
            Set<String> unknown = new LinkedHashSet<>(w.channels());
            unknown.removeAll(configured);
            if (!unknown.isEmpty()) {
                r.problem(PREFIX + w.name() + "." + CHANNELS.key(), "no channel named " + String.join(", ", unknown)
                        + "; configured: " + String.join(", ", new TreeSet<>(configured)));
            }
        }
    }
}
