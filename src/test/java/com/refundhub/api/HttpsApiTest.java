package com.refundhub.api;

import com.refundhub.HubTestSupport;
import com.refundhub.tls.TestCertificates;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The API over HTTPS (SPEC §11): with {@code refundhub.http.tls.key-store} set, the API, the console and
 * {@code /metrics} answer over TLS with the configured certificate, and plain HTTP to the same port gets nothing an
 * HTTP client could use. The CA and the server's certificate are made by keytool in the test.
 */
class HttpsApiTest extends HubTestSupport {
    private TestCertificates ca;

    @Override
    protected void configure(Map<String, String> settings) {
        try {
            ca = TestCertificates.newCa(Files.createTempDirectory("refundhub-tls"), "RefundHub Test CA");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Path store = ca.issue("hub");
        settings.put("refundhub.http.tls.key-store", store.toString());
        settings.put("refundhub.http.tls.key-store-password", TestCertificates.PASSWORD);
    }

    @BeforeAll
    void overHttps() {
        speakHttps(ca.trustingClient());
    }

    @Test
    void theApiTheConsoleAndTheMetricsAnswerOverTlsWithTheConfiguredCertificate() throws Exception {
        HttpResponse<String> created = post("/refunds", "{\"refundId\":\"TLS-1\",\"orderId\":\"ORD-TLS-1\","
                + "\"channel\":\"trusty\",\"amount\":5000,\"currency\":\"MMK\"}", KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        assertThat(json(created).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(get("/refunds/TLS-1", KEY).statusCode()).isEqualTo(200);
        assertThat(get("/metrics", null).body()).contains("refundhub_");
        assertThat(get("/console/", null).statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);

        try (SSLSocket tls = (SSLSocket) ca.trustingClient().getSocketFactory().createSocket("127.0.0.1", httpPort)) {
            tls.startHandshake();
            assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(tls.getSession().getPeerCertificates()[0].toString()).contains("CN=hub");
        }
    }

    @Test
    void plainHttpToTheTlsPortGetsNoHttpAnswer() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", httpPort)) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] answer;
            try {
                answer = plain.getInputStream().readAllBytes();
            } catch (IOException reset) {
                answer = new byte[0];
            }
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/").doesNotContain("UP");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaIsRefusedAtTheHandshake() throws Exception {
        TestCertificates otherCa = TestCertificates.newCa(Files.createTempDirectory("refundhub-tls-other"), "Other CA");
        try (SSLSocket tls = (SSLSocket) otherCa.trustingClient().getSocketFactory().createSocket("127.0.0.1", httpPort)) {
            assertThatThrownBy(tls::startHandshake).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }
}
