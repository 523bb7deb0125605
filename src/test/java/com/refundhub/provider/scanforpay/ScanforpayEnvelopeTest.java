package com.refundhub.provider.scanforpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.ledger.OrderTotals;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.contract.ContractData;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the provider contract suite (known answers of contract/scanforpay.json) does not see of scanforpay: the signed
 * text taken from the answer exactly as received, a case worked out by hand, and the order-level payQuery rule.
 */
class ScanforpayEnvelopeTest {
    static final String KEY = "7f3c1a9e5b2d4c8f";
    private static final ContractData DATA = ContractData.of("scanforpay");

    @Test
    void theSignatureIsTheSha256OfTheTextAndTheKey() {
        // by hand: sha256 of the text with the key appended, lower-case hex (`printf '{}k' | sha256sum`)
        assertThat(ScanforpayEnvelope.signature("{}", "k"))
                .isEqualTo("beb3cfe44ae66fed9a7a39980cf2617e111f96e6415c231bee47d37e8ae7f530");
    }

    @Test
    void theAnswerIsVerifiedOverItsExactResponseTextWhitespaceAndAll() throws Exception {
        JsonNode v = DATA.answer("scanforpay-answer-envelope-spaced");
        String body = v.get("text").asText();
        String signature = Json.MAPPER.readTree(body).get("signature").asText();
        String responseText = ScanforpayEnvelope.memberText(body, "response");
        assertThat(responseText).isEqualTo(v.get("stringToSign").asText());
        assertThat(ScanforpayEnvelope.verify(responseText, signature, KEY)).isTrue();
        String reserialised = Json.write(Json.MAPPER.readTree(body).get("response"));
        assertThat(ScanforpayEnvelope.verify(reserialised.replace(",", ", "), signature, KEY))
                .as("other characters, same JSON").isFalse();
    }

    /**
     * payQuery status 3 says the order has had {@code refundAmount} refunded: this refund (100) is settled only
     * when that covers it along with the order's other refunds the hub knows of.
     */
    @ParameterizedTest(name = "refunded {0}, others succeeded {1} open {2} → {3}")
    @CsvSource({
        "100, 0,   0,   COVERED",   // the only refund: covered
        "250, 150, 0,   COVERED",   // others 150 + ours 100 ≤ 250
        "150, 150, 0,   MISSING",   // exactly the others: ours is not there
        "0,   0,   0,   MISSING",
        "200, 100, 50,  UNCLEAR",   // 200 could be ours + 100, or the open 50 + 100 + …: cannot tell
        "120, 50,  0,   UNCLEAR",   // neither ours fully nor exactly the others
    })
    void payQueryOnARefundedOrderSettlesAPartialRefundOnlyWhenItCanTell(long refunded, long succeeded, long open,
                                                                       String coverage) throws Exception {
        ScanforpayVerifier verifier = new ScanforpayVerifier((c, o, r) -> new OrderTotals(succeeded, open));
        String text = Json.write(Map.of("header", Map.of("partnerNo", "10001"), "body", Map.of("code", 1, "msg", "success",
                "partnerOrderNo", "P1", "orderAmount", 1000, "refundAmount", refunded, "status", 3, "currency", "JPY")));
        ProviderAnswer a = verifier.read(ScanforpayEnvelope.wrap("response", text, KEY), channel(KEY), Operation.INQUIRY, record(100));
        assertThat(a.verdict()).isEqualTo(ProviderAnswer.Verdict.VERIFIED);
        assertThat(a.key()).isEqualTo("1.3." + coverage);
    }

    static ChannelConfig channel(String key) {
        return com.refundhub.Fixtures.channel("scanforpay", Set.of("JPY"), Map.of("partner-no", "10001", "key", key));
    }

    static RefundRecord record(long amount) {
        return com.refundhub.Fixtures.record("R1", "P1", "scanforpay", amount, "JPY");
    }
}
