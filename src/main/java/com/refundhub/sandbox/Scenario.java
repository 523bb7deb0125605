package com.refundhub.sandbox;

/** The sandbox outcome an {@code orderId} prefix picks (SPEC §7). */
public enum Scenario {
    /** refused */
    FAIL("FAIL-"),
    /** order not found */
    NOTFOUND("NOTFOUND-"),
    /** processing, then success after two inquiries */
    PEND("PEND-"),
    /** no answer within the read timeout, though the refund is recorded */
    SLOW("SLOW-"),
    /** system error, nothing recorded */
    ERR("ERR-"),
    /** processing, and never settles (tests of backoff and give-up) */
    HOLD("HOLD-"),
    /** accepted and succeeds, but the refund answer carries a forged signature */
    FORGE("FORGE-"),
    /** {@code CODE-XYZ-...}: the provider answers its return code XYZ, nothing recorded */
    CODE("CODE-"),
    /** anything else succeeds */
    SUCCEED("");

    private final String prefix;

    Scenario(String prefix) {
        this.prefix = prefix;
    }

    /** For {@link #CODE}: the provider code named in the orderId ({@code CODE-ORDER_NOT_ALLOWED-7} → ORDER_NOT_ALLOWED). */
    public static String forcedCode(String orderId) {
        String rest = orderId.substring(CODE.prefix.length());
        int dash = rest.indexOf('-');
        return dash < 0 ? rest : rest.substring(0, dash);
    }

    public static Scenario of(String orderId) {
        if (orderId != null) {
            for (Scenario s : values()) {
                if (!s.prefix.isEmpty() && orderId.startsWith(s.prefix)) {
                    return s;
                }
            }
        }
        return SUCCEED;
    }
}
