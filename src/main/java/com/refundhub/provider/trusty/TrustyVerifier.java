package com.refundhub.provider.trusty;

import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.AnswerVerifier;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderAnswer.Verdict;
import java.util.Map;

/**
 * Checks a Trusty answer: every answer must carry a valid {@code sign} (unknown extra fields included in it),
 * and must be about our refund. Table key: {@code return_code.refundStatus} (refund) or
 * {@code return_code.payStatus} (inquiry).
 */
public class TrustyVerifier extends AnswerVerifier {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Override
    protected ProviderAnswer read(String raw, ChannelConfig channel, Operation operation, RefundRecord record)
            throws Exception {
        Map<String, Object> f = Json.MAPPER.readValue(raw, MAP);
        String returnCode = text(f, "return_code");
        if (returnCode.isEmpty()) {
            return ProviderAnswer.unparseable("answer has no return_code");
        }
        Verdict verdict = Verdict.VERIFIED;
        if (!f.containsKey("sign") && !"SUCCESS".equals(returnCode)) {
            // Trusty cannot sign a refusal of a request it could not authenticate (unknown merchant, bad sign):
            // such an answer is acted on as the error it is, and never as anything better
            verdict = Verdict.UNSIGNED;
        } else if (!TrustySignature.verify(f, channel.requireSetting("key"), TrustySignature.Type.of(channel.setting("sign-type")))) {
            return ProviderAnswer.badSignature(f, f.containsKey("sign") ? "sign does not verify" : "answer is not signed");
        }
        String status = text(f, operation == Operation.REFUND ? "refundStatus" : "payStatus");
        String providerCode = "SUCCESS".equals(returnCode) && !status.isEmpty() ? status : returnCode;
        ProviderAnswer answer = new ProviderAnswer(verdict, returnCode + "." + status, providerCode,
                text(f, "return_msg"), null, f, null);
        String refundNo = text(f, "refundNo");
        String tradeNo = text(f, "tradeNo");
        boolean aboutOther = operation == Operation.REFUND
                ? !refundNo.isEmpty() && !refundNo.equals(record.refundId())
                : !refundNo.isEmpty() && !refundNo.equals(record.refundId()) && !tradeNo.equals(record.refundId());
        if (aboutOther) {
            return answer.withVerdict(Verdict.MISMATCH, "answer is about refund " + refundNo + ", not " + record.refundId());
        }
        return answer;
    }

    private static String text(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? "" : v.toString();
    }
}
