package com.refundhub.provider;

/**
 * What the hub knows of an order's other refunds, in minor units: those that succeeded and those still open. An
 * inquiry that answers about the whole order ({@link AnswerSpec#orderRefunded()}) is read against it.
 */
public record OrderRefunds(long succeeded, long open) {
    public static final OrderRefunds NONE = new OrderRefunds(0, 0);
}
