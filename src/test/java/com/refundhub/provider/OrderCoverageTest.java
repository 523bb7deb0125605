package com.refundhub.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.Fixtures;
import com.refundhub.Providers;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.contract.ContractData;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the provider contract suite (known answers of contract/scanforpay.json) does not see of an answer read through
 * scanforpay's descriptor: the signed text taken from the answer exactly as received, and the order-level payQuery
 * rule ({@code $coverage}).
 */
class OrderCoverageTest {
    static final String KEY = "7f3c1a9e5b2d4c8f";
    private static final Descriptor SCANFORPAY = Providers.descriptor("scanforpay");

    @Test
    void theAnswerIsVerifiedOverItsExactResponseTextWhitespaceAndAll() throws Exception {
        JsonNode v = ContractData.of("scanforpay").answer("scanforpay-answer-envelope-spaced");
        String body = v.get("text").asText();
        SignatureSpec s = SCANFORPAY.refund().answer().signature();
        Template.Scope scope = scope(record(100));
        assertThat(ProviderWire.answerStringToSign(s, Json.MAPPER.readValue(body, Map.class), body, scope))
                .isEqualTo(v.get("stringToSign").asText() + KEY);
        String reserialised = body.replace("\"code\":1,", "\"code\":1, ");
        assertThat(ProviderWire.read(SCANFORPAY, Operation.REFUND, reserialised, record(100), scope, () -> OrderRefunds.NONE)
                .verdict()).as("other characters, same JSON").isEqualTo(ProviderAnswer.Verdict.BAD_SIGNATURE);
    }

    /**
     * payQuery status 3 says the order has had {@code refundAmount} refunded: this refund (100) is settled only when
     * that covers it along with the order's other refunds the hub knows of.
     */
    @ParameterizedTest(name = "refunded {0}, others succeeded {1} open {2} → {3}")
    @CsvSource({
        "100, 0,   0,   1.3.COVERED",   // the only refund: covered
        "250, 150, 0,   1.3.COVERED",   // others 150 + ours 100 ≤ 250
        "150, 150, 0,   1.3.MISSING",   // exactly the others: ours is not there
        "0,   0,   0,   1.3.MISSING",
        "200, 100, 50,  1.3",           // 200 could be ours + 100, or the open 50 + 100 + …: cannot tell
        "120, 50,  0,   1.3",           // neither ours fully nor exactly the others
    })
    void payQueryOnARefundedOrderSettlesAPartialRefundOnlyWhenItCanTell(long refunded, long succeeded, long open,
                                                                       String row) {
        String text = Json.write(Map.of("header", Map.of("partnerNo", "10001"), "body", Map.of("code", 1, "msg", "success",
                "partnerOrderNo", "P1", "orderAmount", 1000, "refundAmount", refunded, "status", 3, "currency", "JPY")));
        String sig = com.refundhub.provider.signing.KnownAnswers.sha256Hex(text + KEY);
        String answer = "{\"response\":" + text + ",\"signature\":\"" + sig + "\"}";
        ProviderAnswer a = ProviderWire.read(SCANFORPAY, Operation.INQUIRY, answer, record(100), scope(record(100)),
                () -> new OrderRefunds(succeeded, open));
        assertThat(a.verdict()).isEqualTo(ProviderAnswer.Verdict.VERIFIED);
        assertThat(a.key()).isEqualTo(row);
    }

    static Template.Scope scope(RefundRecord r) {
        return ProviderWire.scope(SCANFORPAY, r, Map.of("partner-no", "10001", "key", KEY)::get, WireInputs.SYSTEM);
    }

    static RefundRecord record(long amount) {
        return Fixtures.record("R1", "P1", "scanforpay", amount, "JPY");
    }
}
