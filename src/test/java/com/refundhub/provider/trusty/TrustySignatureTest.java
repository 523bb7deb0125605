package com.refundhub.provider.trusty;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static com.refundhub.Fixtures.fields;
import static com.refundhub.Fixtures.vector;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trusty signing against known answers computed outside the project (vectors/signing.json, from Python's
 * hashlib/hmac), plus a case worked out by hand below. The code under test computes none of the expected values.
 */
class TrustySignatureTest {
    private static final String VECTOR_KEY = "192006250b4c09247ec02edce69f6a2d";



    @Test
    void md5RequestMatchesTheKnownAnswer() throws Exception {
        JsonNode v = vector("trusty-request-md5");
        assertThat(TrustySignature.stringToSign(fields(v), v.get("key").asText())).isEqualTo(v.get("stringToSign").asText());
        assertThat(TrustySignature.sign(fields(v), v.get("key").asText(), TrustySignature.Type.MD5))
                .isEqualTo("D31FFB0411ABD068B9EE73E21C01C365").isEqualTo(v.get("sign").asText());
    }

    @Test
    void hmacSha256RequestMatchesTheKnownAnswer() throws Exception {
        JsonNode v = vector("trusty-request-hmacsha256");
        assertThat(TrustySignature.stringToSign(fields(v), v.get("key").asText())).isEqualTo(v.get("stringToSign").asText());
        assertThat(TrustySignature.sign(fields(v), v.get("key").asText(), TrustySignature.Type.HMACSHA256))
                .isEqualTo("A49C1C7C5779F9E40805082AC5F396610775A6E2DA30A9F5A0ED6F4E267DCD37");
    }

    @Test
    void answerLeavesOutEmptyFieldsAndKeepsUnknownOnes() throws Exception {
        JsonNode v = vector("trusty-response-md5-empty-and-extra-fields");
        // by hand: return_msg is "" (left out), channel is not a documented field (kept, sorted in)
        assertThat(TrustySignature.stringToSign(fields(v), VECTOR_KEY)).isEqualTo("app_id=121775250444445490"
                + "&channel=mpuapy&mchnt_id=1000&nonce_str=9X2LQ0AAB7&refundNo=R20261123001"
                + "&refundStatus=REFUND_PROCESSING&return_code=SUCCESS&sign_type=MD5&key=" + VECTOR_KEY);
        assertThat(TrustySignature.sign(fields(v), VECTOR_KEY, TrustySignature.Type.MD5)).isEqualTo(v.get("sign").asText());
    }

    @Test
    void handWorkedCaseWithANumberAndANull() {
        // worked out by hand: {b: "x", a: 888, c: null, sign: "ignored"} → sorted, null and sign left out,
        // the number written as its JSON text: "a=888&b=x&key=k"; its MD5 from coreutils (see the constant)
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("b", "x");
        f.put("a", 888);
        f.put("c", null);
        f.put("sign", "ignored");
        assertThat(TrustySignature.stringToSign(f, "k")).isEqualTo("a=888&b=x&key=k");
        assertThat(TrustySignature.sign(f, "k", TrustySignature.Type.MD5)).isEqualTo(MD5_OF_A888_BX_KEYK);
    }

    /** {@code printf 'a=888&b=x&key=k' | md5sum}, upper-cased */
    static final String MD5_OF_A888_BX_KEYK = "7DC35038F25531DE2DA0FE660EAEF41A";

    @Test
    void verifierBelievesTheVectorAnswerAndNothingTampered() throws Exception {
        JsonNode v = vector("trusty-response-md5-empty-and-extra-fields");
        Map<String, Object> answer = fields(v);
        answer.put("sign", v.get("sign").asText());
        ChannelConfig channel = channel(VECTOR_KEY);
        RefundRecord record = record("R20261123001");
        TrustyVerifier verifier = new TrustyVerifier();

        ProviderAnswer ok = verifier.read(Json.write(answer), channel, Operation.REFUND, record);
        assertThat(ok.verdict()).isEqualTo(ProviderAnswer.Verdict.VERIFIED);
        assertThat(ok.key()).isEqualTo("SUCCESS.REFUND_PROCESSING");

        Map<String, Object> tampered = new LinkedHashMap<>(answer);
        tampered.put("refundStatus", "REFUND_SUCCESS");
        assertThat(verifier.read(Json.write(tampered), channel, Operation.REFUND, record).verdict())
                .isEqualTo(ProviderAnswer.Verdict.BAD_SIGNATURE);

        Map<String, Object> extraField = new LinkedHashMap<>(answer);
        extraField.put("note", "added in transit");
        assertThat(verifier.read(Json.write(extraField), channel, Operation.REFUND, record).verdict())
                .isEqualTo(ProviderAnswer.Verdict.BAD_SIGNATURE);

        Map<String, Object> unsigned = new LinkedHashMap<>(answer);
        unsigned.remove("sign");
        assertThat(verifier.read(Json.write(unsigned), channel, Operation.REFUND, record).verdict())
                .as("an unsigned SUCCESS").isEqualTo(ProviderAnswer.Verdict.BAD_SIGNATURE);
        Map<String, Object> unsignedError = Map.of("return_code", "SIGN_ERROR", "return_msg", "Incorrect signature result.");
        assertThat(verifier.read(Json.write(unsignedError), channel, Operation.REFUND, record).verdict())
                .as("an unsigned refusal").isEqualTo(ProviderAnswer.Verdict.UNSIGNED);

        assertThat(verifier.read(Json.write(answer), channel(VECTOR_KEY + "x"), Operation.REFUND, record).verdict())
                .as("signed with another key").isEqualTo(ProviderAnswer.Verdict.BAD_SIGNATURE);

        assertThat(verifier.read(Json.write(answer), channel, Operation.REFUND, record("OTHER-REFUND")).verdict())
                .as("a good answer about another refund").isEqualTo(ProviderAnswer.Verdict.MISMATCH);
    }

    static ChannelConfig channel(String key) {
        return com.refundhub.Fixtures.channel("trusty", Set.of("MMK"),
                Map.of("app-id", "121775250444445490", "mchnt-id", "1000", "key", key, "sign-type", "MD5"));
    }

    static RefundRecord record(String refundId) {
        return com.refundhub.Fixtures.record(refundId, "P8888888888", "trusty", null, null);
    }
}
