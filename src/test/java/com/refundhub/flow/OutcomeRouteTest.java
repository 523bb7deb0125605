package com.refundhub.flow;

import com.refundhub.LogCapture;
import com.refundhub.config.ChannelConfig;
import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RequestFingerprint;
import com.refundhub.ledger.Change;
import com.refundhub.ledger.SqliteLedger;
import com.refundhub.ledger.LedgerDatabase;
import com.refundhub.ledger.ProviderExchange;
import com.refundhub.ledger.RefundQueries;
import com.refundhub.ledger.Refunds;
import com.refundhub.channel.ChannelBreakers;
import com.refundhub.provider.Operation;
import com.refundhub.provider.OutcomeRow;
import com.refundhub.provider.ProviderAnswer;
import com.refundhub.provider.ProviderOutcome;
import com.refundhub.provider.ProviderOutcome.Kind;
import com.refundhub.route.RouteProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Route {@code outcome} on its own: only {@code routes/outcome.camel.yaml} (and the route configuration it names)
 * in a CamelContext, its beans on a real SQLite ledger in a temporary folder, {@code direct:send} replaced by a mock
 * (AdviceWith). Each test drives one branch of the router and checks what the ledger then holds and whether the
 * refund was sent again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomeRouteTest {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final Duration MAX_AGE = Duration.ofHours(72);
    private static final int UNTRUSTED_LIMIT = 3;
    private static final ChannelConfig CHANNEL = new ChannelConfig("trusty-mm", "trusty", "http://127.0.0.1:1/trusty",
            "/refund", "/query", Duration.ofSeconds(1), Duration.ofSeconds(1), 4,
            List.of(Duration.ofSeconds(10), Duration.ofSeconds(30)), Set.of("MMK"), Map.of());
    /** A channel of its own for the breaker's test: the other tests leave its breaker alone. */
    private static final ChannelConfig BREAKER_CHANNEL = new ChannelConfig("trusty-breaker", "trusty",
            "http://127.0.0.1:1/trusty", "/refund", "/query", Duration.ofSeconds(1), Duration.ofSeconds(1), 4,
            List.of(Duration.ofSeconds(10)), Set.of("MMK"), new ChannelConfig.Breaker(3, Duration.ofMinutes(1)), Map.of());

    private HikariDataSource ds;
    private LedgerDatabase db;
    private Refunds refunds;
    private RefundQueries queries;
    private final List<String> contradictions = new CopyOnWriteArrayList<>();
    private final List<String> waiting = new CopyOnWriteArrayList<>();
    private final ChannelBreakers breakers = new ChannelBreakers(List.of(CHANNEL, BREAKER_CHANNEL));
    private CamelContext camel;
    private ProducerTemplate template;
    private MockEndpoint send;

    @BeforeAll
    void start() throws Exception {
        SqliteLedger ledger = SqliteLedger.open("outcome-route");
        ds = ledger.ds();
        db = ledger.db();
        refunds = ledger.refunds();
        queries = ledger.queries();
        InquiryPolicy policy = new InquiryPolicy(MAX_AGE, UNTRUSTED_LIMIT, 100, Duration.ofMinutes(5));

        camel = new DefaultCamelContext();
        camel.getRegistry().bind("outcomeFacts", new OutcomeFacts(db, queries, policy));
        camel.getRegistry().bind("outcomeActions", new OutcomeActions(db, refunds, queries, policy, contradictions::add,
                waiting::add));
        camel.getRegistry().bind("channelBreakers", breakers);
        var loader = PluginHelper.getRoutesLoader(camel);
        var resources = PluginHelper.getResourceLoader(camel);
        loader.loadRoutes(resources.resolveResource("file:routes/error-handling.camel.yaml"),
                resources.resolveResource("file:routes/outcome.camel.yaml"));
        // the send route is not loaded: the refund is sent again if and only if this mock is hit
        AdviceWith.adviceWith(camel, "outcome", route -> route.mockEndpointsAndSkip("direct:send"));
        camel.start();
        template = camel.createProducerTemplate();
        send = camel.getEndpoint("mock:direct:send", MockEndpoint.class);
    }

    @AfterAll
    void stop() {
        camel.stop();
        ds.close();
    }

    @BeforeEach
    void reset() {
        send.reset();
        contradictions.clear();
        waiting.clear();
    }

    // ---- final answers ----

    @Test
    void succeededSettlesTheRefundAndKeepsTheExchangeInTheSameChange() {
        String id = submitted();
        ProviderExchange call = new ProviderExchange("REFUND", "http://p/refund", "{}", 200, "{\"ok\":1}", null, 5L, db.now());
        Exchange done = outcome(id, Operation.REFUND, outcome(Kind.SUCCEEDED, null, "SUCCESS"), call);

        RefundRecord r = record(id);
        assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(r.providerCode()).isEqualTo("SUCCESS");
        assertThat(queries.exchanges(id)).singleElement().satisfies(x -> assertThat(x.httpStatus()).isEqualTo(200));
        assertThat(done.getProperty(RouteProperties.PROVIDER_EXCHANGE.name())).as("kept, so taken off").isNull();
        assertThat(send.getReceivedCounter()).isZero();
    }

    @Test
    void failedIsFinalWithTheProvidersCode() {
        String id = submitted();
        outcome(id, Operation.REFUND, outcome(Kind.FAILED, ReasonCode.NOT_REFUNDABLE, "REFUND_FAIL"), null);

        refundIs(id, RefundStatus.FAILED, "NOT_REFUNDABLE");
        assertThat(send.getReceivedCounter()).isZero();
    }

    @Test
    void aRefusalOfOurCredentialsFailsTheRefundAndNamesTheChannelAtError() {
        String id = submitted();
        try (LogCapture log = LogCapture.attach()) {
            outcome(id, Operation.REFUND, outcome(Kind.FAILED, ReasonCode.AUTH_FAILED, "SIGN_ERROR"), null);
            assertThat(log.lines()).anySatisfy(l -> {
                assertThat(l.level()).isEqualTo(Level.ERROR);
                assertThat(l.message()).contains("channel trusty-mm", "refused our credentials", id);
            });
        }
        assertThat(record(id).status()).isEqualTo(RefundStatus.FAILED);
        assertThat(record(id).code()).isEqualTo("AUTH_FAILED");
    }

    @Test
    void aProviderContradictingAFinalStatusChangesNothingAndIsReported() {
        String id = submitted();
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.SUCCEEDED));
        outcome(id, Operation.INQUIRY, outcome(Kind.FAILED, ReasonCode.NOT_REFUNDABLE, "REFUND_FAIL"), null);

        assertThat(record(id).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(contradictions).containsExactly("trusty-mm");
    }

    @Test
    void theSameFinalAnswerAgainIsNoContradiction() {
        String id = submitted();
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.SUCCEEDED));
        outcome(id, Operation.INQUIRY, outcome(Kind.SUCCEEDED, null, "SUCCESS"), null);

        assertThat(record(id).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(contradictions).isEmpty();
    }

    // ---- processing ----

    @Test
    void processingAfterTheRefundCallIsPendingWithTheFirstInquiryScheduled() {
        String id = submitted();
        OffsetDateTime before = db.now();
        outcome(id, Operation.REFUND, outcome(Kind.PENDING, null, "REFUND_PROCESSING"), null);

        RefundRecord r = refundIs(id, RefundStatus.PENDING, null);
        assertThat(r.inquiries()).isZero();
        assertThat(queries.tracking(id).orElseThrow().nextInquiryAt()).isAfterOrEqualTo(before.plusSeconds(10))
                .isBefore(before.plusSeconds(30));
    }

    @Test
    void processingAfterAnInquiryStaysPendingAndCountsTheInquiry() {
        String id = pending(ReasonCode.OUTCOME_UNKNOWN, false);
        outcome(id, Operation.INQUIRY, outcome(Kind.PENDING, null, "REFUND_PROCESSING"), null);

        RefundRecord r = record(id);
        assertThat(r.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(r.code()).as("no longer unknown: the provider has it").isNull();
        assertThat(r.inquiries()).isEqualTo(1);
        assertThat(send.getReceivedCounter()).isZero();
    }

    // ---- no usable answer ----

    @Test
    void noUsableAnswerToARefundCallIsPendingUnknownAndNeverResent() {
        String id = submitted();
        outcome(id, Operation.REFUND, ProviderOutcome.unknown("no answer from provider: SocketTimeoutException"), null);

        refundIs(id, RefundStatus.PENDING, "OUTCOME_UNKNOWN");
        assertThat(send.getReceivedCounter()).isZero();
    }

    @Test
    void anInconclusiveInquiryChangesNothingButTheSchedule() {
        String id = pending(ReasonCode.OUTCOME_UNKNOWN, false);
        OffsetDateTime scheduled = queries.tracking(id).orElseThrow().nextInquiryAt();
        outcome(id, Operation.INQUIRY, ProviderOutcome.unknown("provider answered HTTP 503"), null);

        RefundRecord r = refundIs(id, RefundStatus.PENDING, "OUTCOME_UNKNOWN");
        assertThat(r.inquiries()).isEqualTo(1);
        assertThat(queries.tracking(id).orElseThrow().nextInquiryAt()).isAfter(scheduled);
        assertThat(send.getReceivedCounter()).isZero();
    }

    // ---- not delivered: nothing reached the provider ----

    @Test
    void aRefundCallThatWasNotDeliveredWaitsAsReceivedAndIsNeitherInquiredNorResentHere() {
        String id = submitted();
        ProviderExchange call = new ProviderExchange("REFUND", "http://p/refund", "{}", null, null,
                "HttpHostConnectException: Connection refused", 1L, db.now());
        outcome(id, Operation.REFUND, ProviderOutcome.notDelivered("not delivered to the provider: Connection refused"), call);

        RefundRecord r = refundIs(id, RefundStatus.RECEIVED, "PROVIDER_UNAVAILABLE");
        assertThat(r.attempts()).as("refund calls that may have reached the provider").isZero();
        assertThat(queries.find(id, true).orElseThrow().history()).extracting(h -> h.to())
                .containsExactly(RefundStatus.RECEIVED, RefundStatus.SUBMITTED, RefundStatus.RECEIVED);
        assertThat(queries.tracking(id).orElseThrow().nextInquiryAt()).as("no inquiry").isNull();
        assertThat(queries.tracking(id).orElseThrow().leaseOwner()).as("free for the pass that sends it").isNull();
        assertThat(queries.exchanges(id)).hasSize(1);
        assertThat(waiting).as("its channel is told a refund waits").containsExactly(CHANNEL.getName());
        assertThat(send.getReceivedCounter()).isZero();
    }

    @Test
    void anInquiryThatCouldNotConnectIsNotCountedAndOnlyItsScheduleChanges() {
        String id = pending(ReasonCode.OUTCOME_UNKNOWN, false);
        OffsetDateTime before = db.now();
        outcome(id, Operation.INQUIRY, ProviderOutcome.notDelivered("not delivered to the provider: Connect timed out"), null);

        RefundRecord r = refundIs(id, RefundStatus.PENDING, "OUTCOME_UNKNOWN");
        assertThat(r.inquiries()).as("not an inquiry made").isZero();
        assertThat(queries.tracking(id).orElseThrow().nextInquiryAt()).as("the first backoff step again")
                .isAfterOrEqualTo(before.plusSeconds(10)).isBefore(before.plusSeconds(30));
        assertThat(waiting).isEmpty();
        assertThat(send.getReceivedCounter()).isZero();
    }

    @Test
    void anInquiryThatCouldNotConnectPastTheMaximumAgeDoesNotPutTheRefundInReview() {
        LedgerDatabase past = new LedgerDatabase(ds, Clock.offset(Clock.systemUTC(), MAX_AGE.plusHours(1).negated()),
                "test-instance");
        String id = pending(new Refunds(past), ReasonCode.OUTCOME_UNKNOWN, false);
        outcome(id, Operation.INQUIRY, ProviderOutcome.notDelivered("not delivered to the provider: UnknownHostException"), null);

        refundIs(id, RefundStatus.PENDING, "OUTCOME_UNKNOWN");
    }

    @Test
    void maxAgeCountsFromTheSendThatReachedTheProviderNotFromTheWaitBeforeIt() {
        // recorded 73 hours ago, held while its channel was down, sent (and answered "processing") just now
        LedgerDatabase past = new LedgerDatabase(ds, Clock.offset(Clock.systemUTC(), MAX_AGE.plusHours(1).negated()),
                "test-instance");
        String id = "OR-" + SEQ.incrementAndGet();
        RefundRequest req = new RefundRequest(id, "ORD-" + id, CHANNEL.getName(), null, null, null, null, null, null, null);
        Refunds then = new Refunds(past);
        then.record(req, RequestFingerprint.of(req), "HTTP", Duration.ofMinutes(5));
        then.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).countAttempt());
        then.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.RECEIVED)
                .code(ReasonCode.PROVIDER_UNAVAILABLE, "not delivered").uncountAttempt().lease(null));
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).countAttempt());
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING).lease(null)
                .nextInquiryAt(db.now()));
        outcome(id, Operation.INQUIRY, outcome(Kind.PENDING, null, "REFUND_PROCESSING"), null);

        refundIs(id, RefundStatus.PENDING, null);
    }

    // ---- the channel's circuit breaker hears how each call ended ----

    @Test
    void callsNotDeliveredOrUnansweredInARowOpenTheChannelAndARefusalIsASuccess() {
        String refused = submitted();
        for (int i = 0; i < 2; i++) {
            breakerCall(submitted(), ProviderOutcome.unknown("provider answered HTTP 503"));
        }
        breakerCall(refused, outcome(Kind.FAILED, ReasonCode.NOT_REFUNDABLE, "REFUND_FAIL"));
        assertThat(breakers.state(BREAKER_CHANNEL.getName())).as("a refusal breaks the run").isEqualTo(ChannelBreakers.State.CLOSED);
        breakerCall(submitted(), ProviderOutcome.unknown("no answer from provider: SocketTimeoutException"));
        breakerCall(submitted(), ProviderOutcome.notDelivered("not delivered to the provider: Connection refused"));
        assertThat(breakers.state(BREAKER_CHANNEL.getName())).isEqualTo(ChannelBreakers.State.CLOSED);
        breakerCall(submitted(), ProviderOutcome.unknown("provider answered HTTP 502"));
        assertThat(breakers.state(BREAKER_CHANNEL.getName())).as("3 in a row").isEqualTo(ChannelBreakers.State.OPEN);
    }

    private void breakerCall(String id, ProviderOutcome o) {
        Exchange x = exchange(id, Operation.REFUND);
        RouteProperties.CHANNEL.set(x, BREAKER_CHANNEL);
        assertThat(breakers.takePermit(x)).isTrue();
        RouteProperties.PROVIDER_CALLED.set(x, true);
        RouteProperties.OUTCOME.set(x, o);
        run(x);
        assertThat(RouteProperties.BREAKER_PERMIT.isTrue(x)).as("the permit is used").isFalse();
    }

    // ---- answers not believed ----

    @Test
    void anUntrustedAnswerUnderTheLimitIsAskedAgain() {
        String id = pending(ReasonCode.OUTCOME_UNKNOWN, false);
        for (int i = 1; i < UNTRUSTED_LIMIT; i++) {
            outcome(id, Operation.INQUIRY, untrusted(), null);
            assertThat(record(id).status()).as("answer " + i + " not believed").isEqualTo(RefundStatus.PENDING);
            assertThat(queries.tracking(id).orElseThrow().badSignatures()).isEqualTo(i);
        }
        assertThat(record(id).code()).isEqualTo("BAD_PROVIDER_SIGNATURE");
    }

    @Test
    void theUntrustedAnswerAtTheLimitPutsTheRefundInReview() {
        String id = pending(ReasonCode.OUTCOME_UNKNOWN, false);
        for (int i = 1; i < UNTRUSTED_LIMIT; i++) {
            outcome(id, Operation.INQUIRY, untrusted(), null);
        }
        outcome(id, Operation.INQUIRY, untrusted(), null);

        RefundRecord r = refundIs(id, RefundStatus.REVIEW, "BAD_PROVIDER_SIGNATURE");
        assertThat(r.message()).startsWith(UNTRUSTED_LIMIT + " answers in a row could not be believed");
    }

    @Test
    void anUntrustedAnswerToTheRefundCallIsPendingWhateverTheCount() {
        String id = submitted();
        outcome(id, Operation.REFUND, untrusted(), null);

        assertThat(record(id).status()).isEqualTo(RefundStatus.PENDING);
        assertThat(record(id).code()).isEqualTo("BAD_PROVIDER_SIGNATURE");
    }

    @Test
    void anAnswerMappedThroughTheProvidersTableIsBelievedOnlyWhenSigned() {
        String id = submitted();
        OutcomeRow succeededRow = new OutcomeRow(List.of(), Kind.SUCCEEDED, null, 1);
        ProviderAnswer unsignedSuccess = new ProviderAnswer(ProviderAnswer.Verdict.UNSIGNED, succeededRow,
                "SUCCESS.REFUND_SUCCESS", "SUCCESS", null, null, Map.of(), null);
        Exchange done = outcomeOfAnswer(id, Operation.REFUND, unsignedSuccess);

        assertThat(done.getProperty(RouteProperties.OUTCOME_KIND.name(), Kind.class)).isEqualTo(Kind.UNTRUSTED);
        assertThat(record(id).status()).isEqualTo(RefundStatus.PENDING);
        String signed = submitted();
        outcomeOfAnswer(signed, Operation.REFUND, unsignedSuccess.withVerdict(ProviderAnswer.Verdict.VERIFIED, null));
        assertThat(record(signed).status()).isEqualTo(RefundStatus.SUCCEEDED);
    }

    // ---- no such refund ----

    @Test
    void noSuchRefundAfterAnUnknownOutcomeResendsOnce() {
        String id = pending(ReasonCode.OUTCOME_UNKNOWN, false);
        Exchange done = outcome(id, Operation.INQUIRY, outcome(Kind.NO_SUCH_REFUND, null, "ORDER_NOT_EXIST"), null);

        assertThat(send.getReceivedCounter()).as("sent again").isEqualTo(1);
        assertThat(done.getProperty(RouteProperties.RESEND.name(), Boolean.class)).isTrue();
        RefundRecord r = record(id);
        assertThat(r.status()).as("the send route is a mock here").isEqualTo(RefundStatus.PENDING);
        assertThat(r.inquiries()).isEqualTo(1);
    }

    @Test
    void noSuchRefundAfterTheResendGoesToReview() {
        String id = pending(ReasonCode.OUTCOME_UNKNOWN, true);
        outcome(id, Operation.INQUIRY, outcome(Kind.NO_SUCH_REFUND, null, "ORDER_NOT_EXIST"), null);

        assertThat(send.getReceivedCounter()).isZero();
        RefundRecord r = record(id);
        assertThat(r.status()).isEqualTo(RefundStatus.REVIEW);
        assertThat(r.message()).isEqualTo("provider still has no such refund after the one resend");
    }

    @Test
    void noSuchRefundForARefundTheProviderHadAcceptedGoesToReview() {
        String id = submitted();
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING).code(null, "processing"));
        outcome(id, Operation.INQUIRY, outcome(Kind.NO_SUCH_REFUND, null, "ORDER_NOT_EXIST"), null);

        assertThat(send.getReceivedCounter()).isZero();
        assertThat(record(id).status()).isEqualTo(RefundStatus.REVIEW);
    }

    // ---- give up ----

    @Test
    void anInquiryPastTheMaximumAgeGoesToReview() {
        LedgerDatabase past = new LedgerDatabase(ds, Clock.offset(Clock.systemUTC(), MAX_AGE.plusHours(1).negated()),
                "test-instance");
        String id = pending(new Refunds(past), ReasonCode.OUTCOME_UNKNOWN, false);
        outcome(id, Operation.INQUIRY, outcome(Kind.PENDING, null, "REFUND_PROCESSING"), null);

        refundIs(id, RefundStatus.REVIEW, "INQUIRY_EXHAUSTED");
        assertThat(send.getReceivedCounter()).isZero();
    }

    @Test
    void aCallThatWasNotMadeChangesNothing() {
        String id = submitted();
        Exchange x = exchange(id, Operation.REFUND);
        RouteProperties.PROVIDER_CALLED.set(x, false);
        template.send("direct:outcome", x);

        assertThat(x.getException()).isNull();
        assertThat(record(id).status()).isEqualTo(RefundStatus.SUBMITTED);
        assertThat(send.getReceivedCounter()).isZero();
    }

    // ---- helpers ----

    private Exchange outcome(String id, Operation operation, ProviderOutcome outcome, ProviderExchange call) {
        Exchange x = exchange(id, operation);
        RouteProperties.PROVIDER_CALLED.set(x, true);
        RouteProperties.OUTCOME.set(x, outcome);
        if (call != null) {
            RouteProperties.PROVIDER_EXCHANGE.set(x, call);
        }
        return run(x);
    }

    private Exchange outcomeOfAnswer(String id, Operation operation, ProviderAnswer answer) {
        Exchange x = exchange(id, operation);
        RouteProperties.PROVIDER_CALLED.set(x, true);
        RouteProperties.ANSWERED.set(x, true);
        RouteProperties.ANSWER.set(x, answer);
        return run(x);
    }

    private Exchange run(Exchange x) {
        template.send("direct:outcome", x);
        assertThat(x.getException()).as("the outcome route failed").isNull();
        return x;
    }

    private Exchange exchange(String id, Operation operation) {
        Exchange x = new DefaultExchange(camel);
        RouteProperties.REFUND_ID.set(x, id);
        RouteProperties.RECORD.set(x, record(id));
        RouteProperties.CHANNEL.set(x, CHANNEL);
        RouteProperties.OPERATION.set(x, operation);
        return x;
    }

    private static ProviderOutcome outcome(Kind kind, ReasonCode code, String providerCode) {
        return new ProviderOutcome(kind, code, providerCode, null, null, "provider answered " + providerCode);
    }

    private static ProviderOutcome untrusted() {
        return new ProviderOutcome(Kind.UNTRUSTED, ReasonCode.BAD_PROVIDER_SIGNATURE, null, null, null,
                "signature does not verify");
    }

    /** Asserts the refund's status and code in the ledger, and returns it. */
    private RefundRecord refundIs(String id, RefundStatus status, String code) {
        RefundRecord r = record(id);
        assertThat(r.status()).as(id).isEqualTo(status);
        assertThat(r.code()).as(id).isEqualTo(code);
        return r;
    }

    private RefundRecord record(String id) {
        return queries.find(id, false).orElseThrow();
    }

    /** A refund being sent: SUBMITTED. */
    private String submitted() {
        String id = "OR-" + SEQ.incrementAndGet();
        RefundRequest r = new RefundRequest(id, "ORD-" + id, CHANNEL.getName(), null, null, null, null, null, null, null);
        refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).countAttempt());
        return id;
    }

    private String pending(ReasonCode code, boolean resent) {
        return pending(refunds, code, resent);
    }

    /** A refund waiting for an inquiry after an answer with {@code code}; {@code resent}: its one resend is used. */
    private String pending(Refunds writer, ReasonCode code, boolean resent) {
        String id = "OR-" + SEQ.incrementAndGet();
        RefundRequest r = new RefundRequest(id, "ORD-" + id, CHANNEL.getName(), null, null, null, null, null, null, null);
        writer.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        writer.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).countAttempt());
        Change toPending = Change.to(RefundStatus.PENDING).code(code, "first answer").lease(null).nextInquiryAt(db.now());
        if (resent) {
            toPending.markResent();
        }
        writer.transition(id, EnumSet.of(RefundStatus.SUBMITTED), toPending);
        return id;
    }
}
