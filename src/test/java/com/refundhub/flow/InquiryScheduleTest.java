package com.refundhub.flow;

import com.refundhub.HubTestSupport;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.ProviderExchange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inquiry follows the channel's backoff and gives up into REVIEW/INQUIRY_EXHAUSTED after max-age
 * (a short schedule: backoff 1s,2s,3s; max-age 9s; Quartz every second).
 */
class InquiryScheduleTest extends HubTestSupport {

    @Override
    protected void configure(Map<String, String> p) {
        p.put("refundhub.channels.trusty.inquiry-backoff", "1s,2s,3s");
        p.put("refundhub.inquiry.max-age", "9s");
    }

    @Test
    void inquiriesBackOffThenGiveUpToReview() {
        refund("S-HOLD-1", "HOLD-1", "trusty", null);
        RefundRecord r = awaitStatus("S-HOLD-1", RefundStatus.REVIEW, Duration.ofSeconds(30));
        assertThat(r.code()).isEqualTo("INQUIRY_EXHAUSTED");
        List<ProviderExchange> inquiries = ledger().exchanges("S-HOLD-1").stream()
                .filter(x -> x.operation().equals("INQUIRY")).toList();
        // due after 1s, then 2s, then 3s, 3s, ... (each within the 1 s Quartz tick); 9s allows 3 to 5
        assertThat(inquiries.size()).isBetween(3, 5);
        for (int i = 1; i < inquiries.size(); i++) {
            long gap = Duration.between(inquiries.get(i - 1).at(), inquiries.get(i).at()).toMillis();
            long step = Math.min(i + 1, 3) * 1000L;
            assertThat(gap).as("gap before inquiry " + (i + 1)).isBetween(step - 50, step + 1500);
        }
        assertThat(r.inquiries()).isEqualTo(inquiries.size());
        assertThat(book("trusty").find("S-HOLD-1").refundCalls).isEqualTo(1);
    }

    @Test
    void policyStepsThroughTheListAndStaysOnItsLastEntry() {
        var channel = new com.refundhub.config.ChannelConfig("c", "trusty", "http://x", "/r", "/q", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1)),
                java.util.Set.of("MMK"), Map.of());
        InquiryPolicy policy = new InquiryPolicy(Duration.ofHours(72), 3, 10, Duration.ofMinutes(1));
        var now = java.time.OffsetDateTime.parse("2026-11-23T00:00:00Z");
        assertThat(policy.next(channel, 0, now)).isEqualTo(now.plusSeconds(10));
        assertThat(policy.next(channel, 1, now)).isEqualTo(now.plusSeconds(30));
        assertThat(policy.next(channel, 2, now)).isEqualTo(now.plusMinutes(1));
        assertThat(policy.next(channel, 9, now)).isEqualTo(now.plusMinutes(1));
        assertThat(policy.exhausted(now, now.plusHours(71))).isFalse();
        assertThat(policy.exhausted(now, now.plusHours(72))).isTrue();
    }
}
