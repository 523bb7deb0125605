package com.refundhub.provider.newpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Operation;
import com.refundhub.provider.PemKeys;
import com.refundhub.provider.ProviderAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static com.refundhub.Fixtures.fields;
import static com.refundhub.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * NewPay SHA256withRSA against known answers made outside the project (openssl, fixed test keys in
 * src/test/resources/vectors). RSA PKCS#1 v1.5 signatures are deterministic, so the signer must reproduce them.
 */
class NewPaySignatureTest {
    static final String KEYS = "classpath:vectors/";



    @Test
    void requestSignatureMatchesTheKnownAnswer() throws Exception {
        JsonNode v = vector("newpay-request-sha256withrsa");
        Map<String, Object> f = fields(v);
        // by hand: sorted, refundDesc "" kept, timestamp written as its number
        assertThat(NewPaySignature.stringToSign(f)).isEqualTo("appId=3514d69403bc4ce1a8fafb6415a31018"
                + "&merchantId=876266cdc7154dd08a022fd1f2eace55&orderNo=ORDERNO000000000A104&refundDesc="
                + "&refundOrderAmt=50000&refundOrderNo=ORDERNORFD000000000A104&timestamp=1662528718641");
        assertThat(NewPaySignature.stringToSign(f)).isEqualTo(v.get("stringToSign").asText());
        assertThat(NewPaySignature.sign(f, PemKeys.privateKey(KEYS + "newpay-merchant-test-private.pem")))
                .isEqualTo(v.get("sign").asText());
        f.put("sign", v.get("sign").asText());
        assertThat(NewPaySignature.verify(f, PemKeys.publicKey(KEYS + "newpay-merchant-test-public.pem"))).isTrue();
    }

    @Test
    void answerDataVerifiesWithTheProviderKeyAndNullsAreLeftOut() throws Exception {
        JsonNode v = vector("newpay-answer-data-sha256withrsa");
        Map<String, Object> data = fields(v);
        assertThat(data).containsKey("tranAbbr");
        assertThat(NewPaySignature.stringToSign(data)).isEqualTo(v.get("stringToSign").asText()).doesNotContain("tranAbbr");
        assertThat(NewPaySignature.sign(data, PemKeys.privateKey(KEYS + "newpay-provider-test-private.pem")))
                .isEqualTo(v.get("sign").asText());
    }

    @Test
    void theVerifierBelievesTheVectorAnswerAndNothingTampered() throws Exception {
        JsonNode v = vector("newpay-answer-data-sha256withrsa");
        Map<String, Object> data = fields(v);
        data.put("sign", v.get("sign").asText());
        Map<String, Object> answer = new LinkedHashMap<>(Map.of("success", true, "message", "success", "code", "0",
                "timestamp", "1662528718641"));
        answer.put("data", data);
        NewPayVerifier verifier = new NewPayVerifier();
        ChannelConfig channel = channel("newpay-provider-test-public.pem");
        RefundRecord record = record("ORDERNORFD000000000A104");

        ProviderAnswer ok = verifier.read(Json.write(answer), channel, Operation.INQUIRY, record);
        assertThat(ok.verdict()).isEqualTo(ProviderAnswer.Verdict.VERIFIED);
        assertThat(ok.key()).isEqualTo("0.1");
        assertThat(ok.providerRefundId()).isEqualTo("202209078000000702");

        Map<String, Object> tampered = new LinkedHashMap<>(data);
        tampered.put("refundOrderAmt", "500000");
        answer.put("data", tampered);
        assertThat(verifier.read(Json.write(answer), channel, Operation.INQUIRY, record).verdict())
                .isEqualTo(ProviderAnswer.Verdict.BAD_SIGNATURE);

        answer.put("data", data);
        assertThat(verifier.read(Json.write(answer), channel("newpay-merchant-test-public.pem"), Operation.INQUIRY, record)
                .verdict()).as("checked with another key").isEqualTo(ProviderAnswer.Verdict.BAD_SIGNATURE);
        assertThat(verifier.read(Json.write(answer), channel, Operation.INQUIRY, record("OTHER")).verdict())
                .isEqualTo(ProviderAnswer.Verdict.MISMATCH);

        String error = "{\"success\":false,\"message\":\"order information is not existed\",\"code\":\"Z00051\"}";
        ProviderAnswer unsigned = verifier.read(error, channel, Operation.INQUIRY, record);
        assertThat(unsigned.verdict()).isEqualTo(ProviderAnswer.Verdict.UNSIGNED);
        assertThat(unsigned.key()).isEqualTo("Z00051");
    }

    static ChannelConfig channel(String publicKey) {
        return com.refundhub.Fixtures.channel("newpay", Set.of("LAK"), Map.of("app-id", "a", "merchant-id", "m",
                "private-key", KEYS + "newpay-merchant-test-private.pem", "public-key", KEYS + publicKey));
    }

    static RefundRecord record(String refundId) {
        return com.refundhub.Fixtures.record(refundId, "ORDERNO000000000A104", "newpay", 5000000L, "LAK");
    }
}
