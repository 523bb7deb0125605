package com.refundhub.provider;

import java.util.Map;

/**
 * A provider's answer after reading and signature checking.
 *
 * @param verdict          whether the answer can be believed
 * @param row              the row of the operation's outcome table it matched; null when none did (an unknown
 *                         outcome) or it was not read that far
 * @param key              the row's name with the answer's values ({@code SUCCESS.REFUND_SUCCESS}); null likewise
 * @param code             the provider's own return code, kept on the record
 * @param message          the provider's own message
 * @param providerRefundId the provider's number for the refund, when it gives one
 * @param fields           the parsed answer
 * @param detail           why it is not believed or not read
 */
public record ProviderAnswer(Verdict verdict, OutcomeRow row, String key, String code, String message,
                             String providerRefundId, Map<String, Object> fields, String detail) {

    public enum Verdict {
        /** signature present and correct */
        VERIFIED,
        /** an error answer the provider does not sign (one its descriptor names in unsigned-errors): acted on as an error only */
        UNSIGNED,
        /** signature missing where required, or wrong */
        BAD_SIGNATURE,
        /** signed correctly, but about another refund than the one asked about */
        MISMATCH,
        /** not the provider's format at all: truncated, garbage, empty */
        UNPARSEABLE
    }

    public static ProviderAnswer unparseable(String detail) {
        return new ProviderAnswer(Verdict.UNPARSEABLE, null, null, null, null, null, Map.of(), detail);
    }

    public static ProviderAnswer badSignature(Map<String, Object> fields, String detail) {
        return new ProviderAnswer(Verdict.BAD_SIGNATURE, null, null, null, null, null, fields, detail);
    }

    public ProviderAnswer withVerdict(Verdict v, String why) {
        return new ProviderAnswer(v, row, key, code, message, providerRefundId, fields, why);
    }
}
