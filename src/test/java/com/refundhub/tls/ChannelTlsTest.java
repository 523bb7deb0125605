package com.refundhub.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.Providers;
import com.refundhub.SampleChannel;
import com.refundhub.config.HubSettings;
import com.refundhub.config.SandboxSettings;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RefundRecord;
import com.refundhub.provider.ProviderTypes;
import com.refundhub.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A provider that requires mutual TLS (SPEC §11): the sandbox answers over HTTPS only and requires a client certificate
 * of the test's CA. A channel with its own trust store and client certificate gets its refund through; a channel
 * without the certificate, one that trusts another CA, and one whose provider shows an expired certificate are
 * refused at the handshake: not delivered (RECEIVED, PROVIDER_UNAVAILABLE), never an unknown outcome, nothing reaches
 * the provider, and the breaker counts each. The CAs and certificates are made by keytool in the test.
 */
class ChannelTlsTest extends HubTestSupport {
    private TestCertificates ca;
    private int expiredPort;
    private Path expiredStore;
    private Sandbox expiredSandbox;

    @Override
    protected void configure(Map<String, String> settings) {
        Path dir;
        try {
            dir = Files.createTempDirectory("refundhub-channel-tls");
            expiredPort = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ca = TestCertificates.newCa(dir.resolve("ca"), "Provider and merchant CA");
        TestCertificates otherCa = TestCertificates.newCa(dir.resolve("other"), "Another CA");
        Path sandboxStore = ca.issue("sandbox");
        Path merchant = ca.issue("merchant");
        expiredStore = ca.issue("expired-provider", true);
        settings.put("refundhub.sandbox.tls.key-store", sandboxStore.toString());
        settings.put("refundhub.sandbox.tls.key-store-password", TestCertificates.PASSWORD);
        settings.put("refundhub.sandbox.tls.client-ca", ca.caPem().toString());

        for (SampleChannel c : Providers.channels()) {   // every channel of the suite speaks mutual TLS to the sandbox
            withTls(settings, c.name(), c.type(), ca.caPem(), merchant);
        }
        for (String name : new String[] {"no-cert", "other-ca", "expired"}) {
            sandboxChannelLike(settings, name, "trusty", Map.of("breaker-failures", "2", "breaker-open-for", "1m"));
            withTls(settings, name, "trusty", ca.caPem(), merchant);
        }
        settings.remove("refundhub.channels.no-cert.tls.key-store");
        settings.remove("refundhub.channels.no-cert.tls.key-store-password");
        settings.put("refundhub.channels.other-ca.tls.trust-store", otherCa.caPem().toString());
        settings.put("refundhub.channels.expired.base-url", "https://127.0.0.1:" + expiredPort + "/trusty");
    }

    private void withTls(Map<String, String> settings, String channel, String type, Path trust, Path keys) {
        String prefix = "refundhub.channels." + channel + ".";
        settings.put(prefix + "base-url", "https://127.0.0.1:" + sandboxPort + "/" + type);
        settings.put(prefix + "tls.trust-store", trust.toString());
        settings.put(prefix + "tls.key-store", keys.toString());
        settings.put(prefix + "tls.key-store-password", TestCertificates.PASSWORD);
    }

    @AfterAll
    void stopExpiredSandbox() {
        if (expiredSandbox != null) {
            expiredSandbox.close();
        }
    }

    @Test
    void withItsClientCertificateARefundGoesThroughMutualTls() {
        RefundRecord r = refundEndsIn("MTLS-OK-1", "ORD-MTLS-OK-1", "trusty", null, RefundStatus.SUCCEEDED, null);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(book("trusty").find("MTLS-OK-1").refundCalls).isEqualTo(1);
    }

    @Test
    void noClientCertificateIsNotDeliveredAndOpensTheBreaker() {
        notDelivered("no-cert", "MTLS-NOCERT");
    }

    @Test
    void aProviderCertificateOfAnotherCaIsNotDelivered() {
        notDelivered("other-ca", "MTLS-OTHERCA");
    }

    @Test
    void anExpiredProviderCertificateIsNotDelivered() throws Exception {
        SandboxSettings running = context.getRegistry().lookupByNameAndType(HubSettings.BEAN, HubSettings.class).sandbox();
        expiredSandbox = new Sandbox(running, context.getRegistry().findSingleByType(ProviderTypes.class).all())
                .start("127.0.0.1", expiredPort, new SandboxSettings.Tls(expiredStore, TestCertificates.PASSWORD,
                        ca.caPem()));
        notDelivered("expired", "MTLS-EXPIRED");
        assertThat(expiredSandbox.simulator("trusty").book().find("MTLS-EXPIRED-1")).isNull();
    }

    /** Two refunds on {@code channel}: each RECEIVED with PROVIDER_UNAVAILABLE at once, none at the provider, then OPEN. */
    private void notDelivered(String channel, String prefix) {
        for (int i = 1; i <= 2; i++) {
            String id = prefix + "-" + i;
            HttpResponse<String> answer = refund(id, "ORD-" + id, channel, null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            JsonNode record = json(answer);
            assertThat(record.get("status").asText()).as(answer.body()).isEqualTo("RECEIVED");
            assertThat(record.get("code").asText()).isEqualTo("PROVIDER_UNAVAILABLE");
            RefundRecord r = ledger().find(id, true).orElseThrow();
            assertThat(r.history()).as("never an unknown outcome")
                    .noneMatch(h -> h.to() == RefundStatus.PENDING);
            assertThat(book("trusty").find(id)).as("nothing reached the provider").isNull();
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(get("/health", null)).path("channels").path(channel).path("state").asText().equals("OPEN"));
    }
}
