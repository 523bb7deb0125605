package com.refundhub.provider;

import com.refundhub.config.ChannelConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider type brings to the hub: its defaults, its channel keys and the beans its route file
 * ({@code routes/providers/TYPE.camel.yaml}) uses. Found with {@link java.util.ServiceLoader}, so adding a
 * provider adds a package, a route file and configuration, and changes nothing in the core.
 */
public interface ProviderModule {

    /** The channel type, e.g. {@code trusty}; also the name of its route: {@code direct:TYPE}. */
    String type();

    Set<String> defaultCurrencies();

    String defaultRefundPath();

    String defaultInquiryPath();

    /** Provider-specific channel keys (SPEC §5), e.g. {@code app-id}, {@code key}. */
    List<String> channelKeys();

    /** The keys a channel of this type cannot work without. */
    default List<String> requiredKeys() {
        return channelKeys();
    }

    /** Whether a refund must name its amount (partial refunds) or the provider refunds the whole order. */
    boolean amountRequired();

    /** Fails start-up, naming the channel and key, when the channel cannot work (missing key, bad key file). */
    default void checkChannel(ChannelConfig channel) {
        for (String key : requiredKeys()) {
            channel.requireSetting(key);
        }
    }

    /** Why this provider cannot take an amount the canonical rules allow (e.g. a fraction it has no unit for). */
    default Optional<String> amountProblem(long minor, String currency) {
        return Optional.empty();
    }

    /** Beans its route file refers to, by name (e.g. {@code trustyRequests}, {@code trustySigner}). */
    Map<String, Object> routeBeans(ProviderContext context);
}
