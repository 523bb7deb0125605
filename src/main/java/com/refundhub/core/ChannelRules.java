package com.refundhub.core;

import java.util.Optional;
import java.util.Set;

/**
 * What validation needs to know of a channel: the currencies it takes, whether amounts are required, whether its
 * provider needs the payment's amount ({@code orderAmount}), and whether it can express a given amount (e.g. whole kip
 * only).
 */
public record ChannelRules(String type, Set<String> currencies, boolean amountRequired, boolean orderAmountRequired,
                           AmountCheck amountCheck) {

    public ChannelRules(String type, Set<String> currencies, boolean amountRequired) {
        this(type, currencies, amountRequired, false, (minor, currency) -> Optional.empty());
    }

    /** Why the provider cannot take this amount, if it cannot. */
    @FunctionalInterface
    public interface AmountCheck {
        Optional<String> problem(long minor, String currency);
    }

    /** Looks channels up by name; empty for a channel that is not configured. */
    @FunctionalInterface
    public interface Directory {
        Optional<ChannelRules> find(String channel);
    }
}
