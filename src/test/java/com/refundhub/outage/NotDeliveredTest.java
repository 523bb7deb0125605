package com.refundhub.outage;

import com.refundhub.ProviderSwitch;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import com.refundhub.ledger.ProviderExchange;
import com.refundhub.sandbox.RefundBook;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call whose connection could not be made was not delivered (SPEC §8.5), end to end with real sockets: a closed port,
 * a connect that times out (a listener whose accept queue is full), a host name that does not resolve. The refund goes
 * back to RECEIVED/PROVIDER_UNAVAILABLE, never PENDING, and is sent again later with the same number, without inquiry;
 * an inquiry that could not connect is not counted and changes nothing but the schedule.
 */
class NotDeliveredTest extends OutageTestSupport {
    private ProviderSwitch refused;
    private ProviderSwitch blackholed;
    private ProviderSwitch asleep;

    @Override
    protected void configure(Map<String, String> settings) {
        refused = switchedChannel(settings, "refused", ProviderSwitch.Mode.DOWN, Map.of("breaker-open-for", "1s"));
        blackholed = switchedChannel(settings, "blackholed", ProviderSwitch.Mode.BLACKHOLE,
                Map.of("connect-timeout", "500ms", "breaker-open-for", "1s"));
        sandboxChannelLike(settings, "nowhere", "trusty", Map.of("breaker-open-for", "1s"));
        settings.put("refundhub.channels.nowhere.base-url", "http://no-such-provider.invalid/trusty");
        // inquiries 3 s apart: a pooled connection idle that long is checked before use, so a closed one is not reused
        asleep = switchedChannel(settings, "asleep", ProviderSwitch.Mode.UP,
                Map.of("breaker-failures", "2", "breaker-open-for", "1s", "inquiry-backoff", "3s"));
    }

    @Test
    void aClosedPortWasNotDeliveredAndTheRefundIsSentAgainWithTheSameNumberWithoutInquiry() throws Exception {
        notDeliveredThenSent("ND-REFUSED-1", "refused", refused, "HttpHostConnectException");
    }

    @Test
    void aConnectTimeoutWasNotDeliveredAndTheRefundIsSentAgainWithTheSameNumberWithoutInquiry() throws Exception {
        notDeliveredThenSent("ND-BLACKHOLE-1", "blackholed", blackholed, "ConnectTimeoutException");
    }

    @Test
    void anUnknownHostWasNotDeliveredAndTheRefundWaitsAsReceived() {
        HttpResponse<String> answer = refund("ND-NOHOST-1", "ORD-ND-NOHOST-1", "nowhere", null);
        assertThat(answer.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> healthState("nowhere").equals("OPEN"));

        RefundRecord r = ledger().find("ND-NOHOST-1", true).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.RECEIVED);
        assertThat(r.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(r.attempts()).as("refund calls that may have reached a provider").isZero();
        assertThat(r.inquiries()).isZero();
        assertThat(statuses(r)).doesNotContain(RefundStatus.PENDING).contains(RefundStatus.SUBMITTED);
        assertThat(ledger().exchanges("ND-NOHOST-1")).isNotEmpty()
                .allSatisfy(x -> assertThat(x.error()).contains("UnknownHostException"));
    }

    @Test
    void anInquiryThatCouldNotConnectIsNotCountedButCountsForTheBreaker() throws Exception {
        HttpResponse<String> answer = refund("ND-PEND-1", "PEND-ND-1", "asleep", null);
        assertThat(json(answer).get("status").asText()).isEqualTo("PENDING");
        asleep.set(ProviderSwitch.Mode.DOWN);

        // two inquiries that could not connect open the channel (breaker-failures 2)
        await().atMost(Duration.ofSeconds(30)).until(() -> healthState("asleep").equals("OPEN"));
        RefundRecord r = ledger().find("ND-PEND-1", true).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(r.inquiries()).as("inquiries made").isZero();
        List<ProviderExchange> tried = ledger().exchanges("ND-PEND-1").stream()
                .filter(x -> x.operation().equals("INQUIRY")).toList();
        assertThat(tried).hasSizeGreaterThanOrEqualTo(2).allSatisfy(x -> assertThat(x.error()).contains("HttpHostConnect"));
        assertThat(book("trusty").find("ND-PEND-1").inquiries).isZero();

        asleep.set(ProviderSwitch.Mode.UP);
        RefundRecord settled = awaitStatus("ND-PEND-1", RefundStatus.SUCCEEDED, Duration.ofSeconds(30));
        assertThat(settled.inquiries()).as("only the inquiries the provider answered")
                .isEqualTo(book("trusty").find("ND-PEND-1").inquiries).isEqualTo(2);
    }

    /** Refused (or timed out) while the switch is in its outage mode; SUCCEEDED once it is up, sent once, no inquiry. */
    private void notDeliveredThenSent(String id, String channel, ProviderSwitch provider, String error) throws Exception {
        HttpResponse<String> answer = refund(id, "ORD-" + id, channel, null);
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(json(answer).get("status").asText()).as("never waits for a provider that is not there")
                .isIn("RECEIVED", "SUBMITTED");
        // the channel opens after breaker-failures sends in a row that were not delivered (the same refund, again)
        await().atMost(Duration.ofSeconds(20)).until(() -> healthState(channel).equals("OPEN")
                && ledger().find(id, false).orElseThrow().status() == RefundStatus.RECEIVED);
        RefundRecord waiting = ledger().find(id, true).orElseThrow();
        assertThat(waiting.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(ledger().exchanges(id)).isNotEmpty().allSatisfy(x -> {
            assertThat(x.operation()).isEqualTo("REFUND");
            assertThat(x.httpStatus()).isNull();
            assertThat(x.error()).contains(error);
        });
        assertThat(book("trusty").find(id)).as("nothing reached the provider").isNull();

        provider.set(ProviderSwitch.Mode.UP);
        RefundRecord r = awaitStatus(id, RefundStatus.SUCCEEDED, Duration.ofSeconds(30));
        assertThat(statuses(r)).as("never an unknown outcome").doesNotContain(RefundStatus.PENDING);
        assertThat(r.history()).filteredOn(h -> h.from() == RefundStatus.SUBMITTED && h.to() == RefundStatus.RECEIVED)
                .as("back to waiting after each send that was not delivered").isNotEmpty()
                .allSatisfy(h -> assertThat(h.code()).isEqualTo("PROVIDER_UNAVAILABLE"));
        assertThat(r.attempts()).as("refund calls that may have reached the provider").isEqualTo(1);
        assertThat(r.inquiries()).isZero();
        RefundBook.Entry seen = book("trusty").find(id);
        assertThat(seen.refundCalls).as("the same number, received once").isEqualTo(1);
        assertThat(seen.acceptances).isEqualTo(1);
        assertThat(seen.inquiries).isZero();
    }
}
