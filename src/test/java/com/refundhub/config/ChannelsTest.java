package com.refundhub.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Channels from configuration, and start-up failures that name the channel and the key. */
class ChannelsTest {
    @TempDir
    Path dir;

    /** The shipped configuration with these keys on top. */
    static Channels load(Map<String, String> p) {
        return ConfigFixtures.read(p).channels();
    }

    static Map<String, String> newpay(String privateKey, String publicKey) {
        Map<String, String> p = new HashMap<>();
        p.put("refundhub.channels.np.type", "newpay");
        p.put("refundhub.channels.np.base-url", "http://127.0.0.1:1/");
        p.put("refundhub.channels.np.app-id", "a");
        p.put("refundhub.channels.np.merchant-id", "m");
        p.put("refundhub.channels.np.private-key", privateKey);
        p.put("refundhub.channels.np.public-key", publicKey);
        return p;
    }

    @Test
    void typesGiveTheirDefaultsAndKeysOverrideThem() {
        Map<String, String> p = newpay("classpath:vectors/newpay-merchant-test-private.pem",
                "classpath:vectors/newpay-provider-test-public.pem");
        p.put("refundhub.channels.np.inquiry-backoff", "5s, 1m");
        p.put("refundhub.channels.np.max-concurrency", "4");
        ChannelConfig c = load(p).get("np");
        assertThat(c.getBaseUrl()).isEqualTo("http://127.0.0.1:1");
        assertThat(c.getRefundPath()).isEqualTo("/api/open/converge/pay/v1/refund");
        assertThat(c.getCurrencies()).containsExactlyInAnyOrder("LAK", "USD");
        assertThat(c.getInquiryBackoff()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(1));
        assertThat(c.getMaxConcurrency()).isEqualTo(4);
        assertThat(c.toString()).doesNotContain("merchant-test-private");
    }

    @Test
    void aMissingKeyFileStopsStartUpNamingTheChannelAndTheKey() {
        assertThatThrownBy(() -> load(newpay(dir.resolve("missing.pem").toString(), "classpath:vectors/newpay-provider-test-public.pem")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refundhub.channels.np.private-key")
                .hasMessageContaining("missing.pem");
    }

    @Test
    void anUnreadableKeyStopsStartUpToo() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN PUBLIC KEY-----\nnot base64 at all!\n-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> load(newpay("classpath:vectors/newpay-merchant-test-private.pem", junk.toString())))
                .hasMessageContaining("refundhub.channels.np.public-key").hasMessageContaining("junk.pem");
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        assertThatThrownBy(() -> load(newpay(pkcs1.toString(), "classpath:vectors/newpay-provider-test-public.pem")))
                .hasMessageContaining("PKCS#1");
    }

    @Test
    void missingCredentialsAndUnknownTypesAreNamed() {
        Map<String, String> p = new HashMap<>(Map.of("refundhub.channels.sp.type", "scanforpay",
                "refundhub.channels.sp.base-url", "http://x", "refundhub.channels.sp.partner-no", "1"));
        assertThatThrownBy(() -> load(p)).hasMessageContaining("refundhub.channels.sp.key");
        assertThatThrownBy(() -> load(Map.of("refundhub.channels.x.type", "paypal", "refundhub.channels.x.base-url", "http://x")))
                .hasMessageContaining("channel 'x'").hasMessageContaining("paypal");
        Map<String, String> t = new HashMap<>(Map.of("refundhub.channels.t.type", "trusty", "refundhub.channels.t.base-url", "http://x",
                "refundhub.channels.t.app-id", "1", "refundhub.channels.t.mchnt-id", "1", "refundhub.channels.t.key", "k",
                "refundhub.channels.t.sign-type", "SHA1"));
        assertThatThrownBy(() -> load(t)).hasMessageContaining("sign-type");
    }
}
