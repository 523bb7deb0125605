package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the operator console asks the hub besides the lists: {@code GET /me} (who the key is and what it may do, so
 * the page shows only the actions its roles allow) and {@code GET /summary} (the overview: refunds by status and
 * channel, and the oldest of those still waiting). Both need the role read.
 */
class ConsoleApiTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> settings) {
        settings.put("refundhub.http.clients.desk.key", "desk-key");
        settings.put("refundhub.http.clients.desk.roles", "operate,read");
        settings.put("refundhub.http.clients.shop.key", "shop-key");
        settings.put("refundhub.http.clients.shop.roles", "submit");
    }

    @Test
    void meNamesTheCallingClientAndItsRoles() {
        JsonNode desk = json(get("/me", "desk-key"));
        assertThat(desk.get("client").asText()).isEqualTo("desk");
        assertThat(desk.get("roles")).extracting(JsonNode::asText).containsExactly("read", "operate");
        JsonNode sandbox = json(get("/me", KEY));
        assertThat(sandbox.get("client").asText()).as("the keys of refundhub.http.api-keys").isEqualTo("api-key-1");
        assertThat(sandbox.get("roles")).extracting(JsonNode::asText).containsExactly("submit", "read", "operate");
        assertThat(get("/me", "shop-key").statusCode()).as("a key that may not read").isEqualTo(403);
        assertThat(get("/me", null).statusCode()).isEqualTo(401);
        assertThat(get("/me", "nobody").statusCode()).isEqualTo(401);
    }

    @Test
    void theSummaryCountsEveryRefundByStatusAndChannelAndTheOldestOfThoseWaiting() {
        assertThat(post("/refunds", body("SU-1", "ORD-SU-1", "trusty"), "shop-key").statusCode()).isEqualTo(202);
        refund("SU-2", "ORD-SU-2", "trusty", null);
        refund("SU-3", "ORD-SU-3", "newpay", "\"amount\":100,\"currency\":\"USD\"");
        refund("SU-4", "FAIL-SU-4", "trusty", null);
        refund("SU-5", "HOLD-SU-5", "newpay", "\"amount\":100,\"currency\":\"USD\"");   // processing for ever
        refund("SU-6", "HOLD-SU-6", "newpay", "\"amount\":100,\"currency\":\"USD\"");
        refund("SU-7", "FORGEALL-SU-7", "scanforpay", "\"amount\":100,\"currency\":\"JPY\"");
        awaitStatus("SU-7", RefundStatus.REVIEW, Duration.ofSeconds(30));

        JsonNode summary = json(get("/summary", "desk-key"));
        Map<String, Long> counts = new TreeMap<>();
        summary.get("counts").forEach(c -> counts.put(c.get("status").asText() + " " + c.get("channel").asText(),
                c.get("count").asLong()));
        assertThat(counts).isEqualTo(Map.of("SUCCEEDED trusty", 2L, "SUCCEEDED newpay", 1L, "FAILED trusty", 1L,
                "PENDING newpay", 2L, "REVIEW scanforpay", 1L));

        assertThat(summary.get("open")).extracting(w -> w.get("status").asText())
                .containsExactly("RECEIVED", "SUBMITTED", "PENDING", "REVIEW");
        OffsetDateTime at = OffsetDateTime.parse(summary.get("at").asText());
        JsonNode pending = summary.get("open").get(2);
        assertThat(pending.get("count").asLong()).isEqualTo(2);
        assertThat(pending.get("oldestRefundId").asText()).as("the first recorded").isEqualTo("SU-5");
        OffsetDateTime created = OffsetDateTime.parse(json(get("/refunds/SU-5", KEY)).get("createdAt").asText());
        assertThat(OffsetDateTime.parse(pending.get("oldestCreatedAt").asText())).isEqualTo(created);
        assertThat(pending.get("oldestAgeSeconds").asLong()).as("by the ledger's clock, when counted")
                .isEqualTo(Duration.between(created, at).toSeconds());
        JsonNode review = summary.get("open").get(3);
        assertThat(review.get("oldestRefundId").asText()).isEqualTo("SU-7");
        JsonNode received = summary.get("open").get(0);
        assertThat(received.get("count").asLong()).isZero();
        assertThat(received.get("oldestRefundId").isNull()).isTrue();
        assertThat(received.get("oldestAgeSeconds").isNull()).isTrue();

        assertThat(get("/summary", "shop-key").statusCode()).isEqualTo(403);
        assertThat(get("/summary", null).statusCode()).isEqualTo(401);
    }

    private static String body(String refundId, String orderId, String channel) {
        return "{\"refundId\":\"" + refundId + "\",\"orderId\":\"" + orderId + "\",\"channel\":\"" + channel + "\"}";
    }
}
