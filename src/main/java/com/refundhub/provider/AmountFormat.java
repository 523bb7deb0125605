package com.refundhub.provider;

import com.refundhub.core.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * How a provider writes amounts (a descriptor's {@code amounts}): {@code minor}, an integer of the currency's smallest
 * unit; {@code minor-text}, the same as text; {@code major}, a decimal text in major units with {@code decimals} places
 * per currency (default the ISO 4217 exponent): 1250 USD cents are {@code "12.50"}. Converted exactly, never through
 * floating point; an amount the format cannot express (a fraction of a kip where the provider takes whole kip) is
 * refused before anything is sent.
 */
public record AmountFormat(Style style, Map<String, Integer> decimals) {
    public enum Style { MINOR, MINOR_TEXT, MAJOR }

    public static final AmountFormat MINOR = new AmountFormat(Style.MINOR, Map.of());

    /** The wire value of {@code minor} units of {@code currency}: a Long for {@code minor}, else text. */
    public Object write(long minor, String currency) {
        return switch (style) {
            case MINOR -> minor;
            case MINOR_TEXT -> Long.toString(minor);
            case MAJOR -> Money.toMajor(minor, currency).setScale(decimals(currency)).toPlainString();
        };
    }

    /**
     * The minor units a wire value stands for (the sandbox reads requests with it). {@code strict}: refuse more
     * decimals than the currency takes on the wire; a request that names no currency is read without that check.
     */
    public long read(String wire, String currency, boolean strict) {
        BigDecimal v = new BigDecimal(wire.trim());
        if (style != Style.MAJOR) {
            return v.longValueExact();
        }
        if (strict && v.scale() > decimals(currency)) {
            throw new NumberFormatException(wire + " has more decimals than " + currency + " takes");
        }
        return v.movePointRight(Money.exponent(currency)).longValueExact();
    }

    /** Why the provider cannot take this amount: a currency it has no decimals for, or a fraction it drops. */
    public Optional<String> problem(long minor, String currency, String provider) {
        if (style != Style.MAJOR) {
            return Optional.empty();
        }
        if (!decimals.isEmpty() && !decimals.containsKey(currency)) {
            return Optional.of(provider + " takes no " + currency);
        }
        int dropped = Money.exponent(currency) - decimals(currency);
        long unit = (long) Math.pow(10, Math.max(dropped, 0));
        return minor % unit == 0 ? Optional.empty()
                : Optional.of(provider + " refunds " + currency + " in whole units: must be a multiple of " + unit
                + " minor units");
    }

    private int decimals(String currency) {
        Integer d = decimals.get(currency);
        return d == null ? Money.exponent(currency) : d;
    }
}
