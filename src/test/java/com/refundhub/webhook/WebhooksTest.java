package com.refundhub.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.core.RefundStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks over real loopback HTTP (SPEC §8.6): receivers in this test check every signature with their own HMAC and
 * refuse replays; deliveries are retried, kept in order per refund, isolated per endpoint, FAILED after the last
 * retry and sent again by an operator; resolutions from REVIEW are delivered like every change.
 *
 * <p>Endpoints: {@code shop} (default statuses, every channel; answers 500 twice to WH-FLAKY- refunds and 503 to
 * WH-FAIL- ones while {@link #failing}), {@code ordered} (every status to SUCCEEDED, trusty only; refuses the first try
 * of each SUBMITTED and PENDING event), and on channel {@code slowlane} {@code dead} (never answers) and {@code live}.
 */
class WebhooksTest extends HubTestSupport {
    private static final String SHOP_SECRET = "whsec-shop-5f1c9a7e2b4d";
    private static final String ORDERED_SECRET = "whsec-ordered-8d2e6b1f4a";
    private static final String DEAD_SECRET = "whsec-dead-3c7a9e1d5b2f";
    private static final String LIVE_SECRET = "whsec-live-6b4f2a8c1e9d";
    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private volatile boolean failing = true;
    private WebhookReceiver shop;
    private WebhookReceiver ordered;
    private WebhookReceiver dead;
    private WebhookReceiver live;

    @Override
    protected void configure(Map<String, String> settings) {
        try {
            shop = new WebhookReceiver(SHOP_SECRET, WINDOW, (event, attempt) -> {
                String refundId = event.path("refund").path("refundId").asText();
                if (refundId.startsWith("WH-FLAKY-") && attempt <= 2) {
                    return 500;
                }
                return refundId.startsWith("WH-FAIL-") && failing ? 503 : 204;
            });
            ordered = new WebhookReceiver(ORDERED_SECRET, WINDOW, (event, attempt) -> {
                String status = event.path("refund").path("status").asText();
                return attempt == 1 && (status.equals("SUBMITTED") || status.equals("PENDING")) ? 500 : 200;
            });
            dead = new WebhookReceiver(DEAD_SECRET, WINDOW, (event, attempt) -> WebhookReceiver.NEVER);
            live = new WebhookReceiver(LIVE_SECRET, WINDOW, (event, attempt) -> 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sandboxChannelLike(settings, "slowlane", "trusty", Map.of());
        webhook(settings, "shop", shop, SHOP_SECRET);
        settings.put("refundhub.webhooks.shop.retry-backoff", "200ms,200ms");
        webhook(settings, "ordered", ordered, ORDERED_SECRET);
        settings.put("refundhub.webhooks.ordered.statuses", "RECEIVED,SUBMITTED,PENDING,SUCCEEDED");
        settings.put("refundhub.webhooks.ordered.channels", "trusty");
        settings.put("refundhub.webhooks.ordered.retry-backoff", "200ms");
        webhook(settings, "dead", dead, DEAD_SECRET);
        settings.put("refundhub.webhooks.dead.channels", "slowlane");
        settings.put("refundhub.webhooks.dead.timeout", "10m");
        webhook(settings, "live", live, LIVE_SECRET);
        settings.put("refundhub.webhooks.live.channels", "slowlane");
    }

    private static void webhook(Map<String, String> settings, String name, WebhookReceiver receiver, String secret) {
        settings.put("refundhub.webhooks." + name + ".url", receiver.url());
        settings.put("refundhub.webhooks." + name + ".secret", secret);
    }

    @AfterAll
    void closeReceivers() {
        List.of(shop, ordered, dead, live).forEach(WebhookReceiver::close);
    }

    @Test
    void everyDeliveryIsSignedAndAReplayOutsideTheWindowIsRefused() throws Exception {
        refundEndsIn("WH-SIG-1", "ORD-WH-SIG-1", "trusty", null, RefundStatus.SUCCEEDED, null);
        await().atMost(WAIT).until(() -> shop.accepted().anyMatch(r -> r.refundId().equals("WH-SIG-1")));
        WebhookReceiver.Request got = shop.of("WH-SIG-1").get(0);
        assertThat(got.refusal()).as("its signature verifies and its t is now").isNull();
        JsonNode event = got.event();
        assertThat(event.get("id").asText()).isEqualTo(got.eventId()).startsWith("evt-");
        assertThat(event.get("type").asText()).isEqualTo("refund.status_changed");
        assertThat(Instant.parse(event.get("createdAt").asText())).isBefore(Instant.now());
        JsonNode refund = event.get("refund");
        assertThat(refund.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(refund.get("history")).extracting(h -> h.get("status").asText())
                .containsExactly("RECEIVED", "SUBMITTED", "SUCCEEDED");
        assertThat(refund.has("exchanges")).as("the record without its provider exchanges").isFalse();

        shop.clock(() -> Instant.now().plus(WINDOW).plusSeconds(60));
        try {
            assertThat(shop.replay(got)).as("the same request, captured and sent again too late").isEqualTo(400);
        } finally {
            shop.clock(Instant::now);
        }
        byte[] tampered = new String(got.body(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"SUCCEEDED\"", "\"FAILED\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(shop.replay(new WebhookReceiver.Request(got.eventId(), got.signature(), tampered, null, null, 0,
                null, null))).as("a changed body under the same signature").isEqualTo(400);
        assertThat(shop.refused()).extracting(WebhookReceiver.Request::refusal).containsExactly(
                "a time outside the window (a replay)", "a signature that does not verify");
        assertThat(List.of(ordered, live)).allSatisfy(r -> assertThat(r.refused()).isEmpty());
    }

    @Test
    void answered500TwiceThen2xxItTakesThreeAttemptsWithOneEventId() {
        refundEndsIn("WH-FLAKY-1", "ORD-WH-FLAKY-1", "newpay", "\"amount\":1250,\"currency\":\"USD\"",
                RefundStatus.SUCCEEDED, null);
        await().atMost(WAIT).until(() -> shop.accepted().anyMatch(r -> r.refundId().equals("WH-FLAKY-1")));
        List<WebhookReceiver.Request> tries = shop.of("WH-FLAKY-1");
        assertThat(tries).extracting(WebhookReceiver.Request::answered).containsExactly(500, 500, 204);
        assertThat(tries).extracting(WebhookReceiver.Request::eventId).containsOnly(tries.get(0).eventId());
        assertThat(tries).extracting(r -> new String(r.body())).as("the same body every time").containsOnly(
                new String(tries.get(0).body()));

        JsonNode delivery = deliveryOf("shop", "WH-FLAKY-1");
        assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(delivery.get("eventId").asText()).isEqualTo(tries.get(0).eventId());
        assertThat(delivery.get("attempts")).extracting(a -> a.get("httpStatus").asInt()).containsExactly(500, 500, 204);
    }

    @Test
    void oneRefundsEventsReachAnEndpointInOrderFilteredByItsStatuses() {
        List<String> ids = List.of("WH-ORD-1", "WH-ORD-2", "WH-ORD-3");
        ids.forEach(id -> refundEndsIn(id, "PEND-" + id, "trusty", null, RefundStatus.PENDING, null));
        ids.forEach(id -> awaitStatus(id, RefundStatus.SUCCEEDED, WAIT));
        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> ordered.accepted()
                .anyMatch(r -> r.refundId().equals(id) && r.refundStatus().equals("SUCCEEDED"))));
        for (String id : ids) {
            // every request, in the order it came: no event is tried before the one before it was taken
            assertThat(ordered.of(id)).extracting(r -> r.refundStatus() + " " + r.answered()).as(id).containsExactly(
                    "RECEIVED 200", "SUBMITTED 500", "SUBMITTED 200", "PENDING 500", "PENDING 200", "SUCCEEDED 200");
        }
        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> !shop.of(id).isEmpty()));
        ids.forEach(id -> assertThat(shop.of(id)).extracting(WebhookReceiver.Request::refundStatus).as(id)
                .containsExactly("SUCCEEDED"));
    }

    @Test
    void anEndpointThatNeverAnswersDelaysNeitherTheOtherEndpointNorRefunds() {
        List<String> ids = IntStream.rangeClosed(1, 2 * WebhookEndpoint.WORKERS + 2).mapToObj(i -> "WH-ISO-" + i).toList();
        // each refund answers 202 SUCCEEDED at once, while dead holds every request it gets
        ids.forEach(id -> refundEndsIn(id, "ORD-" + id, "slowlane", null, RefundStatus.SUCCEEDED, null));
        await().atMost(WAIT).until(() -> ids.stream().allMatch(id -> live.accepted().anyMatch(r -> r.refundId().equals(id))));
        assertThat(dead.requests()).as("dead holds as many requests as it has workers, none answered")
                .hasSize(WebhookEndpoint.WORKERS).allSatisfy(r -> assertThat(r.answered()).isZero());
        assertThat(metric("refundhub_webhook_backlog{webhook=\"dead\"}")).isEqualTo(ids.size());
        // the receiver has the last request a moment before the hub records its answer
        await().atMost(WAIT).untilAsserted(() -> assertThat(metric("refundhub_webhook_backlog{webhook=\"live\"}")).isZero());
    }

    @Test
    void aResolutionFromReviewIsDeliveredToo() {
        refund("WH-REV-1", "FORGEALL-WH-REV-1", "trusty", null);
        awaitStatus("WH-REV-1", RefundStatus.REVIEW, WAIT);
        HttpResponse<String> resolved = post("/refunds/WH-REV-1/resolution",
                "{\"status\":\"FAILED\",\"note\":\"portal: never refunded\"}", KEY);
        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        await().atMost(WAIT).until(() -> shop.accepted().anyMatch(r -> r.refundId().equals("WH-REV-1")
                && r.refundStatus().equals("FAILED")));
        assertThat(shop.of("WH-REV-1")).extracting(WebhookReceiver.Request::refundStatus).containsExactly("REVIEW", "FAILED");
        JsonNode refund = shop.of("WH-REV-1").get(1).event().get("refund");
        assertThat(refund.get("code").asText()).isEqualTo("MANUAL_RESOLUTION");
        JsonNode last = refund.get("history").get(refund.get("history").size() - 1);
        assertThat(last.get("actor").asText()).isEqualTo("api-key-1");
        assertThat(last.get("note").asText()).isEqualTo("portal: never refunded");
    }

    @Test
    void afterTheLastRetryItIsFailedAndTheRetryEndpointSendsItAgain() {
        JsonNode failed;
        try (LogCapture log = LogCapture.attach()) {
            refundEndsIn("WH-FAIL-1", "ORD-WH-FAIL-1", "trusty", null, RefundStatus.SUCCEEDED, null);
            await().atMost(WAIT).until(() -> deliveryOf("shop", "WH-FAIL-1").get("status").asText().equals("FAILED"));
            failed = deliveryOf("shop", "WH-FAIL-1");
            assertThat(failed.get("attempts")).extracting(a -> a.get("httpStatus").asInt()).containsExactly(503, 503, 503);
            assertThat(failed.get("nextAttemptAt").isNull()).isTrue();
            assertThat(listed("?status=FAILED&webhook=shop")).extracting(d -> d.get("refundId").asText())
                    .contains("WH-FAIL-1");
            String id = failed.get("id").asText();
            assertThat(log.lines()).filteredOn(l -> l.level() == Level.WARN && l.message().contains("delivery " + id + " "))
                    .as("the move to FAILED, logged once").hasSize(1)
                    .allSatisfy(l -> assertThat(l.message()).contains("FAILED after 3 attempts").contains("HTTP 503"));
        }
        String id = failed.get("id").asText();
        assertThat(metric("refundhub_webhook_deliveries_total{result=\"failed\",webhook=\"shop\"}")).isGreaterThanOrEqualTo(1);

        await().atMost(WAIT).until(() -> !listed("?status=DELIVERED&webhook=ordered").isEmpty());
        String delivered = listed("?status=DELIVERED&webhook=ordered").get(0).get("id").asText();
        assertProblem(post("/webhooks/deliveries/" + delivered + "/retry", "", KEY), 409, "NOT_FAILED");
        assertProblem(post("/webhooks/deliveries/987654321/retry", "", KEY), 404, "NOT_FOUND");
        assertProblem(post("/webhooks/deliveries/abc/retry", "", KEY), 404, "NOT_FOUND");

        failing = false;
        HttpResponse<String> retried = post("/webhooks/deliveries/" + id + "/retry", "", KEY);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(json(retried).get("status").asText()).isIn("PENDING", "DELIVERED");
        await().atMost(WAIT).until(() -> deliveryOf("shop", "WH-FAIL-1").get("status").asText().equals("DELIVERED"));
        List<WebhookReceiver.Request> tries = shop.of("WH-FAIL-1");
        assertThat(tries).extracting(WebhookReceiver.Request::answered).containsExactly(503, 503, 503, 204);
        assertThat(tries).extracting(WebhookReceiver.Request::eventId).containsOnly(failed.get("eventId").asText());
        assertProblem(post("/webhooks/deliveries/" + id + "/retry", "", KEY), 409, "NOT_FAILED");
    }

    @Test
    void deliveriesArePagedNewestFirstAndFiltered() {
        refundEndsIn("WH-PAGE-1", "ORD-WH-PAGE-1", "trusty", null, RefundStatus.SUCCEEDED, null);
        refundEndsIn("WH-PAGE-2", "ORD-WH-PAGE-2", "trusty", null, RefundStatus.SUCCEEDED, null);
        await().atMost(WAIT).until(() -> !shop.of("WH-PAGE-2").isEmpty() && !shop.of("WH-PAGE-1").isEmpty());
        List<Long> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/webhooks/deliveries?webhook=shop&limit=2" + (cursor == null ? "" : "&cursor="
                    + cursor), KEY));
            assertThat(page.get("count").asInt()).isEqualTo(page.get("deliveries").size()).isLessThanOrEqualTo(2);
            page.get("deliveries").forEach(d -> {
                assertThat(d.get("webhook").asText()).isEqualTo("shop");
                ids.add(d.get("id").asLong());
            });
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
        } while (cursor != null);
        assertThat(ids).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates()
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(listed("?webhook=nobody")).isEmpty();
        assertThat(listed("?status=DELIVERED&webhook=live")).allSatisfy(d -> assertThat(d.get("attempts").get(0)
                .get("latencyMs").asLong()).isNotNegative());
        assertProblem(get("/webhooks/deliveries?status=SENT", KEY), 400, "INVALID_REQUEST");
        assertProblem(get("/webhooks/deliveries?refundId=WH-PAGE-1", KEY), 400, "INVALID_REQUEST");
        assertProblem(get("/webhooks/deliveries?cursor=bm90LWEtY3Vyc29y", KEY), 400, "INVALID_REQUEST");
    }

    @Test
    void theSecretsAreKnownToTheScanAndShownNowhere() {
        assertThat(secretScan().secrets()).contains(SHOP_SECRET, ORDERED_SECRET, DEAD_SECRET, LIVE_SECRET);
        for (String shown : List.of(get("/webhooks/deliveries?limit=500", KEY).body(), get("/metrics", null).body())) {
            assertThat(secretScan().findings("answer", shown)).isEmpty();
        }
    }

    private List<JsonNode> listed(String query) {
        HttpResponse<String> answer = get("/webhooks/deliveries" + query, KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        json(answer).get("deliveries").forEach(out::add);
        return out;
    }

    private JsonNode deliveryOf(String webhook, String refundId) {
        return listed("?webhook=" + webhook + "&limit=500").stream().filter(d -> d.get("refundId").asText()
                .equals(refundId)).findFirst().orElseThrow(() -> new AssertionError("no delivery of " + refundId));
    }

    private void assertProblem(HttpResponse<String> answer, int status, String code) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(json(answer).get("code").asText()).isEqualTo(code);
    }

    private double metric(String series) {
        for (String line : get("/metrics", null).body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no metric " + series);
    }
}
