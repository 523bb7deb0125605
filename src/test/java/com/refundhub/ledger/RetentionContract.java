package com.refundhub.ledger;

import com.refundhub.core.HistoryEntry;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retention's rules, on each database the ledger supports, with a clock the test moves: what is removed (exchange
 * bodies of final refunds past the age), what never is (the refund, its fingerprint and status, its whole history —
 * the append-only audit trail —; anything of a refund not final or in REVIEW, or changed within the age), batches,
 * and one instance pruning at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetentionContract {
    private static final Duration AGE = Duration.ofDays(90);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final MovableClock clock = new MovableClock();
    private DataSource ds;
    private LedgerDatabase db;
    private Refunds refunds;
    private RefundQueries queries;
    private Retention retention;

    protected abstract DataSource dataSource() throws Exception;

    @BeforeEach
    void freshLedger() throws Exception {
        if (ds == null) {
            ds = dataSource();
            Database.migrate(ds);
        }
        try (Connection c = ds.getConnection()) {
            // the refunds of earlier tests are out of the way (their history cannot be deleted: it is append-only),
            // so that the prunes of a test count only its own refunds
            c.createStatement().executeUpdate("UPDATE refunds SET pruned_at = created_at WHERE pruned_at IS NULL");
            c.createStatement().executeUpdate("UPDATE task_leases SET owner = NULL, lease_until = NULL");
        }
        db = instance("instance-a");
        refunds = new Refunds(db);
        queries = new RefundQueries(db);
        retention = new Retention(db);
    }

    private LedgerDatabase instance(String name) {
        return new LedgerDatabase(ds, clock, name);
    }

    @Test
    void theDetailsOfAFinalRefundPastTheAgeAreRemovedAndItsIdentityStatusAndHistoryStay() {
        String id = settled(RefundStatus.SUCCEEDED);
        RefundRecord before = queries.find(id, true).orElseThrow();
        clock.move(AGE.plusDays(1));

        Retention.Run run = retention.prune(AGE, 100, () -> true);

        assertThat(run).isEqualTo(new Retention.Run(true, 1, 1));
        RefundRecord after = queries.find(id, true).orElseThrow();
        assertThat(after).as("the record and its whole history (the audit trail)").isEqualTo(before);
        assertThat(fingerprint(id)).isEqualTo(RequestFingerprint.of(request(id)));
        List<ProviderExchange> exchanges = queries.exchanges(id);
        assertThat(exchanges).hasSize(2).allSatisfy(x -> {
            assertThat(x.requestBody()).isNull();
            assertThat(x.responseBody()).isNull();
            assertThat(x.httpStatus()).isEqualTo(200);
            assertThat(x.url()).isEqualTo("http://p/refund");
        });
        assertThat(queries.prunedAt(id)).contains(db.now());
    }

    @Test
    void everyFinalStatusIsPrunedAndNothingOfARefundNotFinalOrInReview() {
        List<String> kept = new ArrayList<>();
        for (RefundStatus s : List.of(RefundStatus.RECEIVED, RefundStatus.SUBMITTED, RefundStatus.PENDING, RefundStatus.REVIEW)) {
            kept.add(settled(s));
        }
        List<String> pruned = List.of(settled(RefundStatus.SUCCEEDED), settled(RefundStatus.FAILED), rejected());
        List<RefundRecord> keptBefore = kept.stream().map(id -> queries.find(id, true).orElseThrow()).toList();
        clock.move(AGE.multipliedBy(10));

        assertThat(retention.prune(AGE, 100, () -> true).pruned()).isEqualTo(3);

        for (String id : pruned) {
            assertThat(queries.prunedAt(id)).as(id).isPresent();
        }
        for (RefundRecord before : keptBefore) {
            String id = before.refundId();
            assertThat(queries.prunedAt(id)).as(id).isEmpty();
            assertThat(queries.find(id, true).orElseThrow()).as(id).isEqualTo(before);
            assertThat(before.history()).as(id).extracting(HistoryEntry::message).contains("recorded from HTTP");
            assertThat(queries.exchanges(id)).as(id).isNotEmpty().allSatisfy(x -> {
                assertThat(x.requestBody()).isNotNull();
                assertThat(x.responseBody()).isNotNull();
            });
        }
    }

    @Test
    void aRefundChangedWithinTheAgeIsKeptHoweverOldItIs() {
        String id = settled(RefundStatus.REVIEW);   // created now, in REVIEW for most of the age
        clock.move(AGE.minusDays(1));
        refunds.transition(id, Set.of(RefundStatus.REVIEW), Change.to(RefundStatus.SUCCEEDED).code(null, "resolved"));
        clock.move(Duration.ofDays(2));   // created past the age, final for a day

        assertThat(retention.prune(AGE, 100, () -> true).pruned()).isZero();
        assertThat(queries.prunedAt(id)).isEmpty();

        clock.move(AGE);
        assertThat(retention.prune(AGE, 100, () -> true).pruned()).isEqualTo(1);
    }

    @Test
    void aPrunedRefundIsStillIdempotent() {
        String id = settled(RefundStatus.SUCCEEDED);
        clock.move(AGE.plusDays(1));
        retention.prune(AGE, 100, () -> true);

        Refunds.Recorded again = refunds.record(request(id), RequestFingerprint.of(request(id)), "HTTP", Duration.ofMinutes(5));
        assertThat(again.created()).isFalse();
        assertThat(again.record().status()).isEqualTo(RefundStatus.SUCCEEDED);
        RefundRequest other = new RefundRequest(id, "O-" + id, "newpay", 101L, "LAK", null, null, null, null, null);
        assertThatThrownBy(() -> refunds.record(other, RequestFingerprint.of(other), "HTTP", Duration.ofMinutes(5)))
                .isInstanceOfSatisfying(RefundRefusedException.class, e -> assertThat(e.code()).isEqualTo(ReasonCode.DUPLICATE_REFUND));
    }

    @Test
    void itWorksInBatchesOfTheGivenSizeOldestFirstUntilNoneIsLeft() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(settled(RefundStatus.SUCCEEDED));
            clock.move(Duration.ofSeconds(1));
        }
        clock.move(AGE);
        OffsetDateTime before = db.now().minus(AGE);

        assertThat(retention.pruneBatch(before, 2)).isEqualTo(2);
        assertThat(ids).extracting(id -> queries.prunedAt(id).isPresent()).containsExactly(true, true, false, false, false);

        assertThat(retention.prune(AGE, 2, () -> true)).isEqualTo(new Retention.Run(true, 3, 2));
        assertThat(retention.prune(AGE, 2, () -> true)).isEqualTo(new Retention.Run(true, 0, 1));
    }

    @Test
    void aRunStopsBetweenBatchesWhenTheHubStops() {
        for (int i = 0; i < 5; i++) {
            settled(RefundStatus.SUCCEEDED);
        }
        clock.move(AGE.plusDays(1));
        assertThat(retention.prune(AGE, 2, () -> false)).isEqualTo(new Retention.Run(true, 2, 1));
    }

    @Test
    void oneInstancePrunesAtATimeAndALeaseLeftByADeadOneExpires() throws Exception {
        String id = settled(RefundStatus.SUCCEEDED);
        clock.move(AGE.plusDays(1));
        Retention other = new Retention(instance("instance-b"));
        try (Connection c = ds.getConnection()) {   // instance-b is pruning (or died while it was)
            Lease.TASKS.take(c, new Lease.Rows("task = ?", Retention.TASK), "instance-b", db.now(), db.now().plus(Retention.LEASE));
        }

        assertThat(retention.prune(AGE, 100, () -> true)).isEqualTo(new Retention.Run(false, 0, 0));
        assertThat(queries.prunedAt(id)).isEmpty();

        clock.move(Retention.LEASE.plusSeconds(1));
        assertThat(retention.prune(AGE, 100, () -> true).pruned()).isEqualTo(1);
        assertThat(other.prune(AGE, 100, () -> true)).as("the lease was freed after the run").isEqualTo(new Retention.Run(true, 0, 1));
    }

    @Test
    void twoInstancesPruningAtOnceNeverFightAndPruneEachRefundOnce() throws Exception {
        for (int i = 0; i < 60; i++) {
            settled(RefundStatus.SUCCEEDED);
        }
        clock.move(AGE.plusDays(1));
        List<Retention> instances = List.of(retention, new Retention(instance("instance-b")), new Retention(instance("instance-c")));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances.size());
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (Retention r : instances) {
                Callable<Integer> prune = () -> {
                    go.await();
                    int total = 0;
                    for (int round = 0; round < 20; round++) {   // repeated runs of each, overlapping
                        total += r.prune(AGE, 5, () -> true).pruned();
                    }
                    return total;
                };
                runs.add(pool.submit(prune));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : runs) {
                total += f.get();
            }
            assertThat(total).isEqualTo(60);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM refunds WHERE pruned_at IS NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    // ---- refunds in a given status, each with a message in its history and two exchanges with bodies ----

    private String settled(RefundStatus status) {
        String id = "RT" + SEQ.incrementAndGet();
        refunds.record(request(id), RequestFingerprint.of(request(id)), "HTTP", Duration.ofMinutes(5));
        if (status == RefundStatus.RECEIVED) {
            refunds.recordExchange(id, exchange());
            return id;
        }
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).countAttempt());
        if (status == RefundStatus.SUBMITTED) {
            refunds.recordExchange(id, exchange());
            return id;
        }
        refunds.transition(id, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING)
                .code(ReasonCode.OUTCOME_UNKNOWN, "timeout after 10s").exchange(exchange()));
        if (status == RefundStatus.PENDING) {
            return id;
        }
        Change last = status == RefundStatus.REVIEW ? Change.to(status).code(ReasonCode.INQUIRY_EXHAUSTED, "gave up")
                : status == RefundStatus.FAILED ? Change.to(status).code(ReasonCode.NOT_REFUNDABLE, "refused by the provider")
                : Change.to(status).code(null, "confirmed").provider("0", "success", "NP-" + id);
        refunds.transition(id, Set.of(RefundStatus.PENDING), last.exchange(exchange()));
        return id;
    }

    /** A refund that ends REJECTED (the move the hub allows from RECEIVED). */
    private String rejected() {
        String id = "RT" + SEQ.incrementAndGet();
        refunds.record(request(id), RequestFingerprint.of(request(id)), "HTTP", Duration.ofMinutes(5));
        refunds.transition(id, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.REJECTED)
                .code(ReasonCode.INVALID_REQUEST, "refused").exchange(exchange()));
        return id;
    }

    private ProviderExchange exchange() {
        return new ProviderExchange("REFUND", "http://p/refund", "{\"sign\":\"***\",\"amount\":\"1.00\"}", 200,
                "{\"code\":\"0\"}", null, 5L, db.now());
    }

    private static RefundRequest request(String id) {
        return new RefundRequest(id, "O-" + id, "newpay", 100L, "LAK", null, null, null, null, null);
    }

    private String fingerprint(String id) throws RuntimeException {
        try (Connection c = ds.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT request_hash FROM refunds WHERE refund_id = '" + id + "'")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
