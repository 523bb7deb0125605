package com.refundhub.provider;

import com.refundhub.config.Setting;
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

    /**
     * The definitions of a channel's provider-specific keys (SPEC §5), e.g. {@code app-id}, {@code key}, written
     * relative to {@code refundhub.channels.NAME.}: type, default, whether required or secret. The check at start
     * reads them; a value their type refuses (an unreadable key file) stops the hub naming the key.
     */
    List<Setting<?>> channelSettings();

    /** Whether a refund must name its amount (partial refunds) or the provider refunds the whole order. */
    boolean amountRequired();

    /** Why this provider cannot take an amount the canonical rules allow (e.g. a fraction it has no unit for). */
    default Optional<String> amountProblem(long minor, String currency) {
        return Optional.empty();
    }

    /** Beans its route file refers to, by name (e.g. {@code trustyRequests}, {@code trustySigner}). */
    Map<String, Object> routeBeans(ProviderContext context);
}
