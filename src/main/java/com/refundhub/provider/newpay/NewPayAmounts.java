package com.refundhub.provider.newpay;

import com.refundhub.core.Money;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * NewPay's amounts: decimal strings in major units, converted exactly from minor units. Kip are sent whole
 * ("50000", as in NewPay's own example); dollars with their cents ("12.50").
 */
public final class NewPayAmounts {
    /** decimals NewPay's wire takes per currency */
    static final Map<String, Integer> WIRE_SCALE = Map.of("LAK", 0, "USD", 2);

    private NewPayAmounts() {
    }

    public static String toWire(long minor, String currency) {
        BigDecimal major = Money.toMajor(minor, currency);
        return major.setScale(WIRE_SCALE.get(currency)).toPlainString();   // throws if it would round
    }

    public static long fromWire(String text, String currency) {
        BigDecimal major = new BigDecimal(text);
        if (major.scale() > WIRE_SCALE.get(currency)) {
            throw new NumberFormatException(text + " has more decimals than " + currency + " takes");
        }
        return major.movePointRight(Money.exponent(currency)).longValueExact();
    }

    static Optional<String> problem(long minor, String currency) {
        Integer scale = WIRE_SCALE.get(currency);
        if (scale == null) {
            return Optional.of("NewPay takes no " + currency);
        }
        int dropped = Money.exponent(currency) - scale;
        long unit = (long) Math.pow(10, Math.max(dropped, 0));
        return minor % unit == 0 ? Optional.empty()
                : Optional.of("NewPay refunds " + currency + " in whole units: must be a multiple of " + unit + " minor units");
    }
}
