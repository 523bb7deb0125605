package com.refundhub.provider.newpay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.AnswerVerifier;
import com.refundhub.provider.Operation;
import com.refundhub.provider.PemKeys;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderAnswer.Verdict;
import java.util.Map;

/**
 * Checks a NewPay answer: the fields of {@code data} are signed with NewPay's key; an answer without
 * {@code data} (an error, or "processing") carries no signature and is acted on only as such. Table key:
 * {@code code[.tranStatus]}.
 */
public class NewPayVerifier extends AnswerVerifier {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Override
    @SuppressWarnings("unchecked")
    protected ProviderAnswer read(String raw, ChannelConfig channel, Operation operation, RefundRecord record)
            throws Exception {
        Map<String, Object> f = Json.MAPPER.readValue(raw, MAP);
        Object codeValue = f.get("code");
        if (codeValue == null) {
            return ProviderAnswer.unparseable("answer has no code");
        }
        String code = codeValue.toString();
        String message = f.get("message") == null ? null : f.get("message").toString();
        if (!(f.get("data") instanceof Map<?, ?> dataMap)) {
            return new ProviderAnswer(Verdict.UNSIGNED, code, code, message, null, f, null);
        }
        Map<String, Object> data = (Map<String, Object>) dataMap;
        if (!NewPaySignature.verify(data, PemKeys.publicKey(channel.requireSetting("public-key")))) {
            return ProviderAnswer.badSignature(f, data.containsKey("sign") ? "data.sign does not verify" : "data is not signed");
        }
        Object tranStatus = data.get("tranStatus");
        ProviderAnswer answer = new ProviderAnswer(Verdict.VERIFIED, code + "." + (tranStatus == null ? "" : tranStatus),
                code, message, data.get("newpayRefundOrderNo") == null ? null : data.get("newpayRefundOrderNo").toString(), f, null);
        Object refundOrderNo = data.get("refundOrderNo");
        if (refundOrderNo != null && !refundOrderNo.toString().equals(record.refundId())) {
            return answer.withVerdict(Verdict.MISMATCH, "answer is about refund " + refundOrderNo + ", not " + record.refundId());
        }
        return answer;
    }
}
