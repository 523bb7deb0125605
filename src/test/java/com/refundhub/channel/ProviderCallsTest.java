package com.refundhub.channel;

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
import com.refundhub.provider.Operation;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.route.RouteProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * The start of a provider call ({@code ProviderCalls.begin}) on a real ledger, a channel of one slot and its real
 * breaker: a call that waited for its slot while the channel opened does not go out, and leaves the refund as nothing
 * had happened to it (RECEIVED waiting, or still PENDING); the one resend still takes its slot before it is marked
 * SUBMITTED.
 */
class ProviderCallsTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final CamelContext camel = new DefaultCamelContext();
    private final ChannelConfig channel = new ChannelConfig("narrow", "trusty", "http://127.0.0.1:1/trusty", "/refund",
            "/query", Duration.ofSeconds(1), Duration.ofSeconds(1), 1, List.of(Duration.ofSeconds(10)), Set.of("MMK"),
            new ChannelConfig.Breaker(1, Duration.ofMinutes(10)), Map.of());
    private SqliteLedger ledger;
    private LedgerDatabase db;
    private Refunds refunds;
    private RefundQueries queries;
    private final ChannelGates gates = new ChannelGates();
    private ChannelBreakers breakers;
    private ProviderCalls calls;

    @BeforeEach
    void start() throws Exception {
        ledger = SqliteLedger.open("provider-calls");
        db = ledger.db();
        refunds = ledger.refunds();
        queries = ledger.queries();
        breakers = new ChannelBreakers(List.of(channel));
        calls = new ProviderCalls(db, refunds, ledger.claims(), gates, breakers, (c, o, r, n) -> { });
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    @Test
    void aSendOnAClosedChannelIsMarkedSubmittedAndGoesOutHoldingTheSlot() throws Exception {
        String id = received();
        Exchange x = exchange(id, Operation.REFUND);
        assertThat(calls.begin(x)).isTrue();
        assertThat(RouteProperties.PROVIDER_CALLED.isTrue(x)).isTrue();
        assertThat(queries.find(id, false).orElseThrow().status()).isEqualTo(RefundStatus.SUBMITTED);
        assertThat(gates.inFlight(channel)).isEqualTo(1);
        calls.release(x);
        assertThat(gates.inFlight(channel)).isZero();
    }

    @Test
    void aSendThatWaitedForItsSlotWhileTheChannelOpenedDoesNotGoOutAndTheRefundWaitsAsReceived() throws Exception {
        String id = received();
        Exchange x = exchange(id, Operation.REFUND);
        gates.acquire(channel);   // another call holds the one slot
        CompletableFuture<Boolean> begun = CompletableFuture.supplyAsync(() -> begin(x));
        await().atMost(Duration.ofSeconds(10)).until(() -> queries.find(id, false).orElseThrow().status()
                == RefundStatus.SUBMITTED);
        openTheChannel();
        gates.release(channel);

        assertThat(begun.get(10, TimeUnit.SECONDS)).isFalse();
        assertThat(RouteProperties.PROVIDER_CALLED.isTrue(x)).isFalse();
        RefundRecord r = queries.find(id, true).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.RECEIVED);
        assertThat(r.code()).isEqualTo("PROVIDER_UNAVAILABLE");
        assertThat(r.attempts()).as("no refund call went out").isZero();
        assertThat(queries.tracking(id).orElseThrow().leaseOwner()).isNull();
        assertThat(gates.inFlight(channel)).as("its slot given back").isZero();
    }

    @Test
    void theOneResendTakesItsSlotBeforeItIsMarkedSubmittedAndIsNotMadeOnceTheChannelOpened() throws Exception {
        String id = received();
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).countAttempt());
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                .code(ReasonCode.OUTCOME_UNKNOWN, "timeout").lease(db.now().plusMinutes(5)));
        Exchange x = exchange(id, Operation.REFUND);
        RouteProperties.RESEND.set(x, true);
        gates.acquire(channel);
        CompletableFuture<Boolean> begun = CompletableFuture.supplyAsync(() -> begin(x));
        Thread.sleep(300);
        assertThat(begun).as("waiting for its slot").isNotDone();
        assertThat(queries.find(id, false).orElseThrow().status()).as("not marked while it waits for its slot")
                .isEqualTo(RefundStatus.PENDING);
        openTheChannel();
        gates.release(channel);

        assertThat(begun.get(10, TimeUnit.SECONDS)).isFalse();
        RefundRecord r = queries.find(id, false).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(r.resent()).as("the one resend is still to come").isFalse();
        assertThat(queries.tracking(id).orElseThrow().leaseOwner()).as("free for its next inquiry").isNull();
        assertThat(gates.inFlight(channel)).isZero();
    }

    @Test
    void anInquiryThatWaitedForItsSlotWhileTheChannelOpenedIsNotMade() throws Exception {
        String id = received();
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).countAttempt());
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                .code(ReasonCode.OUTCOME_UNKNOWN, "timeout").lease(db.now().plusMinutes(5)).nextInquiryAt(db.now()));
        Exchange x = exchange(id, Operation.INQUIRY);
        gates.acquire(channel);
        CompletableFuture<Boolean> begun = CompletableFuture.supplyAsync(() -> begin(x));
        Thread.sleep(300);
        openTheChannel();
        gates.release(channel);

        assertThat(begun.get(10, TimeUnit.SECONDS)).isFalse();
        RefundRecord r = queries.find(id, false).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(r.inquiries()).isZero();
        assertThat(queries.tracking(id).orElseThrow().leaseOwner()).isNull();
    }

    // ---- helpers ----

    private boolean begin(Exchange x) {
        try {
            return calls.begin(x);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void openTheChannel() {
        Exchange failed = new DefaultExchange(camel);
        RouteProperties.CHANNEL.set(failed, channel);
        assertThat(breakers.takePermit(failed)).isTrue();
        RouteProperties.PROVIDER_CALLED.set(failed, true);
        RouteProperties.OUTCOME.set(failed, ProviderOutcome.notDelivered("not delivered: Connection refused"));
        RouteProperties.OUTCOME_KIND.set(failed, ProviderOutcome.Kind.NOT_DELIVERED);
        breakers.callEnded(failed);
        assertThat(breakers.state(channel.getName())).isEqualTo(ChannelBreakers.State.OPEN);
    }

    private String received() {
        String id = "PC-" + SEQ.incrementAndGet();
        RefundRequest r = new RefundRequest(id, "ORD-" + id, channel.getName(), null, null, null, null, null, null, null);
        refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        return id;
    }

    private Exchange exchange(String id, Operation operation) {
        Exchange x = new DefaultExchange(camel);
        RouteProperties.CHANNEL.set(x, channel);
        RouteProperties.OPERATION.set(x, operation);
        RouteProperties.RECORD.set(x, queries.find(id, false).orElseThrow());
        RouteProperties.DESCRIPTOR.set(x, com.refundhub.Providers.descriptor("trusty"));
        RouteProperties.REQUEST.set(x, new com.refundhub.provider.ProviderWire.WireRequest("POST", "/refund", Map.of(), "{}"));
        return x;
    }
}
