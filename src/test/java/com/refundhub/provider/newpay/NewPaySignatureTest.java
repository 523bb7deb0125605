package com.refundhub.provider.newpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.provider.CryptoChoice;
import com.refundhub.provider.PemKeys;
import com.refundhub.provider.contract.ContractData;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.refundhub.Fixtures.fields;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * NewPay's string to sign and its RSA keys, which the provider contract suite (known answers of contract/newpay.json,
 * made with openssl and fixed test keys) does not see. RSA PKCS#1 v1.5 signatures are deterministic, so the
 * provider's own answer signature is reproduced too. Each case runs with both providers the hub may sign with.
 */
class NewPaySignatureTest {
    static final String KEYS = "classpath:vectors/";
    private static final ContractData DATA = ContractData.of("newpay");

    @AfterAll
    static void nativeCryptoAgain() throws Exception {
        CryptoChoice.nativeAgain();
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void theRequestSignsTheKnownStringAndVerifiesWithTheMerchantsPublicKey(CryptoChoice crypto) throws Exception {
        crypto.select();
        JsonNode v = DATA.request("newpay-request-sha256withrsa");
        Map<String, Object> f = fields(v);
        // by hand: sorted, refundDesc "" kept, timestamp written as its number
        assertThat(NewPaySignature.stringToSign(f)).isEqualTo("appId=3514d69403bc4ce1a8fafb6415a31018"
                + "&merchantId=876266cdc7154dd08a022fd1f2eace55&orderNo=ORDERNO000000000A104&refundDesc="
                + "&refundOrderAmt=50000&refundOrderNo=ORDERNORFD000000000A104&timestamp=1662528718641")
                .isEqualTo(v.get("stringToSign").asText());
        assertThat(NewPaySignature.sign(f, PemKeys.privateKey(KEYS + "newpay-merchant-test-private.pem")))
                .isEqualTo(v.get("signature").asText());
        f.put("sign", v.get("signature").asText());
        assertThat(NewPaySignature.verify(f, PemKeys.publicKey(KEYS + "newpay-merchant-test-public.pem"))).isTrue();
        f.put("refundOrderAmt", "50001");
        assertThat(NewPaySignature.verify(f, PemKeys.publicKey(KEYS + "newpay-merchant-test-public.pem"))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void answerDataLeavesOutNullsAndIsSignedByTheProviderKey(CryptoChoice crypto) throws Exception {
        crypto.select();
        JsonNode v = DATA.answer("newpay-answer-data-sha256withrsa");
        Map<String, Object> data = fields(v);
        assertThat(data).containsKey("tranAbbr");
        assertThat(NewPaySignature.stringToSign(data)).isEqualTo(v.get("stringToSign").asText()).doesNotContain("tranAbbr");
        assertThat(NewPaySignature.sign(data, PemKeys.privateKey(KEYS + "newpay-provider-test-private.pem")))
                .isEqualTo(v.get("signature").asText());
    }

    @ParameterizedTest
    @EnumSource(CryptoChoice.class)
    void signaturesAndKeysComeFromTheSelectedProvider(CryptoChoice crypto) throws Exception {
        crypto.select();
        String expected = crypto == CryptoChoice.NATIVE ? "AmazonCorrettoCryptoProvider" : "SunRsaSign";
        assertThat(NewPaySignature.rsa().getProvider().getName()).isEqualTo(expected);
        // a key from another provider would be translated on every signature: keys are read per provider
        assertThat(PemKeys.privateKey(KEYS + "newpay-merchant-test-private.pem").getClass().getName())
                .startsWith(crypto == CryptoChoice.NATIVE ? "com.amazon.corretto" : "sun.security.rsa");
    }
}
