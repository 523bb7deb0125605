package com.refundhub.provider.scanforpay;

import com.fasterxml.jackson.core.type.TypeReference;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.AnswerVerifier;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderAnswer.Verdict;
import com.refundhub.provider.ProviderContext;
import java.util.Map;

/**
 * Checks a scanforpay answer over the exact text of its {@code response} (re-serialising would not reproduce
 * the signed characters). Table key: {@code code[.status]}, and for a payQuery saying the order is refunded
 * (status 3) whether that covers this refund: {@code 1.3.COVERED}, {@code 1.3.MISSING} or {@code 1.3.UNCLEAR}.
 *
 * <p>payQuery answers about the order, not the refund: {@code refundAmount} is what the order has had refunded
 * so far. A partial refund is settled by it only when that total accounts for every refund of the order the
 * hub knows to be done or open plus this one (COVERED → SUCCEEDED). When the total is exactly what the order's
 * other, settled refunds add up to and none is open, this refund is not among them (MISSING → no such refund).
 * Anything else cannot be told apart (UNCLEAR): the refund stays PENDING and is asked about again. This
 * assumes the order's refunds all go through the hub.
 */
public class ScanforpayVerifier extends AnswerVerifier {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ProviderContext context;

    public ScanforpayVerifier(ProviderContext context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected ProviderAnswer read(String raw, ChannelConfig channel, Operation operation, RefundRecord record)
            throws Exception {
        Map<String, Object> envelope = Json.MAPPER.readValue(raw, MAP);
        String responseText = ScanforpayEnvelope.memberText(raw, "response");
        Map<String, Object> response = Json.MAPPER.readValue(responseText, MAP);
        if (!(response.get("body") instanceof Map<?, ?> bodyMap) || bodyMap.get("code") == null) {
            return ProviderAnswer.unparseable("response has no body.code");
        }
        Map<String, Object> body = (Map<String, Object>) bodyMap;
        String code = body.get("code").toString();
        String msg = body.get("msg") == null ? null : body.get("msg").toString();
        Object signature = envelope.get("signature");
        Verdict verdict = Verdict.VERIFIED;
        if ((signature == null || "".equals(signature)) && !"1".equals(code)) {
            verdict = Verdict.UNSIGNED;   // a refusal of a request it could not authenticate
        } else if (!ScanforpayEnvelope.verify(responseText, signature == null ? null : signature.toString(),
                channel.requireSetting("key"))) {
            return ProviderAnswer.badSignature(envelope, signature == null ? "answer is not signed" : "signature does not verify");
        }
        String key = code;
        Object status = body.get("status");
        if ("1".equals(code) && status != null) {
            key = code + "." + status;
            if (operation == Operation.INQUIRY && "3".equals(status.toString())) {
                key += "." + coverage(record, channel, body);
            }
        }
        ProviderAnswer answer = new ProviderAnswer(verdict, key, "1".equals(code) && status != null ? "status " + status : code,
                msg, null, response, null);
        return checkSubject(answer, operation, record, body);
    }

    private String coverage(RefundRecord record, ChannelConfig channel, Map<String, Object> body) {
        if (!(body.get("refundAmount") instanceof Number refunded)) {
            return "UNCLEAR";
        }
        OrderTotals others = context.orderTotals(channel.getName(), record.orderId(), record.refundId());
        long total = refunded.longValue();
        if (total >= others.succeeded() + others.open() + record.amount()) {
            return "COVERED";
        }
        if (total == others.succeeded() && others.open() == 0) {
            return "MISSING";
        }
        return "UNCLEAR";
    }

    /** A signed answer about another order, or (to a refund call) for another amount, is not about this refund. */
    private static ProviderAnswer checkSubject(ProviderAnswer answer, Operation operation, RefundRecord record,
                                               Map<String, Object> body) {
        Object order = body.get("partnerOrderNo");
        if (order != null && !order.toString().equals(record.orderId())) {
            return answer.withVerdict(Verdict.MISMATCH, "answer is about order " + order + ", not " + record.orderId());
        }
        Object amount = body.get("orderAmount");
        if (operation == Operation.REFUND && "1".equals(body.get("code").toString()) && amount instanceof Number n
                && n.longValue() != record.amount()) {
            return answer.withVerdict(Verdict.MISMATCH, "answer is for an amount of " + n + ", not " + record.amount());
        }
        return answer;
    }
}
