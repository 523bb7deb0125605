package com.refundhub.provider.contract;

import com.refundhub.LogCapture;
import com.refundhub.SampleChannel;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.provider.Descriptor;
import com.refundhub.sandbox.RefundBook;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Provider contract, faults: every registered provider misbehaving — timeouts, 5xx, dropped connections, garbage and
 * truncated answers, forged, missing and misdirected signatures, a system error, and a provider that changes its
 * mind. Each ends in the right status and code, never a wrong final status, never a resend of an unknown outcome
 * (one refund call, except where the provider itself says it has no such refund), REVIEW when the answers cannot
 * be trusted.
 */
class ProviderFaultsContractTest extends ProviderContractSupport {

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

    @TestFactory
    Stream<DynamicContainer> everyFaultEndsRightWithoutAResendOfAnUnknownOutcome() {
        return forEveryProvider(module -> CASES.stream().map(c -> fault(module, c)).toList());
    }

    private Staged fault(Descriptor module, Case c) {
        SampleChannel channel = channel(module);
        String id = c.prefix() + channel.name();
        return new Staged(c.prefix() + " → " + c.first() + " " + c.firstCode() + " → " + c.last(), () -> {
            submit(id, c.prefix() + "ORD-" + channel.name(), channel);
            RefundRecord first = ledger().find(id, false).orElseThrow();
            return () -> {
                assertThat(first.status()).as(id).isEqualTo(c.first());
                assertThat(first.code()).as(id).isEqualTo(c.firstCode());
                RefundRecord last = awaitStatus(id, c.last());
                assertThat(last.code()).as(id).isEqualTo(c.lastCode());
                assertThat(last.attempts()).as(id + " refund calls sent").isEqualTo(c.sends());
                assertThat(last.history()).as(id + " never a final status but the last").filteredOn(h -> h.to().isFinal())
                        .hasSizeLessThanOrEqualTo(1);
                RefundBook.Entry seen = book(channel.type()).find(id);
                if (!c.prefix().equals("ERR-")) {
                    assertThat(seen.refundCalls).as(id + " refund calls received").isEqualTo(1);
                    assertThat(seen.state).as(id + " the provider's truth").isEqualTo(RefundBook.State.SUCCEEDED);
                } else {
                    assertThat(seen).as("the provider never recorded it").isNull();
                    assertThat(book(channel.type()).refundCalls()).isGreaterThanOrEqualTo(2);
                    assertThat(last.history()).as("inquired, resent once with the same number, then reviewed")
                            .extracting(h -> h.to()).containsExactly(RefundStatus.RECEIVED, RefundStatus.SUBMITTED,
                                    RefundStatus.PENDING, RefundStatus.SUBMITTED, RefundStatus.PENDING, RefundStatus.REVIEW);
                }
            };
        });
    }

    @TestFactory
    Stream<DynamicContainer> aProviderThatChangesItsMindCannotUnsettleARefund() {
        return forEveryProvider(module -> List.of(new Staged("FLIP- stays SUCCEEDED; the contradiction is logged and counted", () -> {
            SampleChannel channel = channel(module);
            String id = "FLIP-" + channel.name();
            submit(id, "FLIP-ORD-" + channel.name(), channel);
            return () -> {
                assertThat(ledger().find(id, false).orElseThrow().status()).isEqualTo(RefundStatus.SUCCEEDED);
                try (LogCapture log = LogCapture.attach()) {
                    HttpResponse<String> inquired = post("/refunds/" + id + "/inquiry", "", KEY);
                    assertThat(json(inquired).get("status").asText()).isEqualTo("SUCCEEDED");
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines()).anySatisfy(l -> {
                        assertThat(l.level()).isEqualTo(Level.ERROR);
                        assertThat(l.message()).contains(id).contains("FAILED");
                    }));
                }
                assertThat(book(channel.type()).find(id).state).as("the provider now says").isEqualTo(RefundBook.State.FAILED);
                assertThat(ledger().find(id, true).orElseThrow().history()).extracting(h -> h.to()).last()
                        .isEqualTo(RefundStatus.SUCCEEDED);
                assertThat(get("/metrics", null).body())
                        .contains("refundhub_provider_contradictions_total{channel=\"" + channel.name() + "\"}");
            };
        })));
    }
}
