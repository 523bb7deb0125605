package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /refunds/{refundId}/resolution} over real HTTP (SPEC §8.2): from REVIEW only, once; published like every
 * change; counted in its batch and its final file; every bad body answered naming its field.
 */
class ResolutionTest extends HubTestSupport {
    private static final String DONE = "{\"status\":\"SUCCEEDED\",\"note\":\"Trusty portal: refunded 30 Nov\","
            + "\"providerRefundId\":\"TP-778812\"}";

    /** A refund whose every provider answer is forged: REVIEW after refundhub.inquiry.untrusted-limit inquiries. */
    private RefundRecord inReview(String refundId) {
        refund(refundId, "FORGEALL-" + refundId, "trusty", null);
        return awaitStatus(refundId, RefundStatus.REVIEW, Duration.ofSeconds(30));
    }

    private HttpResponse<String> resolve(String refundId, String body) {
        return post("/refunds/" + refundId + "/resolution", body, KEY);
    }

    @Test
    void aRefundInReviewIsResolvedOnceAndPublished() throws Exception {
        RefundRecord review = inReview("RES-1");
        try (Connection c = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + jmsPort).createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // the REVIEW event may still be on its way from the outbox (a loaded machine): listen for the resolution's
            MessageConsumer events = s.createConsumer(s.createTopic("refunds.events"),
                    "JMSCorrelationID = 'RES-1' AND status = 'SUCCEEDED'");
            HttpResponse<String> resolved = resolve("RES-1", DONE);
            assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
            JsonNode r = json(resolved);
            assertThat(r.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(r.get("code").asText()).isEqualTo("MANUAL_RESOLUTION");
            assertThat(r.get("providerRefundId").asText()).isEqualTo("TP-778812");
            JsonNode last = r.get("history").get(r.get("history").size() - 1);
            assertThat(last.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(last.get("actor").asText()).isEqualTo("api-key-1");
            assertThat(last.get("note").asText()).isEqualTo("Trusty portal: refunded 30 Nov");
            assertThat(r.get("history")).hasSize(review.history().size() + 1);

            TextMessage event = (TextMessage) events.receive(10_000);
            assertThat(event).as("the resolution's event on refunds.events").isNotNull();
            assertThat(event.getStringProperty("status")).isEqualTo("SUCCEEDED");
            JsonNode published = Json.MAPPER.readTree(event.getText());
            assertThat(published.get("code").asText()).isEqualTo("MANUAL_RESOLUTION");
            assertThat(published.get("previousStatus").asText()).isEqualTo("REVIEW");

            HttpResponse<String> again = resolve("RES-1", DONE);
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json(again)).isEqualTo(r);
            assertThat(events.receive(1000)).as("the same resolution again publishes nothing").isNull();
        }
        for (String other : List.of("{\"status\":\"FAILED\",\"note\":\"Trusty portal: refunded 30 Nov\",\"providerRefundId\":\"TP-778812\"}",
                "{\"status\":\"SUCCEEDED\",\"note\":\"another note\",\"providerRefundId\":\"TP-778812\"}",
                "{\"status\":\"SUCCEEDED\",\"note\":\"Trusty portal: refunded 30 Nov\"}")) {
            HttpResponse<String> conflict = resolve("RES-1", other);
            assertThat(conflict.statusCode()).as(other).isEqualTo(409);
            assertThat(json(conflict).get("code").asText()).isEqualTo("NOT_IN_REVIEW");
        }
        assertThat(ledger().find("RES-1", true).orElseThrow().history()).hasSize(review.history().size() + 1);
    }

