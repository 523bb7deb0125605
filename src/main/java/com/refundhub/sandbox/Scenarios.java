package com.refundhub.sandbox;

import java.time.Duration;

/**
 * What a simulated provider does with a refund or an inquiry, whatever its wire format: the orderId prefix
 * picks the scenario (SPEC §7), refund numbers are idempotent, and an order is refundable up to its amount.
 */
public final class Scenarios {
    /** PEND- refunds succeed on this inquiry */
    static final int PEND_SETTLES_ON_INQUIRY = 2;
    /** the provider's message in an answer forced by CODE- or INQ- */
    public static final String FORCED_MESSAGE = "forced by the sandbox";

    public enum Result {
        SUCCEEDED, PROCESSING, FAILED, ORDER_NOT_FOUND, SYSTEM_ERROR, NOT_ALLOWED, AMOUNT_EXCEEDED, NO_SUCH_REFUND,
        /**
         * answer with the provider's answer named by {@link Decision#forcedCode()}: a key of its outcome table, parts
         * joined by dots (e.g. {@code SUCCESS.REFUND_FAIL}); {@link Decision#forcedParts()} splits it
         */
        FORCED_CODE
    }

    /**
     * What to answer, and how: {@code scenario} is the order's, {@code inquiry} whether this answers an inquiry.
     */
    public record Decision(Result result, RefundBook.Entry entry, long delayMillis, String forcedCode, Scenario scenario,
                           boolean inquiry) {
        Decision(Result result, RefundBook.Entry entry, long delayMillis) {
            this(result, entry, delayMillis, null, Scenario.SUCCEED, false);
        }

        /** The simulator is to sign this answer wrongly. */
        public boolean forgeSignature() {
            return scenario == Scenario.FORGEALL || (!inquiry && scenario == Scenario.FORGE);
        }

        /** The simulator is to leave this (success) answer unsigned. */
        public boolean unsigned() {
            return !inquiry && scenario == Scenario.UNSIGNED;
        }

        /** The simulator is to answer, correctly signed, about another refund. */
        public boolean aboutOther() {
            return scenario == Scenario.OTHERALL || (!inquiry && scenario == Scenario.OTHER);
        }

        public Simulator.Fault fault() {
            return inquiry ? Simulator.Fault.NONE : scenario.transportFault();
        }

        /** The parts of the forced answer's key: {@code SUCCESS.REFUND_FAIL} → [SUCCESS, REFUND_FAIL]. */
        public String[] forcedParts() {
            return forcedCode.split("\\.");
        }
    }

    private static final java.util.regex.Pattern AMOUNT_SUFFIX = java.util.regex.Pattern.compile(".*-AMT([0-9]{1,15})$");

    private final Duration slowDelay;
    private final long defaultOrderAmount;

    /**
     * @param slowDelay          how late SLOW- refunds are answered
     * @param defaultOrderAmount what a simulated payment was worth, in minor units, unless its orderId ends in
     *                           {@code -AMT<minor units>}
     */
    public Scenarios(Duration slowDelay, long defaultOrderAmount) {
        this.slowDelay = slowDelay;
        this.defaultOrderAmount = defaultOrderAmount;
    }

    /** The simulated payment's amount: {@code ORD-7-AMT5000} was 5000 minor units, others the default. */
    public long orderAmount(String orderId) {
        java.util.regex.Matcher m = AMOUNT_SUFFIX.matcher(orderId);
        return m.matches() ? Long.parseLong(m.group(1)) : defaultOrderAmount;
    }

    /**
     * @param orderAmount the simulated order's amount for partial refunds, or null when the provider only
     *                    refunds whole orders (then a second refund number on one order is not allowed)
     */
    public Decision refund(RefundBook book, String orderId, String refundNo, long amount, Long orderAmount) {
        book.countRefundCall(refundNo);
        RefundBook.Entry known = book.find(refundNo);
        Scenario scenario = Scenario.of(orderId);
        if (known != null) {   // same number again: same refund, not a new one
            return new Decision(result(known.state), known, 0, null, scenario, false);
        }
        switch (scenario) {
            case NOTFOUND:
                return new Decision(Result.ORDER_NOT_FOUND, null, 0);
            case ERR:
                return new Decision(Result.SYSTEM_ERROR, null, 0);
            case CODE:
                return new Decision(Result.FORCED_CODE, null, 0, Scenario.forcedCode(orderId), scenario, false);
            default:
                break;
        }
        synchronized (book) {
            if (orderAmount == null) {
                if (!book.ofOrder(orderId).stream().allMatch(e -> e.state == RefundBook.State.FAILED)) {
                    return new Decision(Result.NOT_ALLOWED, null, 0);
                }
            } else if (book.refunded(orderId) + amount > orderAmount) {
                return new Decision(Result.AMOUNT_EXCEEDED, null, 0);
            }
            RefundBook.State state = scenario == Scenario.FAIL ? RefundBook.State.FAILED
                    : scenario == Scenario.PEND || scenario == Scenario.HOLD || scenario == Scenario.INQ
                    ? RefundBook.State.PROCESSING
                    : RefundBook.State.SUCCEEDED;
            RefundBook.Entry e = book.accept(refundNo, orderId, amount, state);
            e.refundCalls++;
            return new Decision(result(state), e, scenario == Scenario.SLOW ? slowDelay.toMillis() : 0, null, scenario, false);
        }
    }

    public Decision inquire(RefundBook book, String refundNo) {
        book.countInquiry(refundNo);
        RefundBook.Entry e = book.find(refundNo);
        if (e == null) {
            return new Decision(Result.NO_SUCH_REFUND, null, 0);
        }
        Scenario scenario = Scenario.of(e.orderId);
        synchronized (e) {
            e.inquiries++;
            if (scenario == Scenario.INQ) {
                return new Decision(Result.FORCED_CODE, e, 0, Scenario.forcedCode(e.orderId), scenario, true);
            }
            if (e.state == RefundBook.State.PROCESSING && e.inquiries >= PEND_SETTLES_ON_INQUIRY && scenario != Scenario.HOLD) {
                e.state = RefundBook.State.SUCCEEDED;
            }
            if (scenario == Scenario.FLIP) {
                e.state = RefundBook.State.FAILED;   // it had said success; now it says the refund failed
            }
        }
        return new Decision(result(e.state), e, 0, null, scenario, true);
    }

    private static Result result(RefundBook.State s) {
        switch (s) {
            case PROCESSING: return Result.PROCESSING;
            case FAILED: return Result.FAILED;
            default: return Result.SUCCEEDED;
        }
    }
}
