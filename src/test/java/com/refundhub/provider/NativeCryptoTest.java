package com.refundhub.provider;

import com.refundhub.LogCapture;
import com.refundhub.provider.signing.Keys;
import com.refundhub.provider.signing.SigningRecipe;
import com.refundhub.provider.signing.StringToSign;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The choice of the signing provider at start: the native one when wanted and healthy, the JDK's when turned off or
 * when it cannot load (another platform), one log line saying which — and the hub signs correctly either way.
 */
class NativeCryptoTest {
    private static final String KEYS = "classpath:vectors/";

    @AfterAll
    static void nativeCryptoAgain() throws Exception {
        CryptoChoice.nativeAgain();
    }

    @Test
    void theNativeProviderSignsWhenItLoads() throws Exception {
        assumeTrue(CryptoChoice.nativeBuiltForThisMachine());
        try (LogCapture log = LogCapture.attach()) {
            String inUse = NativeCrypto.select(true);
            assertThat(inUse).startsWith("AmazonCorrettoCryptoProvider 2.5");
            assertThat(NativeCrypto.isNative()).isTrue();
            assertThat(Signature.getInstance("SHA256withRSA").getProvider().getName()).isEqualTo(NativeCrypto.ACCP);
            assertThat(cryptoLines(log)).containsExactly("crypto: signatures, digests and MACs by " + inUse + " (native)");
        }
        assertThat(signsAndVerifies()).isTrue();
    }

    @Test
    void turnedOffTheJdkSigns() throws Exception {
        try (LogCapture log = LogCapture.attach()) {
            assertThat(NativeCrypto.select(false)).startsWith("SunRsaSign");
            assertThat(NativeCrypto.isNative()).isFalse();
            assertThat(cryptoLines(log)).singleElement().asString().contains("JDK's providers")
                    .contains("refundhub.crypto.native=false");
        }
        assertThat(signsAndVerifies()).isTrue();
    }

    @Test
    void whereTheNativeProviderDoesNotLoadTheJdkSignsAndTheHubGoesOn() throws Exception {
        NativeCrypto.select(true);
        try (LogCapture log = LogCapture.attach()) {
            String inUse = NativeCrypto.select(true, () -> {
                throw new UnsatisfiedLinkError("no native library for this platform");
            });
            assertThat(inUse).startsWith("SunRsaSign");
            assertThat(NativeCrypto.isNative()).as("not left installed").isFalse();
            assertThat(cryptoLines(log)).singleElement().asString().contains("JDK's providers")
                    .contains("not available here").contains("no native library for this platform");
        }
        assertThat(signsAndVerifies()).isTrue();
    }

    @Test
    void aNativeProviderThatFailsItsSelfTestIsTakenOutAgain() throws Exception {
        assumeTrue(CryptoChoice.nativeBuiltForThisMachine());
        String inUse = NativeCrypto.select(true, () -> {
            com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.install();   // in the list, then unhealthy
            throw new IllegalStateException("self-test failed");
        });
        assertThat(inUse).startsWith("SunRsaSign");
        assertThat(NativeCrypto.isNative()).isFalse();
    }

    private static List<String> cryptoLines(LogCapture log) {
        return log.lines().stream().filter(l -> l.logger().endsWith("NativeCrypto")).map(LogCapture.Line::message).toList();
    }

    /** Fields signed by the rsa recipe with the merchant's key verify with its public key, and not once changed. */
    private static boolean signsAndVerifies() {
        SigningRecipe rsa = SigningRecipe.named("rsa").orElseThrow();
        Keys keys = new Keys("SHA256WITHRSA", null, false, PemKeys.privateKey(KEYS + "newpay-merchant-test-private.pem"),
                PemKeys.publicKey(KEYS + "newpay-merchant-test-public.pem"));
        Map<String, Object> f = new java.util.LinkedHashMap<>(Map.of("appId", "a", "orderNo", "O-1", "refundOrderAmt", "12.50"));
        String signature = rsa.sign(StringToSign.sortedFields(f, List.of(), false, null), keys);
        boolean good = rsa.verify(StringToSign.sortedFields(f, List.of(), false, null), signature, keys);
        f.put("refundOrderAmt", "12.51");
        return good && !rsa.verify(StringToSign.sortedFields(f, List.of(), false, null), signature, keys);
    }
}
