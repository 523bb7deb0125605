package com.refundhub.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.Json;
import com.refundhub.webhook.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real jar killed with SIGKILL while a webhook delivery is in flight (the receiver holds the request without
 * answering): after a restart the delivery is made, with the same event id and body, signed anew — at least once,
 * nothing lost.
 */
@Tag("slow")
class WebhookCrashIT {
    private static final String SECRET = "whsec-crash-4e8b2d6f1a3c";

    @TempDir
    Path dir;

    @Test
    void killedMidDeliveryItDeliversAfterRestartWithTheSameEventId() throws Exception {
        int httpPort = HubTestSupport.freePort();
        String base = "http://127.0.0.1:" + httpPort;
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, Duration.ofMinutes(5),
                (event, attempt) -> WebhookReceiver.NEVER)) {
            Path config = dir.resolve("hub.properties");
            Files.writeString(config, String.join("\n",
                    "refundhub.http.port=" + httpPort,
                    "refundhub.sandbox.port=" + HubTestSupport.freePort(),
                    "refundhub.jms.listen=tcp://127.0.0.1:" + HubTestSupport.freePort(),
                    "refundhub.webhooks.erp.url=" + receiver.url(),
                    "refundhub.webhooks.erp.secret=" + SECRET,
                    "refundhub.webhooks.erp.statuses=SUCCEEDED",
                    "refundhub.webhooks.erp.timeout=5m", ""));
            try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(60))).as(hub.log()).isTrue();
                HttpResponse<String> created = call(HttpRequest.newBuilder(URI.create(base + "/refunds"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"refundId\":\"WH-CRASH-1\",\"orderId\":\"ORD-WH-CRASH-1\",\"channel\":\"trusty\"}")));
                assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.requests().size() == 1);
                hub.kill();   // the receiver still holds the request: the hub never heard an answer
            }
            receiver.answer((event, attempt) -> 200);
            receiver.releaseHeld();

            try (HubProcess hub = HubProcess.start(dir, Map.of(), "--config", config.toString())) {
                assertThat(hub.awaitHttp(base + "/health", Duration.ofSeconds(60))).as(hub.log()).isTrue();
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().count() == 1);
                assertThat(receiver.requests()).hasSize(2).allSatisfy(r -> {
                    assertThat(r.refusal()).as("signed, and signed now").isNull();
                    assertThat(r.refundId()).isEqualTo("WH-CRASH-1");
                    assertThat(r.refundStatus()).isEqualTo("SUCCEEDED");
                });
                WebhookReceiver.Request before = receiver.requests().get(0);
                WebhookReceiver.Request after = receiver.requests().get(1);
                assertThat(after.eventId()).as("the same event").isEqualTo(before.eventId());
                assertThat(after.body()).as("the same body").isEqualTo(before.body());
                await().atMost(Duration.ofSeconds(10)).until(() -> delivery(base).get("status").asText().equals("DELIVERED"));
                JsonNode d = delivery(base);
                assertThat(d.get("eventId").asText()).isEqualTo(before.eventId());
                assertThat(d.get("attempts")).extracting(a -> a.get("httpStatus").asInt()).containsExactly(200);
            }
        }
    }

    private static JsonNode delivery(String base) throws Exception {
        HttpResponse<String> list = call(HttpRequest.newBuilder(URI.create(base + "/webhooks/deliveries?webhook=erp")).GET());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode deliveries = Json.MAPPER.readTree(list.body()).get("deliveries");
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.header("Authorization", "Bearer sandbox-key")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
