package com.refundhub;

import com.refundhub.provider.ProviderModule;
import java.util.TreeSet;

/**
 * A channel of a test hub and what a valid refund on it looks like, from its provider module: whether it takes an
 * amount, in which currency, and the smallest multiple of a base amount the provider can express.
 */
public record SampleChannel(String name, ProviderModule module) {

    public String type() {
        return module.type();
    }

    public boolean takesAmounts() {
        return module.amountRequired();
    }

    /** The currency sample refunds use: the first of the module's default currencies. */
    public String currency() {
        return new TreeSet<>(module.defaultCurrencies()).first();
    }

    /** {@code base} minor units of {@code currency}, times ten until the provider can express it. */
    public long amount(long base, String currency) {
        long amount = base;
        while (module.amountProblem(amount, currency).isPresent()) {
            if (amount > Long.MAX_VALUE / 10) {
                throw new IllegalStateException(type() + " takes no multiple of " + base + " " + currency);
            }
            amount *= 10;
        }
        return amount;
    }

    /** The amount fields of a sample refund (JSON members), or null when the provider refunds whole payments. */
    public String amountJson() {
        return takesAmounts() ? amountJson(amount(100, currency()), currency()) : null;
    }

    public static String amountJson(long amount, String currency) {
        return "\"amount\":" + amount + ",\"currency\":\"" + currency + "\"";
    }

    /** The {@code amount,currency} cells of a sample refund in a CSV row (both empty for whole payments). */
    public String csvAmount() {
        return takesAmounts() ? amount(100, currency()) + "," + currency() : ",";
    }

    /** A sample refund as canonical JSON. */
    public String json(String refundId, String orderId) {
        String amount = amountJson();
        return "{\"refundId\":\"" + refundId + "\",\"orderId\":\"" + orderId + "\",\"channel\":\"" + name + "\""
                + (amount == null ? "" : "," + amount) + "}";
    }
}
