package com.refundhub.ledger;

import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RequestFingerprint;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the ledger promises, run against each database it supports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerContract {
    private static final AtomicInteger SEQ = new AtomicInteger();
    protected LedgerDatabase db;
    protected Refunds refunds;
    protected RefundQueries queries;
    protected RefundClaims claims;
    protected OrderAmounts orders;
    protected DataSource ds;

    protected abstract DataSource dataSource() throws Exception;

    @BeforeAll
    void migrate() throws Exception {
        ds = dataSource();
        Database.migrate(ds);
        Database.migrate(ds);   // a second run finds nothing to do
        db = new LedgerDatabase(ds, Clock.systemUTC(), "test-instance");
        refunds = new Refunds(db);
        queries = new RefundQueries(db);
        claims = new RefundClaims(db);
        orders = new OrderAmounts(db);
    }

    static String id() {
        return "L" + System.nanoTime() % 1_000_000_000L + "-" + SEQ.incrementAndGet();
    }

    static RefundRequest request(String refundId, String orderId, Long amount, Long orderAmount) {
        return new RefundRequest(refundId, orderId, "newpay", amount, amount == null ? null : "LAK", orderAmount,
                null, null, null, null);
    }

    RefundRecord recorded(String refundId) {
        RefundRequest r = request(refundId, "O-" + refundId, 100L, null);
        return refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5)).record();
    }

    @Test
    void migrationsCreateTheSchemaAndAreRecorded() throws Exception {
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(rs.getBoolean(2)).isTrue();
        }
        for (String table : List.of("refunds", "refund_history", "provider_exchanges", "refund_orders")) {
            try (Connection c = ds.getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                assertThat(rs.next()).as(table).isTrue();
            }
        }
    }

    @Test
    void recordingIsIdempotentAndADifferentRequestIsADuplicate() {
        String id = id();
        RefundRequest r = request(id, "O1", 100L, null);
        Refunds.Recorded first = refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        Refunds.Recorded again = refunds.record(r, RequestFingerprint.of(r), "FILE", Duration.ofMinutes(5));
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.record().createdAt()).isEqualTo(first.record().createdAt());
        RefundRequest other = request(id, "O1", 200L, null);
        assertThatThrownBy(() -> refunds.record(other, RequestFingerprint.of(other), "HTTP", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(RefundRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(ReasonCode.DUPLICATE_REFUND));
        assertThat(queries.find(id, true).orElseThrow().history()).hasSize(1);
    }

    @Test
    void aRefundKeepsTheTraceItStartedAndOneRecordedWithoutATraceHasNone() {
        String traced = id();
        String traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        RefundRequest r = request(traced, "O-TRACE", 100L, null);
        refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5), null, null, traceParent);
        assertThat(queries.traceParent(traced)).hasValue(traceParent);
        assertThat(queries.traceParent(recorded(id()).refundId())).isEmpty();
        assertThat(queries.traceParent("NO-SUCH-REFUND")).isEmpty();
    }

    @Test
    void eachChangeAndItsHistoryRowCommitTogether() {
        String id = recorded(id()).refundId();
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).countAttempt());
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED),
                Change.to(RefundStatus.PENDING).code(ReasonCode.OUTCOME_UNKNOWN, "timeout"));
        refunds.transition(id, Set.of(RefundStatus.PENDING),
                Change.to(RefundStatus.SUCCEEDED).code(null, "ok").provider("0", "success", "NP-1"));
        RefundRecord r = queries.find(id, true).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(r.providerRefundId()).isEqualTo("NP-1");
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.history()).extracting(h -> h.to()).containsExactly(RefundStatus.RECEIVED, RefundStatus.SUBMITTED,
                RefundStatus.PENDING, RefundStatus.SUCCEEDED);
        assertThat(r.history().get(2).code()).isEqualTo("OUTCOME_UNKNOWN");
    }

    @Test
    void aFinalStatusNeverChanges() {
        String id = recorded(id()).refundId();
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.FAILED).code(ReasonCode.NOT_REFUNDABLE, "no"));
        for (RefundStatus to : RefundStatus.values()) {
            assertThat(refunds.transition(id, EnumSet.allOf(RefundStatus.class), Change.to(to))).as("FAILED -> " + to).isEmpty();
        }
        assertThat(refunds.transition(id, EnumSet.allOf(RefundStatus.class), Change.keepStatus().countInquiry())).isEmpty();
        RefundRecord r = queries.find(id, true).orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.FAILED);
        assertThat(r.history()).hasSize(3);
    }

    @Test
    void movesTheStateMachineDoesNotAllowAreRefused() {
        String id = recorded(id()).refundId();
        assertThat(refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUCCEEDED))).isEmpty();
        assertThat(refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.PENDING))).isEmpty();
        assertThat(refunds.transition(id, Set.of(RefundStatus.PENDING), Change.to(RefundStatus.SUBMITTED)))
                .as("not in an expected status").isEmpty();
        assertThat(queries.find(id, false).orElseThrow().status()).isEqualTo(RefundStatus.RECEIVED);
        assertThat(refunds.transition("no-such-refund", EnumSet.allOf(RefundStatus.class), Change.to(RefundStatus.FAILED))).isEmpty();
    }

    @Test
    void twoConcurrentUpdatesOfOneRefundCannotBothWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String id = recorded(id()).refundId();
                refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
                refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<RefundRecord>>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    RefundStatus to = i % 2 == 0 ? RefundStatus.SUCCEEDED : RefundStatus.FAILED;
                    Callable<Optional<RefundRecord>> race = () -> {
                        start.await();
                        return refunds.transition(id, Set.of(RefundStatus.PENDING), Change.to(to));
                    };
                    results.add(pool.submit(race));
                }
                start.countDown();
                int winners = 0;
                for (Future<Optional<RefundRecord>> f : results) {
                    winners += f.get().isPresent() ? 1 : 0;
                }
                RefundRecord r = queries.find(id, true).orElseThrow();
                assertThat(winners).as("round " + round).isEqualTo(1);
                assertThat(r.history()).as("one final entry").filteredOn(h -> h.to().isFinal()).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPartialRefundsCannotTogetherPassTheOrderAmount() throws Exception {
        String order = "ORD-" + id();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String refundId = id();
                results.add(pool.submit(() -> {
                    start.await();
                    RefundRequest r = request(refundId, order, 40L, 100L);
                    try {
                        return refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5)).created();
                    } catch (RefundRefusedException e) {
                        assertThat(e.code()).isEqualTo(ReasonCode.AMOUNT_EXCEEDED);
                        return false;
                    }
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Boolean> f : results) {
                accepted += f.get() ? 1 : 0;
            }
            assertThat(accepted).as("40 + 40 fit in 100, a third does not").isEqualTo(2);
            assertThat(orders.refundedSoFar("newpay", order)).isEqualTo(80L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedRefundsFreeTheirAmount() {
        String order = "ORD-" + id();
        String first = id();
        RefundRequest r1 = request(first, order, 100L, 100L);
        refunds.record(r1, RequestFingerprint.of(r1), "HTTP", Duration.ofMinutes(5));
        RefundRequest r2 = request(id(), order, 1L, 100L);
        assertThatThrownBy(() -> refunds.record(r2, RequestFingerprint.of(r2), "HTTP", Duration.ofMinutes(5)))
                .isInstanceOf(RefundRefusedException.class);
        refunds.transition(first, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(first, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.FAILED));
        assertThat(refunds.record(r2, RequestFingerprint.of(r2), "HTTP", Duration.ofMinutes(5)).created()).isTrue();
    }

    @Test
    void dueInquiriesAreClaimedByOneInstanceOnly() throws Exception {
        String id = recorded(id()).refundId();
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING).lease(null)
                .nextInquiryAt(db.now().minusSeconds(1)));
        RefundClaims other = new RefundClaims(new LedgerDatabase(ds, Clock.systemUTC(), "other-instance"));
        List<String> mine = claims.claimDueInquiries(1000, Duration.ofMinutes(1));
        List<String> theirs = other.claimDueInquiries(1000, Duration.ofMinutes(1));
        assertThat(mine).contains(id);
        assertThat(theirs).doesNotContain(id);
        assertThat(queries.tracking(id).orElseThrow().leaseOwner()).isEqualTo("test-instance");
    }

    @Test
    void anExpiredClaimIsFreeAgain() {
        String id = recorded(id()).refundId();
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                .nextInquiryAt(db.now().minusSeconds(1)).lease(db.now().minusSeconds(1)));
        RefundClaims other = new RefundClaims(new LedgerDatabase(ds, Clock.systemUTC(), "other-instance"));
        assertThat(other.claimDueInquiries(1000, Duration.ofMinutes(1))).contains(id);
    }

    @Test
    void exchangesAreKeptWithTheChangeTheyLeadToOrAloneWhenItIsRefused() {
        String id = recorded(id()).refundId();
        ProviderExchange x = new ProviderExchange("REFUND", "http://p/refund", "{\"sign\":\"***\"}", 200, "{\"ok\":1}",
                null, 12L, db.now());
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.SUCCEEDED).exchange(x));
        assertThat(refunds.transition(id, Set.of(RefundStatus.PENDING), Change.to(RefundStatus.FAILED).exchange(x)))
                .as("refused: the refund is settled").isEmpty();
        refunds.recordExchange(id, x);
        assertThat(queries.exchanges(id)).hasSize(3).allSatisfy(e -> {
            assertThat(e.httpStatus()).isEqualTo(200);
            assertThat(e.latencyMs()).isEqualTo(12L);
        });
    }

    @Test
    void aNewRefundFromAFileKeepsItsLineInTheSameTransaction() {
        BatchStore batches = new BatchStore(db);
        String key = "file-" + id();
        assertThat(batches.claim(key, Duration.ofMinutes(1))).isTrue();
        long batchId = batches.open(key, "f.csv", Duration.ofMinutes(1)).orElseThrow();
        RefundRequest r = request(id(), "O-line", 100L, null);
        refunds.record(r, RequestFingerprint.of(r), "FILE", Duration.ofMinutes(5), new LineRef(batchId, 7));
        java.util.List<BatchStore.ResultRow> rows = new java.util.ArrayList<>();
        batches.forEachResult(batchId, rows::add);
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo(7);
            assertThat(row.refundId()).isEqualTo(r.refundId());
            assertThat(row.status()).isEqualTo("RECEIVED");
        });
    }

    // ---- refunds waiting for their channel (SPEC §8.5) ----

    /** A RECEIVED refund of {@code channel} recorded at {@code at}, held by nobody (as a refund waiting for its channel). */
    private String waiting(String refundId, String channel, java.time.Instant at) {
        Refunds then = new Refunds(new LedgerDatabase(ds, Clock.fixed(at, java.time.ZoneOffset.UTC), "test-instance"));
        RefundRequest r = new RefundRequest(refundId, "O-" + refundId, channel, null, null, null, null, null, null, null);
        then.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        refunds.transition(refundId, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.RECEIVED)
                .code(ReasonCode.PROVIDER_UNAVAILABLE, "waiting").lease(null));
        return refundId;
    }

    @Test
    void waitingRefundsAreClaimedPerChannelOldestFirstThenByRefundId() {
        String channel = "wait-" + SEQ.incrementAndGet();
        java.time.Instant t = java.time.Instant.now().minusSeconds(60);
        String third = waiting(channel + "-c", channel, t.plusSeconds(2));
        String first = waiting(channel + "-b", channel, t);
        String second = waiting(channel + "-d", channel, t.plusSeconds(1));
        String tiedAfterFirst = waiting(channel + "-z", channel, t);
        String otherChannel = waiting(channel + "-a", channel + "x", t.minusSeconds(1));
        String held = recorded(id()).refundId();   // its intake holds it

        assertThat(claims.claimReceived(channel, 3, Duration.ofMinutes(1))).containsExactly(first, tiedAfterFirst, second);
        assertThat(claims.claimReceived(channel, 3, Duration.ofMinutes(1))).as("the others are claimed now")
                .containsExactly(third);
        assertThat(claims.claimReceivedOutside(List.of(channel, "newpay"), 1000, Duration.ofMinutes(1)))
                .as("a channel that is not configured").contains(otherChannel).doesNotContain(held, third);
    }

    @Test
    void dueInquiriesOfAChannelThatCannotBeCalledWaitAndAHalfOpenOneGivesOne() {
        String closed = "inq-" + SEQ.incrementAndGet();
        String open = closed + "-open";
        String halfOpen = closed + "-half";
        List<String> ofClosed = List.of(duePending(closed), duePending(closed));
        List<String> ofOpen = List.of(duePending(open), duePending(open));
        List<String> ofHalfOpen = List.of(duePending(halfOpen), duePending(halfOpen));

        List<String> claimed = claims.claimDueInquiries(1000, Duration.ofMinutes(1), java.util.Map.of(open, 0, halfOpen, 1));
        assertThat(claimed).containsAll(ofClosed).doesNotContainAnyElementsOf(ofOpen);
        assertThat(claimed.stream().filter(ofHalfOpen::contains)).as("one probe").hasSize(1);
        assertThat(claims.claimDueInquiries(1000, Duration.ofMinutes(1))).as("due all along, claimed once it can be called")
                .containsAll(ofOpen);
    }

    private String duePending(String channel) {
        String id = id();
        RefundRequest r = new RefundRequest(id, "O-" + id, channel, null, null, null, null, null, null, null);
        refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING).lease(null)
                .nextInquiryAt(db.now().minusSeconds(1)));
        return id;
    }

    @Test
    void aRefundIsSentWhenItLastLeftReceived() {
        String id = recorded(id()).refundId();
        assertThat(queries.sentAt(id)).as("never sent").isEmpty();
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.RECEIVED)
                .code(ReasonCode.PROVIDER_UNAVAILABLE, "not delivered"));
        java.time.OffsetDateTime before = db.now();
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED));
        assertThat(queries.sentAt(id)).get().satisfies(at -> assertThat(at).isAfterOrEqualTo(before));
    }
    /**
     * Recording and changing a refund return the record built from what was written, not read back (issue 17):
     * after every kind of change it must equal what a fresh read gives, field for field.
     */
    @Test
    void whatRecordingAndChangingReturnIsWhatIsReadBack() throws Exception {
        String id = id();
        RefundRequest req = new RefundRequest(id, "O-" + id, "newpay", 1250L, "USD", 5000L, "damaged", "op-7", "T-1",
                com.refundhub.core.Json.MAPPER.readTree("{\"ticket\":\"A-1\",\"n\":3,\"x\":1.5,\"tags\":[\"a\",null]}"));
        RefundRecord created = refunds.record(req, RequestFingerprint.of(req), "FILE", Duration.ofMinutes(5)).record();
        assertThat(created).isEqualTo(queries.find(id, false).orElseThrow());
        String longText = "m".repeat(700);
        List<Change> changes = List.of(
                Change.to(RefundStatus.SUBMITTED).countAttempt().lease(db.now().plusMinutes(2)),
                Change.to(RefundStatus.RECEIVED).code(ReasonCode.PROVIDER_UNAVAILABLE, "not delivered").uncountAttempt(),
                Change.to(RefundStatus.SUBMITTED).countAttempt().markResent(),
                Change.to(RefundStatus.PENDING).code(ReasonCode.OUTCOME_UNKNOWN, longText)
                        .provider("E9", longText, "NP-" + "9".repeat(80)).nextInquiryAt(db.now().plusSeconds(30)),
                Change.keepStatus().countInquiry().countBadSignature(),
                Change.keepStatus().provider("0", "processing", null).resetBadSignatures(),
                Change.to(RefundStatus.REVIEW).code(ReasonCode.INQUIRY_EXHAUSTED, "gave up").lease(null),
                Change.to(RefundStatus.SUCCEEDED).code(ReasonCode.MANUAL_RESOLUTION, "seen at the provider")
                        .resolution("ticket 42", "NP-77").by("ops"));
        for (Change change : changes) {
            RefundStatus from = queries.find(id, false).orElseThrow().status();
            RefundRecord returned = refunds.transition(id, EnumSet.allOf(RefundStatus.class), change).orElseThrow();
            assertThat(returned).as("after %s -> %s", from, returned.status())
                    .isEqualTo(queries.find(id, false).orElseThrow());
        }
        assertThat(queries.find(id, false).orElseThrow().providerRefundId()).isEqualTo("NP-77");
    }
}
