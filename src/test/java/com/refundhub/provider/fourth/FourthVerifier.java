package com.refundhub.provider.fourth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.AnswerVerifier;
import com.refundhub.provider.JsonText;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderAnswer.Verdict;
import java.util.Map;

/**
 * Checks a Fourth answer over the exact text of its {@code msg}. An unsigned refusal (Fourth cannot sign for a merchant
 * it could not authenticate) is acted on as the error it is. Table key: {@code result[.state]}.
 */
public class FourthVerifier extends AnswerVerifier {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Override
    protected ProviderAnswer read(String raw, ChannelConfig channel, Operation operation, RefundRecord record)
            throws Exception {
        Map<String, Object> envelope = Json.MAPPER.readValue(raw, MAP);
        String text = JsonText.objectText(raw, "msg");
        Map<String, Object> msg = Json.MAPPER.readValue(text, MAP);
        String result = string(msg, "result");
        if (result == null) {
            return ProviderAnswer.unparseable("answer has no result");
        }
        String signature = string(envelope, "signature");
        Verdict verdict = Verdict.VERIFIED;
        if ((signature == null || signature.isEmpty()) && !"OK".equals(result)) {
            verdict = Verdict.UNSIGNED;
        } else if (!FourthMac.verify(text, signature, channel.requireSetting("key"))) {
            return ProviderAnswer.badSignature(envelope, signature == null ? "answer is not signed" : "signature does not verify");
        }
        String state = string(msg, "state");
        ProviderAnswer answer = new ProviderAnswer(verdict, state == null ? result : result + "." + state,
                "OK".equals(result) && state != null ? state : result, string(msg, "note"), string(msg, "ticket"), msg, null);
        String about = string(msg, "refund");
        if (about != null && !about.equals(record.refundId())) {
            return answer.withVerdict(Verdict.MISMATCH, "answer is about refund " + about + ", not " + record.refundId());
        }
        return answer;
    }

    private static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : v.toString();
    }
}
