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
    /** anything else succeeds */
    SUCCEED("");

    private final String prefix;

    Scenario(String prefix) {
        this.prefix = prefix;
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
