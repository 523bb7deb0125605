package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Paged lists over real HTTP (SPEC §8.2): limit, cursor and next, filters, and a 400 naming a bad parameter. */
class RefundListApiTest extends HubTestSupport {

    private List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("refunds").forEach(r -> ids.add(r.get("refundId").asText()));
        return ids;
    }

    private JsonNode list(String query) {
        var r = get("/refunds?" + query, KEY);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    @Test
    void pagesFollowTheirCursorAndHoldStillWhileRefundsArrive() {
        for (int i = 1; i <= 5; i++) {
            refund("LST-" + i, "ORD-LST-" + i, "trusty", null);
        }
        JsonNode first = list("orderId=ORD-LST-1&limit=5");
        assertThat(ids(first)).containsExactly("LST-1");
        assertThat(first.get("next").isNull()).isTrue();

        JsonNode page1 = list("channel=trusty&status=SUCCEEDED&limit=2");
        assertThat(page1.get("count").asInt()).isEqualTo(2);
        assertThat(ids(page1)).containsExactly("LST-5", "LST-4");
        refund("LST-6", "ORD-LST-6", "trusty", null);   // newer than every page already handed out
        JsonNode page2 = list("channel=trusty&status=SUCCEEDED&limit=2&cursor=" + page1.get("next").asText());
        assertThat(ids(page2)).containsExactly("LST-3", "LST-2");
        JsonNode page3 = list("channel=trusty&status=SUCCEEDED&limit=2&cursor=" + page2.get("next").asText());
        assertThat(ids(page3)).startsWith("LST-1");
        assertThat(list("limit=1").get("refunds").get(0).get("refundId").asText()).isEqualTo("LST-6");
        assertThat(list("").get("refunds").size()).as("50 by default, fewer here").isBetween(6, 50);
    }

    @Test
    void theCreationRangeTakesDatesAndInstants() {
        refund("LST-T-1", "ORD-LST-T-1", "newpay", "\"amount\":100,\"currency\":\"USD\"");
        String created = ledgerCreatedAt("LST-T-1");
        String after = URLEncoder.encode(java.time.OffsetDateTime.parse(created).plusNanos(1000).toString(),
                StandardCharsets.UTF_8);
        assertThat(ids(list("orderId=ORD-LST-T-1&createdFrom=" + URLEncoder.encode(created, StandardCharsets.UTF_8))))
                .containsExactly("LST-T-1");
        assertThat(ids(list("orderId=ORD-LST-T-1&createdTo=" + URLEncoder.encode(created, StandardCharsets.UTF_8))))
                .as("createdTo is exclusive").isEmpty();
        assertThat(ids(list("orderId=ORD-LST-T-1&createdTo=" + after))).containsExactly("LST-T-1");
        String today = created.substring(0, 10);
        assertThat(ids(list("orderId=ORD-LST-T-1&createdFrom=" + today))).containsExactly("LST-T-1");
    }

    @Test
    void aBadParameterIsNamed() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("limit=0", "limit");
        bad.put("limit=501", "limit");
        bad.put("limit=ten", "limit");
        bad.put("status=DONE", "status");
        bad.put("createdFrom=yesterday", "createdFrom");
        bad.put("createdTo=2026-13-01", "createdTo");
        bad.put("createdFrom=2026-11-30&createdTo=2026-11-29", "createdTo");
        bad.put("cursor=not-a-cursor", "cursor");
        bad.put("stauts=REVIEW", "stauts");
        bad.put("status=REVIEW&status=FAILED", "status");
        bad.put("orderId=" + "x".repeat(33), "orderId");
        bad.forEach((query, field) -> {
            var r = get("/refunds?" + query, KEY);
            assertThat(r.statusCode()).as(query).isEqualTo(400);
            assertThat(json(r).get("errors").get(0).get("field").asText()).as(query).isEqualTo(field);
        });
        assertThat(get("/batches?limit=0", KEY).statusCode()).isEqualTo(400);
        assertThat(get("/batches?status=FINAL", KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void batchesArePagedToo() throws Exception {
        for (int i = 1; i <= 3; i++) {
            Path tmp = dataDir.resolve("paged-" + i + ".part");
            Files.writeString(tmp, "refundId,orderId,channel\nLST-B-" + i + ",ORD-LST-B-" + i + ",trusty\n");
            Files.move(tmp, dataDir.resolve("inbox").resolve("paged-" + i + ".csv"));
            String name = "paged-" + i;
            await().atMost(Duration.ofSeconds(30)).until(() -> get("/batches/" + name, KEY).statusCode() == 200);
        }
        JsonNode page1 = json(get("/batches?limit=2", KEY));
        assertThat(page1.get("count").asInt()).isEqualTo(2);
        assertThat(page1.get("batches").get(0).get("name").asText()).isEqualTo("paged-3.csv");
        JsonNode page2 = json(get("/batches?limit=2&cursor=" + page1.get("next").asText(), KEY));
        assertThat(page2.get("batches").get(0).get("name").asText()).isEqualTo("paged-1.csv");
        assertThat(page2.get("next").isNull()).isTrue();
        assertThat(get("/batches?cursor=" + "bm9wZQ", KEY).statusCode()).isEqualTo(400);
    }

    private String ledgerCreatedAt(String refundId) {
        return json(get("/refunds/" + refundId, KEY)).get("createdAt").asText();
    }
}
