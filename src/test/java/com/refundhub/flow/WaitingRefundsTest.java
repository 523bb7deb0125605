package com.refundhub.flow;

import com.refundhub.config.ChannelConfig;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RequestFingerprint;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.SqliteLedger;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.channel.ChannelBreakers;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.route.RouteProperties;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Refunds waiting for their channel, on a real SQLite ledger and real breakers: held as RECEIVED while the channel is open,
 * sent by passes oldest first as the breaker lets them through (none open, one probe half-open), new refunds queued
 * behind the held ones until a pass finds no more, inquiries deferred without being counted.
 */
class WaitingRefundsTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final CamelContext camel = new DefaultCamelContext();
    private final ChannelConfig open = channel("open", Duration.ofMinutes(10));
    private final ChannelConfig probing = channel("probing", Duration.ofMillis(100));
    private final ChannelConfig up = channel("up", Duration.ofMinutes(10));
    private SqliteLedger ledger;
    private LedgerDatabase db;
    private Refunds refunds;
    private RefundQueries queries;
    private ChannelBreakers breakers;
    private WaitingRefunds waiting;

    @BeforeEach
    void ledger() throws Exception {
        ledger = SqliteLedger.open("waiting");
        db = ledger.db();
        refunds = ledger.refunds();
        queries = ledger.queries();
        breakers = new ChannelBreakers(List.of(open, probing, up));
        waiting = new WaitingRefunds(refunds, ledger.claims(), List.of(open, probing, up), breakers,
                Duration.ofMinutes(5));
        assertThat(waiting.claim()).as("the first pass, due at start, finds nothing").isEmpty();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void whileItsChannelIsOpenARefundWaitsAsReceivedAndNoPassTakesIt() {
        fail(open);
        String id = received(open);
        hold(id, open);

        RefundRecord r = queries.find(id, false).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.RECEIVED);
        assertThat(r.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(queries.tracking(id).orElseThrow().leaseOwner()).as("free for the pass that will send it").isNull();
        waiting.passDue();
        assertThat(waiting.claim()).as("nothing of an open channel").isEmpty();
    }

    @Test
    void aHalfOpenChannelGetsItsOldestWaitingRefundAsTheProbeThenTheRestInArrivalOrder() {
        fail(probing);
        String oldest = received(probing);
        String next = received(probing);
        String newest = received(probing);
        for (String id : List.of(newest, oldest, next)) {
            hold(id, probing);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> breakers.state("probing") == ChannelBreakers.State.HALF_OPEN);

        assertThat(waiting.claim()).as("told by the breaker: one probe, the oldest").containsExactly(oldest);
        succeed(probing);
        assertThat(waiting.claim()).as("closed: the rest, oldest first").containsExactly(next, newest);
    }

    @Test
    void newRefundsGoBehindTheHeldOnesUntilAPassFindsNoMore() {
        fail(probing);
        String held = received(probing);
        hold(held, probing);
        RefundRecord fresh = queries.find(received(probing), false).orElseThrow();
        assertThat(waiting.goesBehind(fresh)).isTrue();
        assertThat(waiting.goesBehind(queries.find(held, false).orElseThrow())).as("a held one is the queue").isFalse();
        assertThat(waiting.goesBehind(queries.find(received(up), false).orElseThrow())).as("another channel").isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() -> breakers.state("probing") == ChannelBreakers.State.HALF_OPEN);
        waiting.claim();
        succeed(probing);
        assertThat(waiting.goesBehind(fresh)).as("until the queue is sent").isTrue();
        waiting.claim();
        assertThat(waiting.goesBehind(fresh)).as("a pass found no more").isFalse();
    }

    @Test
    void aPassRunsWhenOneIsDueAndAlsoTakesTheRefundsOfAChannelNoLongerConfigured() {
        String gone = received(channel("gone", Duration.ofMinutes(1)));
        refunds.transition(gone, Set.of(RefundStatus.RECEIVED), Change.keepStatus().lease(null));
        String left = received(up);
        refunds.transition(left, Set.of(RefundStatus.RECEIVED), Change.keepStatus().lease(null));
        assertThat(waiting.claim()).as("no pass due").isEmpty();

        waiting.passDue();
        assertThat(waiting.claim()).containsExactlyInAnyOrder(left, gone);
    }

    @Test
    void aDeferredInquiryIsNotCountedAndStaysDue() {
        String id = received(open);
        OffsetDateTime due = db.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                .code(ReasonCode.OUTCOME_UNKNOWN, "timeout").nextInquiryAt(due).lease(db.now().plusMinutes(5)));
        waiting.deferInquiry(exchange(id, open));

        RefundRecord r = queries.find(id, false).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(r.code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(r.inquiries()).isZero();
        assertThat(queries.tracking(id).orElseThrow().nextInquiryAt()).isEqualTo(due);
        assertThat(queries.tracking(id).orElseThrow().leaseOwner()).isNull();
    }

    @Test
    void theOneResendThatCannotGoOutLeavesTheRefundPendingForItsNextInquiry() {
        String id = received(open);
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                .code(ReasonCode.OUTCOME_UNKNOWN, "timeout").lease(db.now().plusMinutes(5)));
        hold(id, open);

        RefundRecord r = queries.find(id, false).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(r.code()).isEqualTo("OUTCOME_UNKNOWN");
        assertThat(r.resent()).as("the one resend is still to come").isFalse();
        assertThat(queries.tracking(id).orElseThrow().leaseOwner()).isNull();
    }

    // ---- helpers ----

    private static ChannelConfig channel(String name, Duration openFor) {
        return new ChannelConfig(name, "trusty", "http://127.0.0.1:1/trusty", "/refund", "/query", Duration.ofSeconds(1),
                Duration.ofSeconds(1), 4, List.of(Duration.ofSeconds(10)), Set.of("MMK"),
                new ChannelConfig.Breaker(1, openFor), Map.of());
    }

    /** A refund just recorded on {@code channel}: RECEIVED, held by its intake. */
    private String received(ChannelConfig channel) {
        String id = "W-" + SEQ.incrementAndGet();
        RefundRequest r = new RefundRequest(id, "ORD-" + id, channel.getName(), null, null, null, null, null, null, null);
        refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        return id;
    }

    private void hold(String id, ChannelConfig channel) {
        waiting.hold(exchange(id, channel));
    }

    private Exchange exchange(String id, ChannelConfig channel) {
        Exchange x = new DefaultExchange(camel);
        RouteProperties.RECORD.set(x, queries.find(id, false).orElseThrow());
        RouteProperties.CHANNEL.set(x, channel);
        return x;
    }

    private void fail(ChannelConfig channel) {
        ended(channel, ProviderOutcome.notDelivered("not delivered: Connection refused"));
        assertThat(breakers.state(channel.getName())).as("open (or, after a short open time, half-open already)")
                .isNotEqualTo(ChannelBreakers.State.CLOSED);
    }

    private void succeed(ChannelConfig channel) {
        ended(channel, new ProviderOutcome(ProviderOutcome.Kind.SUCCEEDED, null, "SUCCESS", null, null, "ok"));
        assertThat(breakers.state(channel.getName())).isEqualTo(ChannelBreakers.State.CLOSED);
    }

    private void ended(ChannelConfig channel, ProviderOutcome outcome) {
        Exchange x = new DefaultExchange(camel);
        RouteProperties.CHANNEL.set(x, channel);
        assertThat(breakers.takePermit(x)).isTrue();
        RouteProperties.PROVIDER_CALLED.set(x, true);
        RouteProperties.OUTCOME.set(x, outcome);
        RouteProperties.OUTCOME_KIND.set(x, outcome.kind());
        breakers.callEnded(x);
    }
}
