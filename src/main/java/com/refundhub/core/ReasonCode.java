package com.refundhub.core;

/** Canonical reason codes carried in a record's {@code code} (SPEC §2, §8.2, §8.5). */
public enum ReasonCode {
    INVALID_REQUEST, DUPLICATE_REFUND, UNKNOWN_CHANNEL, UNSUPPORTED, ORDER_NOT_FOUND, NOT_REFUNDABLE,
    AMOUNT_EXCEEDED, AUTH_FAILED, PROVIDER_ERROR, BAD_PROVIDER_SIGNATURE, OUTCOME_UNKNOWN, INQUIRY_EXHAUSTED,
    /** a RECEIVED refund waiting for its channel: never sent, or its send was not delivered */
    PROVIDER_UNAVAILABLE,
    /** an operator settled a refund in REVIEW (POST /refunds/{refundId}/resolution) */
    MANUAL_RESOLUTION
}