    @Test
    void onlyARefundInReviewIsResolvedAndAnUnknownOneIsNotFound() {
        refund("RES-2", "ORD-RES-2", "trusty", null);
        HttpResponse<String> settled = resolve("RES-2", DONE);
        assertThat(settled.statusCode()).isEqualTo(409);
        assertThat(json(settled).get("code").asText()).isEqualTo("NOT_IN_REVIEW");
        assertThat(json(settled).get("detail").asText()).contains("SUCCEEDED");
        assertThat(ledger().find("RES-2", false).orElseThrow().code()).isNull();
        HttpResponse<String> missing = resolve("RES-NONE", DONE);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void aBadBodyIsRefusedNamingItsField() {
        RefundRecord review = inReview("RES-3");
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"note\":\"n\"}", "status");
        bad.put("{\"status\":\"DONE\",\"note\":\"n\"}", "status");
        bad.put("{\"status\":\"REVIEW\",\"note\":\"n\"}", "status");
        bad.put("{\"status\":\"SUCCEEDED\"}", "note");
        bad.put("{\"status\":\"SUCCEEDED\",\"note\":\"\"}", "note");
        bad.put("{\"status\":\"SUCCEEDED\",\"note\":\"   \"}", "note");
        bad.put("{\"status\":\"SUCCEEDED\",\"note\":\"" + "x".repeat(501) + "\"}", "note");
        bad.put("{\"status\":\"SUCCEEDED\",\"note\":\"a\\u0000b\"}", "note");
        bad.put("{\"status\":\"SUCCEEDED\",\"note\":7}", "note");
        bad.put("{\"status\":\"SUCCEEDED\",\"note\":\"n\",\"providerRefundId\":\"" + "p".repeat(65) + "\"}", "providerRefundId");
        bad.put("{\"status\":\"SUCCEEDED\",\"note\":\"n\",\"providerRefundId\":\"has space\"}", "providerRefundId");
        bad.put("{\"status\":\"SUCCEEDED\",\"note\":\"n\",\"operator\":\"me\"}", "operator");
        bad.put("{\"status\":", "body");
        bad.put("[1]", "body");
        bad.put("", "body");
        bad.forEach((body, field) -> {
            HttpResponse<String> r = resolve("RES-3", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(json(r).get("errors").get(0).get("field").asText()).as(body).isEqualTo(field);
        });
        HttpResponse<String> text = send(request("/refunds/RES-3/resolution").header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(DONE)).build());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(json(text).get("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(ledger().find("RES-3", true).orElseThrow()).as("still in REVIEW, untouched").isEqualTo(review);
        assertThat(resolve("RES-3", "{\"status\":\"FAILED\",\"note\":\"line one\\n\\tline two\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aResolvedRefundCountsInItsBatchAndItsFinalFile() throws Exception {
        Path tmp = dataDir.resolve("held.part");
        Files.writeString(tmp, "refundId,orderId,channel\nRES-B-1,ORD-RES-B-1,trusty\nRES-B-2,FORGEALL-RES-B-2,trusty\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, dataDir.resolve("inbox").resolve("held.csv"));
        Path finalFile = dataDir.resolve("outbox").resolve("held.final.csv");
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(finalFile));
        assertThat(Files.readString(finalFile)).contains("RES-B-2,REVIEW");
        assertThat(json(get("/batches/held", KEY)).get("counts").get("REVIEW").asLong()).isEqualTo(1);
        assertThat(ledger().find("RES-B-2", true).orElseThrow().history().get(0).actor()).isEqualTo("file:held.csv");

        assertThat(resolve("RES-B-2", "{\"status\":\"FAILED\",\"note\":\"portal: never refunded\"}").statusCode())
                .isEqualTo(200);
        JsonNode batch = json(get("/batches/held", KEY));
        assertThat(batch.get("counts").has("REVIEW")).isFalse();
        assertThat(batch.get("counts").get("FAILED").asLong()).isEqualTo(1);
        assertThat(batch.get("counts").get("SUCCEEDED").asLong()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(finalFile).contains("RES-B-2,FAILED,MANUAL_RESOLUTION"));
        await().atMost(Duration.ofSeconds(10)).until(() -> json(get("/batches/held", KEY)).get("status").asText().equals("FINAL"));
    }
}
