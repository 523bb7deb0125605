package com.refundhub.core;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Minor units ↔ major-unit decimals, exactly (no floating point anywhere). Exponents follow ISO 4217 for the
 * currencies our providers take.
 */
public final class Money {
    private static final Map<String, Integer> EXPONENTS = Map.of(
            "MMK", 2, "LAK", 2, "USD", 2, "JPY", 0, "THB", 2, "EUR", 2, "CNY", 2, "KRW", 0, "SGD", 2, "VND", 0);

    private Money() {
    }

    public static boolean isKnownCurrency(String code) {
        return code != null && EXPONENTS.containsKey(code);
    }

    /** The currencies whose exponent is known, sorted. */
    public static java.util.List<String> knownCurrencies() {
        return EXPONENTS.keySet().stream().sorted().toList();
    }

    public static int exponent(String currency) {
        Integer e = EXPONENTS.get(currency);
        if (e == null) {
            throw new IllegalArgumentException("unknown currency " + currency);
        }
        return e;
    }

    /** 1250 USD → 12.50; 5000000 LAK → 50000.00; 100 JPY → 100. */
    public static BigDecimal toMajor(long minor, String currency) {
        return BigDecimal.valueOf(minor, exponent(currency));
    }
}
