package com.refundhub.core;

import java.util.Optional;
import java.util.Set;

/** What validation needs to know of a channel: the currencies it takes and whether amounts are required. */
public record ChannelRules(String type, Set<String> currencies, boolean amountRequired) {

    /** Looks channels up by name; empty for a channel that is not configured. */
    @FunctionalInterface
    public interface Directory {
        Optional<ChannelRules> find(String channel);
    }
}
