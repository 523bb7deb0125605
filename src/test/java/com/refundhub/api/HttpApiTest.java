package com.refundhub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundStatus;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API of SPEC §3 over real HTTP: keys, idempotency, field errors, reads, forced inquiry, health, metrics. */
class HttpApiTest extends HubTestSupport {
    private static final String BODY = "{\"refundId\":\"%s\",\"orderId\":\"%s\",\"channel\":\"trusty\",\"amount\":5000,"
            + "\"currency\":\"MMK\",\"metadata\":{\"ticket\":\"T-1\"}}";

    @Test
    void createdThenIdenticalResubmissionReturnsTheSameRecordWithoutASecondCall() {
        HttpResponse<String> first = post("/refunds", BODY.formatted("H-IDEM-1", "ORD-IDEM-1"), KEY);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        JsonNode created = json(first);
        assertThat(created.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(created.get("metadata").get("ticket").asText()).isEqualTo("T-1");

        HttpResponse<String> again = post("/refunds", BODY.formatted("H-IDEM-1", "ORD-IDEM-1"), KEY);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("createdAt")).isEqualTo(created.get("createdAt"));
        assertThat(json(again).get("history")).isEqualTo(created.get("history"));
        assertThat(book("trusty").find("H-IDEM-1").refundCalls).as("provider calls").isEqualTo(1);
    }

