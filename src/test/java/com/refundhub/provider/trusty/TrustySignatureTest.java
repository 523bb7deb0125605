package com.refundhub.provider.trusty;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.provider.contract.ContractData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static com.refundhub.Fixtures.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trusty's string to sign, which the provider contract suite (known answers of contract/trusty.json) does not see:
 * the known answers' strings, and cases worked out by hand. The code under test computes none of the expected values.
 */
class TrustySignatureTest {
    private static final ContractData DATA = ContractData.of("trusty");
    private static final String VECTOR_KEY = "192006250b4c09247ec02edce69f6a2d";

    @Test
    void theRequestsSignTheKnownStrings() {
        for (JsonNode v : DATA.signing().path("requests")) {
            assertThat(TrustySignature.stringToSign(fields(v), VECTOR_KEY)).as(v.get("name").asText())
                    .isEqualTo(v.get("stringToSign").asText());
        }
    }

    @Test
    void answerLeavesOutEmptyFieldsAndKeepsUnknownOnes() {
        JsonNode v = DATA.answer("trusty-response-md5-empty-and-extra-fields");
        // by hand: return_msg is "" (left out), channel is not a documented field (kept, sorted in)
        assertThat(TrustySignature.stringToSign(fields(v), VECTOR_KEY)).isEqualTo("app_id=121775250444445490"
                + "&channel=mpuapy&mchnt_id=1000&nonce_str=9X2LQ0AAB7&refundNo=R20261123001"
                + "&refundStatus=REFUND_PROCESSING&return_code=SUCCESS&sign_type=MD5&key=" + VECTOR_KEY)
                .isEqualTo(v.get("stringToSign").asText());
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
}
