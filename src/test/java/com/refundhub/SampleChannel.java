package com.refundhub;

import com.refundhub.provider.Descriptor;
import java.util.TreeSet;

/**
 * A channel of a test hub and what a valid refund on it looks like, from its provider's descriptor: whether it takes an
 * amount, in which currency, the smallest multiple of a base amount the provider can express, and the payment's
 * amount when the provider wants it.
 */
public record SampleChannel(String name, Descriptor descriptor) {

    public String type() {
        return descriptor.name();
    }

    public boolean takesAmounts() {
        return descriptor.rules().amountRequired();
    }

    /** The currency sample refunds use: the first of the descriptor's currencies. */
    public String currency() {
        return new TreeSet<>(descriptor.rules().currencies()).first();
    }

    /** {@code base} minor units of {@code currency}, times ten until the provider can express it. */
    public long amount(long base, String currency) {
        long amount = base;
        while (descriptor.amountProblem(amount, currency).isPresent()) {
            if (amount > Long.MAX_VALUE / 10) {
                throw new IllegalStateException(type() + " takes no multiple of " + base + " " + currency);
            }
            amount *= 10;
        }
        return amount;
    }

    /** The amount fields of a sample refund (JSON members), or null when the provider refunds whole payments. */
    public String amountJson() {
        if (!takesAmounts()) {
            return null;
        }
        long amount = amount(100, currency());
        return amountJson(amount, currency()) + (descriptor.rules().orderAmountRequired()
                ? ",\"orderAmount\":" + 100 * amount : "");
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
