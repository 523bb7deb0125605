package com.refundhub.provider;

import com.refundhub.core.ReasonCode;

/**
 * What a provider call came to, in the hub's terms: the answer (or the lack of one) mapped through the provider's
 * {@link OutcomeTable}. Its kind is what the outcome route branches on.
 */
public record ProviderOutcome(Kind kind, ReasonCode code, String providerCode, String providerMessage,
                              String providerRefundId, String detail) {

    public enum Kind {
        /** the provider confirmed the refund */
        SUCCEEDED,
        /** the provider refused it or said it failed */
        FAILED,
        /** the provider is processing it */
        PENDING,
        /** no usable answer: timeout, 5xx, connection lost, unparseable; the refund may or may not exist */
        UNKNOWN,
        /** nothing reached the provider: the connection could not be made (refused, connect timeout, unknown host) */
        NOT_DELIVERED,
        /** an answer we cannot believe: bad or missing signature, or about another refund */
        UNTRUSTED,
        /** an inquiry says the provider has no such refund */
        NO_SUCH_REFUND
    }

    public static ProviderOutcome unknown(String detail) {
        return new ProviderOutcome(Kind.UNKNOWN, ReasonCode.OUTCOME_UNKNOWN, null, null, null, detail);
    }

    /** The request never left: the connection could not be made ({@link SendFailures#notDelivered}). */
    public static ProviderOutcome notDelivered(String detail) {
        return new ProviderOutcome(Kind.NOT_DELIVERED, ReasonCode.PROVIDER_UNAVAILABLE, null, null, null, detail);
    }

    /** What an answer comes to: the row it matched, unless it is not believed; no row is an unknown outcome. */
    public static ProviderOutcome of(ProviderAnswer a) {
        switch (a.verdict()) {
            case UNPARSEABLE:
                return ProviderOutcome.unknown(a.detail());
            case BAD_SIGNATURE:
                return new ProviderOutcome(Kind.UNTRUSTED, ReasonCode.BAD_PROVIDER_SIGNATURE, null, null, null, a.detail());
            case MISMATCH:
                return new ProviderOutcome(Kind.UNTRUSTED, ReasonCode.OUTCOME_UNKNOWN, a.code(), null, null, a.detail());
            default:
                break;
        }
        OutcomeRow e = a.row();
        if (e == null) {
            // an answer the table has no row for: unknown, and settled by inquiry as any other (SPEC §6)
            return new ProviderOutcome(Kind.UNKNOWN, ReasonCode.OUTCOME_UNKNOWN, a.code(), a.message(), null,
                    "no row of the outcome table matches the answer " + a.code());
        }
        if (a.verdict() == ProviderAnswer.Verdict.UNSIGNED && e.kind() == Kind.SUCCEEDED) {
            // an unsigned answer is only ever acted on as an error (or "no such refund": a resend with the
            // same refund number cannot refund twice), never as a success
            return new ProviderOutcome(Kind.UNTRUSTED, ReasonCode.BAD_PROVIDER_SIGNATURE, a.code(), a.message(), null,
                    "unsigned answer claims " + e.kind());
        }
        return new ProviderOutcome(e.kind(), e.code(), a.code(), a.message(), a.providerRefundId(),
                "provider answered " + a.code());
    }

    /** The message stored on the record: the provider's own words when it gave any. */
    public String recordMessage() {
        if (providerMessage != null && !providerMessage.isBlank()) {
            return providerMessage;
        }
        return detail;
    }
}
