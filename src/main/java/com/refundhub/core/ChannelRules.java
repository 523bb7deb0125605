package com.refundhub.core;

import java.util.Optional;
import java.util.Set;

/**
 * What validation needs to know of a channel: the currencies it takes, whether amounts are required, and
 * whether its provider can express a given amount (e.g. whole kip only).
 */
public record ChannelRules(String type, Set<String> currencies, boolean amountRequired, AmountCheck amountCheck) {

    public ChannelRules(String type, Set<String> currencies, boolean amountRequired) {
        this(type, currencies, amountRequired, (minor, currency) -> Optional.empty());
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
