package com.refundhub.faults;

import com.refundhub.HubTestSupport;
import com.refundhub.LogCapture;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.sandbox.RefundBook;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Providers misbehaving, on each of the three channels: timeouts, 5xx, dropped connections, garbage and
 * truncated answers, forged, missing and misdirected signatures, and a provider that changes its mind. Each
 * ends in the right status and code, never a wrong final status, never a resend of an unknown outcome
 * (one refund call, except where the provider itself says it has no such refund), REVIEW when the answers
 * cannot be trusted.
 */
class ProviderFaultsTest extends HubTestSupport {

    /** orderId prefix, status and code right after the refund call, status and code in the end, refund calls sent. */
    record Case(String prefix, RefundStatus first, String firstCode, RefundStatus last, String lastCode, int sends) {
    }

    static final List<Case> CASES = List.of(
            new Case("SLOW-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.SUCCEEDED, null, 1),
            new Case("H500-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.SUCCEEDED, null, 1),
            new Case("H502-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.SUCCEEDED, null, 1),
            new Case("H503-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.SUCCEEDED, null, 1),
            new Case("RESET-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.SUCCEEDED, null, 1),
            new Case("GARBAGE-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.SUCCEEDED, null, 1),
            new Case("TRUNC-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.SUCCEEDED, null, 1),
            new Case("FORGE-", RefundStatus.PENDING, "BAD_PROVIDER_SIGNATURE", RefundStatus.SUCCEEDED, null, 1),
            new Case("UNSIGNED-", RefundStatus.PENDING, "BAD_PROVIDER_SIGNATURE", RefundStatus.SUCCEEDED, null, 1),
            new Case("OTHER-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.SUCCEEDED, null, 1),
            new Case("FORGEALL-", RefundStatus.PENDING, "BAD_PROVIDER_SIGNATURE", RefundStatus.REVIEW, "BAD_PROVIDER_SIGNATURE", 1),
            new Case("OTHERALL-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.REVIEW, "OUTCOME_UNKNOWN", 1),
            new Case("ERR-", RefundStatus.PENDING, "OUTCOME_UNKNOWN", RefundStatus.REVIEW, "OUTCOME_UNKNOWN", 2));

    static String amount(String channel) {
        return switch (channel) {
            case "newpay" -> "\"amount\":100,\"currency\":\"USD\"";
            case "scanforpay" -> "\"amount\":100,\"currency\":\"JPY\"";
            default -> null;
        };
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"trusty", "newpay", "scanforpay"})
    void everyFaultEndsRightWithoutAResendOfAnUnknownOutcome(String channel) {
        for (Case c : CASES) {
            String id = id(channel, c);
            HttpResponse<String> r = refund(id, c.prefix() + channel, channel, amount(channel));
            assertThat(r.statusCode()).as(id + " " + r.body()).isEqualTo(202);
            RefundRecord first = ledger().find(id, false).orElseThrow();
            assertThat(first.status()).as(id).isEqualTo(c.first());
            assertThat(first.code()).as(id).isEqualTo(c.firstCode());
        }
        for (Case c : CASES) {
            String id = id(channel, c);
            RefundRecord last = awaitStatus(id, c.last(), Duration.ofSeconds(30));
            assertThat(last.code()).as(id).isEqualTo(c.lastCode());
            assertThat(last.attempts()).as(id + " refund calls sent").isEqualTo(c.sends());
            assertThat(last.history()).as(id + " never a final status but the last").filteredOn(h -> h.to().isFinal())
                    .hasSizeLessThanOrEqualTo(1);
            RefundBook.Entry seen = book(channel).find(id);
            if (!c.prefix().equals("ERR-")) {
                assertThat(seen.refundCalls).as(id + " refund calls received").isEqualTo(1);
                assertThat(seen.state).as(id + " the provider's truth").isEqualTo(RefundBook.State.SUCCEEDED);
            } else {
                assertThat(seen).as("the provider never recorded it").isNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"trusty", "newpay", "scanforpay"})
    void aProviderThatChangesItsMindCannotUnsettleARefund(String channel) {
        String id = "FLIP-" + channel;
        refund(id, "FLIP-ORD-" + channel, channel, amount(channel));
        assertThat(ledger().find(id, false).orElseThrow().status()).isEqualTo(RefundStatus.SUCCEEDED);
        try (LogCapture log = LogCapture.attach()) {
            HttpResponse<String> inquired = post("/refunds/" + id + "/inquiry", "", KEY);
            assertThat(json(inquired).get("status").asText()).isEqualTo("SUCCEEDED");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines()).anySatisfy(l -> {
                assertThat(l.level()).isEqualTo(Level.ERROR);
                assertThat(l.message()).contains(id).contains("FAILED");
            }));
        }
        assertThat(book(channel).find(id).state).as("the provider now says").isEqualTo(RefundBook.State.FAILED);
        assertThat(ledger().find(id, true).orElseThrow().history()).extracting(h -> h.to()).last().isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(get("/metrics", null).body()).contains("refundhub_provider_contradictions_total{channel=\"" + channel + "\"}");
    }

    private static String id(String channel, Case c) {
        return c.prefix() + channel.substring(0, 3);
    }
}
