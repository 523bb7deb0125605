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
    /**
     * {@code CODE-XYZ-...}: the refund call is answered with the provider's answer XYZ, nothing recorded. XYZ is a
     * key of the provider's outcome table, its parts joined by dots ({@code CODE-SUCCESS.REFUND_FAIL-1}).
     */
    CODE("CODE-"),
    /** {@code INQ-XYZ-...}: the refund is accepted as processing, and every inquiry about it is answered XYZ */
    INQ("INQ-"),
    // ---- faults (the refund is recorded and succeeds; only the answer to the refund call is spoiled) ----
    /** HTTP 500 */
    H500("H500-"),
    /** HTTP 502 */
    H502("H502-"),
    /** HTTP 503 */
    H503("H503-"),
    /** the connection is closed after the request is read: no answer at all */
    RESET("RESET-"),
    /** 200 with a body that is not the provider's format */
    GARBAGE("GARBAGE-"),
    /** 200 with the answer cut in half */
    TRUNC("TRUNC-"),
    /** the success answer without its signature */
    UNSIGNED("UNSIGNED-"),
    /** a correctly signed answer about another refund number */
    OTHER("OTHER-"),
    /** every answer about this refund, inquiries included, carries a forged signature */
    FORGEALL("FORGEALL-"),
    /** every answer about this refund, inquiries included, is about another refund number */
    OTHERALL("OTHERALL-"),
    /** succeeds, then the provider changes its mind: inquiries say the refund failed */
    FLIP("FLIP-"),
    /** anything else succeeds */
    SUCCEED("");

    private final String prefix;

    Scenario(String prefix) {
        this.prefix = prefix;
    }

    /**
     * For {@link #CODE} and {@link #INQ}: the provider answer named in the orderId ({@code CODE-ORDER_NOT_ALLOWED-7} →
     * ORDER_NOT_ALLOWED, {@code INQ-SUCCESS.REFUND_FAIL-2} → SUCCESS.REFUND_FAIL).
     */
    public static String forcedCode(String orderId) {
        String rest = orderId.substring(of(orderId).prefix.length());
        int dash = rest.indexOf('-');
        return dash < 0 ? rest : rest.substring(0, dash);
    }

    /** How the answer to the refund call travels (spoiled for the fault scenarios). */
    public Simulator.Fault transportFault() {
        switch (this) {
            case H500: return Simulator.Fault.HTTP_500;
            case H502: return Simulator.Fault.HTTP_502;
            case H503: return Simulator.Fault.HTTP_503;
            case RESET: return Simulator.Fault.RESET;
            case GARBAGE: return Simulator.Fault.GARBAGE;
            case TRUNC: return Simulator.Fault.TRUNCATED;
            default: return Simulator.Fault.NONE;
        }
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
