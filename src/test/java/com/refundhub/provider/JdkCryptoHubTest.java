package com.refundhub.provider;

import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundStatus;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub where the native crypto provider is not used ({@code refundhub.crypto.native=false}, as on a machine where it
 * does not load) starts and signs with the JDK's providers: a NewPay refund (RSA both ways) and a Trusty one (MD5)
 * succeed against the sandbox, which checks the signatures.
 */
class JdkCryptoHubTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> settings) {
        settings.put("refundhub.crypto.native", "false");
    }

    @AfterAll
    static void nativeCryptoAgain() throws Exception {
        CryptoChoice.nativeAgain();
    }

    @Test
    void theHubStartsAndSignsWithTheJdksProviders() throws Exception {
        assertThat(NativeCrypto.isNative()).isFalse();
        assertThat(NativeCrypto.inUse()).startsWith("SunRsaSign");
        refundEndsIn("JDK-1", "ORD-JDK-1", "newpay", "\"amount\":1250,\"currency\":\"USD\"", RefundStatus.SUCCEEDED, null);
        refundEndsIn("JDK-2", "ORD-JDK-2", "trusty", null, RefundStatus.SUCCEEDED, null);
        assertThat(book("newpay").find("JDK-1").acceptances).as("NewPay accepted the JDK-signed request").isEqualTo(1);
    }
}
