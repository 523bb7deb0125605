package com.refundhub.core;

/**
 * Canonical reason codes carried in a record's {@code code} (SPEC §2; {@code PROVIDER_UNAVAILABLE}: §8.5, a RECEIVED
 * refund waiting for its channel, never sent or not delivered).
 */
public enum ReasonCode {
    INVALID_REQUEST, DUPLICATE_REFUND, UNKNOWN_CHANNEL, UNSUPPORTED, ORDER_NOT_FOUND, NOT_REFUNDABLE,
    AMOUNT_EXCEEDED, AUTH_FAILED, PROVIDER_ERROR, BAD_PROVIDER_SIGNATURE, OUTCOME_UNKNOWN, INQUIRY_EXHAUSTED,
    PROVIDER_UNAVAILABLE
}
