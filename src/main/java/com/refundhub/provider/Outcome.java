package com.refundhub.provider;

import com.refundhub.core.ReasonCode;

/**
 * A provider answer (or the lack of one) mapped onto the hub's terms: what the outcome router acts on.
 */
public record Outcome(Kind kind, ReasonCode code, String providerCode, String providerMessage,
                      String providerRefundId, String detail) {

    public enum Kind {
        /** the provider confirmed the refund */
        SUCCEEDED,
        /** the provider refused it or said it failed */
        FAILED,
        /** the provider is processing it */
        PENDING,
        /** no usable answer: timeout, 5xx, connection error, unparseable; the refund may or may not exist */
        UNKNOWN,
        /** an answer we cannot believe: bad or missing signature, or about another refund */
        UNTRUSTED,
        /** an inquiry says the provider has no such refund */
        NO_SUCH_REFUND
    }

    public static Outcome unknown(String detail) {
        return new Outcome(Kind.UNKNOWN, ReasonCode.OUTCOME_UNKNOWN, null, null, null, detail);
    }

    /** The message stored on the record: the provider's own words when it gave any. */
    public String recordMessage() {
        if (providerMessage != null && !providerMessage.isBlank()) {
            return providerMessage;
        }
        return detail;
    }
}