    @Test
    void aDifferentRequestUnderAUsedRefundIdIsAConflict() {
        post("/refunds", BODY.formatted("H-DUP-1", "ORD-DUP-1"), KEY);
        HttpResponse<String> clash = post("/refunds", BODY.formatted("H-DUP-1", "ORD-DUP-OTHER"), KEY);
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(clash.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(clash).get("code").asText()).isEqualTo("DUPLICATE_REFUND");
        assertThat(json(clash).get("errors").get(0).get("field").asText()).isEqualTo("refundId");
        assertThat(ledger().find("H-DUP-1", false).orElseThrow().orderId()).isEqualTo("ORD-DUP-1");
        assertThat(book("trusty").find("H-DUP-1").refundCalls).isEqualTo(1);
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsRecorded() {
        HttpResponse<String> bad = post("/refunds",
                "{\"refundId\":\"H-BAD-1\",\"orderId\":\"ORD\",\"channel\":\"trusty\",\"amount\":-1,\"currency\":\"MMK\"}", KEY);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode p = json(bad);
        assertThat(p.get("status").asInt()).isEqualTo(400);
        assertThat(p.get("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(p.get("errors").get(0).get("field").asText()).isEqualTo("amount");
        assertThat(p.get("detail").asText()).contains("amount");
        assertThat(ledger().find("H-BAD-1", false)).isEmpty();
        assertThat(book("trusty").find("H-BAD-1")).isNull();

        HttpResponse<String> channel = post("/refunds", "{\"refundId\":\"H-BAD-2\",\"orderId\":\"ORD\",\"channel\":\"nope\"}", KEY);
        assertThat(json(channel).get("code").asText()).isEqualTo("UNKNOWN_CHANNEL");
        assertThat(json(channel).get("errors").get(0).get("field").asText()).isEqualTo("channel");

        HttpResponse<String> currency = post("/refunds",
                "{\"refundId\":\"H-BAD-3\",\"orderId\":\"ORD\",\"channel\":\"trusty\",\"amount\":5,\"currency\":\"JPY\"}", KEY);
        assertThat(json(currency).get("errors").get(0).get("field").asText()).isEqualTo("currency");

        HttpResponse<String> notJson = post("/refunds", "{\"refundId\": ", KEY);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("errors").get(0).get("field").asText()).isEqualTo("body");
        assertThat(ledger().find("H-BAD-2", false)).isEmpty();
    }

    @Test
    void withoutAValidKeyNothingHappens() {
        HttpResponse<String> none = post("/refunds", BODY.formatted("H-KEY-1", "ORD-KEY-1"), null);
        HttpResponse<String> wrong = post("/refunds", BODY.formatted("H-KEY-1", "ORD-KEY-1"), "sandbox-key-not");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("detail").asText()).doesNotContain("sandbox-key");
        assertThat(ledger().find("H-KEY-1", false)).isEmpty();
        assertThat(book("trusty").find("H-KEY-1")).isNull();
        assertThat(get("/refunds", null).statusCode()).isEqualTo(401);
        assertThat(get("/refunds/H-KEY-1", "wrong").statusCode()).isEqualTo(401);
        assertThat(post("/refunds/H-KEY-1/inquiry", "", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aRefundIsReadWithItsHistoryAndExchanges() {
        post("/refunds", BODY.formatted("H-GET-1", "ORD-GET-1"), KEY);
        HttpResponse<String> got = get("/refunds/H-GET-1", KEY);
        assertThat(got.statusCode()).isEqualTo(200);
        JsonNode r = json(got);
        for (String field : new String[] {"refundId", "orderId", "channel", "amount", "currency", "status", "code", "message",
                "providerCode", "providerMessage", "providerRefundId", "attempts", "createdAt", "updatedAt", "history"}) {
            assertThat(r.has(field)).as(field).isTrue();
        }
        assertThat(r.get("history")).hasSize(3);
        assertThat(r.get("exchanges").get(0).get("request").asText()).contains("\"sign\":\"***\"");
        assertThat(get("/refunds/NOPE", KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void listsNewestFirstWithFilters() {
        post("/refunds", BODY.formatted("H-LIST-1", "ORD-LIST-1"), KEY);
        post("/refunds", BODY.formatted("H-LIST-2", "FAIL-LIST-2"), KEY);
        post("/refunds", BODY.formatted("H-LIST-3", "ORD-LIST-3"), KEY);
        JsonNode all = json(get("/refunds?limit=2", KEY));
        assertThat(all.get("refunds")).hasSize(2);
        assertThat(all.get("refunds").get(0).get("refundId").asText()).isEqualTo("H-LIST-3");
        JsonNode failed = json(get("/refunds?status=FAILED&channel=trusty", KEY));
        assertThat(failed.get("refunds")).isNotEmpty().allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("FAILED"));
        assertThat(json(get("/refunds?channel=other", KEY)).get("count").asInt()).isZero();
        assertThat(get("/refunds?status=DONE", KEY).statusCode()).isEqualTo(400);
        assertThat(get("/refunds?limit=0", KEY).statusCode()).isEqualTo(400);
    }

    @Test
    void aForcedInquiryRunsNow() {
        post("/refunds", BODY.formatted("H-INQ-1", "HOLD-INQ-1"), KEY);
        int before = book("trusty").find("H-INQ-1").inquiries;
        HttpResponse<String> inquired = post("/refunds/H-INQ-1/inquiry", "", KEY);
        assertThat(inquired.statusCode()).isEqualTo(200);
        assertThat(json(inquired).get("status").asText()).isEqualTo("PENDING");
        assertThat(book("trusty").find("H-INQ-1").inquiries).isGreaterThan(before);
        assertThat(post("/refunds/NOPE/inquiry", "", KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void healthAndMetricsNeedNoKey() {
        post("/refunds", BODY.formatted("H-MET-1", "ORD-MET-1"), KEY);
        post("/refunds", BODY.formatted("H-MET-2", "HOLD-MET-2"), KEY);
        HttpResponse<String> health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asText()).isEqualTo("UP");
        assertThat(json(health).get("checks").get("database").get("status").asText()).isEqualTo("UP");
        String metrics = get("/metrics", null).body();
        assertThat(metrics).contains("refundhub_refunds_total{channel=\"trusty\",status=\"SUCCEEDED\"}")
                .contains("refundhub_provider_call_seconds_count{channel=\"trusty\",operation=\"refund\",result=\"answered\"}")
                .contains("refundhub_pending_refunds")
                .contains("refundhub_oldest_pending_age_seconds");
        assertThat(metrics).doesNotContain("sandbox-trusty-192006250b4c0924");
        awaitStatus("H-MET-2", RefundStatus.PENDING, Duration.ofSeconds(5));
    }

    @Test
    void aNonJsonBodyIsRefused() {
        HttpResponse<String> r = send("text/plain");
        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(json(r).get("errors").get(0).get("field").asText()).isEqualTo("Content-Type");
    }

    private HttpResponse<String> send(String type) {
        return send(request("/refunds").header("Authorization", "Bearer " + KEY).header("Content-Type", type)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(BODY.formatted("H-TYPE-1", "O"))).build());
    }
}
