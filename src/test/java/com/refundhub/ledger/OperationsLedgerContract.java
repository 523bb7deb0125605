package com.refundhub.ledger;

import com.refundhub.core.HistoryEntry;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import com.refundhub.core.RequestFingerprint;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the ledger promises operators (SPEC §8.1, §8.2), on each database it supports: resolutions from REVIEW only,
 * once, with their actor and note; a history nobody can rewrite; pages that hold still while refunds arrive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OperationsLedgerContract {
    protected DataSource ds;
    private LedgerDatabase db;
    private Refunds refunds;
    private RefundQueries queries;
    private Resolutions resolutions;
    private EventOutbox outbox;
    private final ManualClock clock = new ManualClock();

    protected abstract DataSource dataSource() throws Exception;

    @BeforeAll
    void migrate() throws Exception {
        ds = dataSource();
        Database.migrate(ds);
        db = new LedgerDatabase(ds, clock, "test-instance");
        refunds = new Refunds(db);
        refunds.publishEvents(true);
        queries = new RefundQueries(db);
        resolutions = new Resolutions(refunds, queries);
        outbox = new EventOutbox(db);
    }

    private String inReview(String refundId, String channel, String orderId) {
        RefundRequest r = new RefundRequest(refundId, orderId, channel, 100L, "LAK", null, null, null, null, null);
        refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5), null, "shop");
        refunds.transition(refundId, Set.of(RefundStatus.RECEIVED), Change.to(RefundStatus.SUBMITTED).by("shop"));
        refunds.transition(refundId, Set.of(RefundStatus.SUBMITTED), Change.to(RefundStatus.PENDING));
        refunds.transition(refundId, Set.of(RefundStatus.PENDING), Change.to(RefundStatus.REVIEW));
        return refundId;
    }

    private static Resolutions.Resolution resolution(RefundStatus status, String note, String providerRefundId) {
        return new Resolutions.Resolution(status, note, providerRefundId, "ops-desk");
    }

    @Test
    void aResolutionSettlesARefundInReviewWithItsActorNoteAndEvent() {
        String id = inReview("OPS-RES-1", "newpay", "O-RES-1");
        long eventsBefore = outbox.size();
        Resolutions.Outcome o = resolutions.resolve(id, resolution(RefundStatus.FAILED, "portal: refund rejected", "NP-9"));
        assertThat(o.result()).isEqualTo(Resolutions.Result.RESOLVED);
        RefundRecord r = o.record().orElseThrow();
        assertThat(r.status()).isEqualTo(RefundStatus.FAILED);
        assertThat(r.code()).isEqualTo("MANUAL_RESOLUTION");
        assertThat(r.providerRefundId()).isEqualTo("NP-9");
        HistoryEntry last = r.history().get(r.history().size() - 1);
        assertThat(last.from()).isEqualTo(RefundStatus.REVIEW);
        assertThat(last.to()).isEqualTo(RefundStatus.FAILED);
        assertThat(last.actor()).isEqualTo("ops-desk");
        assertThat(last.note()).isEqualTo("portal: refund rejected");
        assertThat(r.history()).extracting(HistoryEntry::actor).containsExactly("shop", "shop", "hub", "hub", "ops-desk");
        assertThat(outbox.size()).as("its event, written with it").isEqualTo(eventsBefore + 1);
    }

    @Test
    void theSameResolutionAgainChangesNothingAndAnyOtherIsNotInReview() {
        String id = inReview("OPS-RES-2", "newpay", "O-RES-2");
        RefundRecord first = resolutions.resolve(id, resolution(RefundStatus.SUCCEEDED, "seen in portal", null))
                .record().orElseThrow();
        long events = outbox.size();
        Resolutions.Outcome again = resolutions.resolve(id, resolution(RefundStatus.SUCCEEDED, "seen in portal", null));
        assertThat(again.result()).isEqualTo(Resolutions.Result.ALREADY_RESOLVED);
        assertThat(again.record().orElseThrow()).isEqualTo(first);
        for (Resolutions.Resolution other : List.of(resolution(RefundStatus.FAILED, "seen in portal", null),
                resolution(RefundStatus.SUCCEEDED, "another note", null),
                resolution(RefundStatus.SUCCEEDED, "seen in portal", "P-1"))) {
            assertThat(resolutions.resolve(id, other).result()).as(other.toString())
                    .isEqualTo(Resolutions.Result.NOT_IN_REVIEW);
        }
        assertThat(queries.find(id, true).orElseThrow()).isEqualTo(first);
        assertThat(outbox.size()).isEqualTo(events);
        assertThat(resolutions.resolve("OPS-NONE", resolution(RefundStatus.FAILED, "n", null)).result())
                .isEqualTo(Resolutions.Result.NOT_FOUND);
        String pending = "OPS-RES-3";
        inReview(pending, "newpay", "O-RES-3");
        refunds.transition(pending, Set.of(RefundStatus.REVIEW), Change.to(RefundStatus.SUCCEEDED));
        assertThat(resolutions.resolve(pending, resolution(RefundStatus.SUCCEEDED, "n", null)).result())
                .as("settled by the provider, not by hand").isEqualTo(Resolutions.Result.NOT_IN_REVIEW);
    }

    @Test
    void onlyTheStatusesThePersonMayChooseAreResolutions() {
        for (RefundStatus s : RefundStatus.values()) {
            boolean allowed = s == RefundStatus.SUCCEEDED || s == RefundStatus.FAILED;
            if (allowed) {
                assertThat(resolution(s, "n", null).status()).isEqualTo(s);
            } else {
                assertThatThrownBy(() -> resolution(s, "n", null)).as(s.name())
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    /** The database itself refuses to rewrite or delete history, whoever asks. */
    @Test
    void historyCannotBeUpdatedOrDeleted() throws SQLException {
        String id = inReview("OPS-HIST-1", "newpay", "O-HIST-1");
        for (String sql : List.of("UPDATE refund_history SET note = 'rewritten' WHERE refund_id = '" + id + "'",
                "UPDATE refund_history SET actor = 'someone' WHERE refund_id = '" + id + "'",
                "DELETE FROM refund_history WHERE refund_id = '" + id + "'")) {
            try (Connection c = ds.getConnection()) {
                assertThatThrownBy(() -> c.createStatement().executeUpdate(sql)).as(sql)
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }
        assertThat(queries.find(id, true).orElseThrow().history()).hasSize(4)
                .allSatisfy(h -> assertThat(h.note()).isNull());
        Database.migrate(ds);   // a later start finds the guard in place and keeps it
        try (Connection c = ds.getConnection()) {
            assertThatThrownBy(() -> c.createStatement().executeUpdate("DELETE FROM refund_history"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void pagesGoNewestFirstAndHoldStillWhileRefundsArrive() {
        String channel = "pg-" + System.nanoTime() % 100000;
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            clock.tick(i == 3 || i == 4 ? 0 : 1000);   // two pairs created in the same instant: refund_id breaks the tie
            made.add(record("PG-" + channel + "-" + i, channel));
        }
        RefundList.Filter mine = new RefundList.Filter(null, channel, null, null, null);
        RefundList.Page first = queries.page(mine, 3, null);
        assertThat(first.refunds()).extracting(RefundRecord::refundId).containsExactly(made.get(6), made.get(5), made.get(4));
        clock.tick(1000);
        record("PG-" + channel + "-new", channel);   // arrives between pages: on no later page
        RefundList.Page second = queries.page(mine, 3, RefundList.Cursor.parse(first.next().token()));
        assertThat(second.refunds()).extracting(RefundRecord::refundId).containsExactly(made.get(3), made.get(2), made.get(1));
        RefundList.Page last = queries.page(mine, 3, second.next());
        assertThat(last.refunds()).extracting(RefundRecord::refundId).containsExactly(made.get(0));
        assertThat(last.next()).isNull();

        OffsetDateTime t2 = queries.find(made.get(2), false).orElseThrow().createdAt();
        OffsetDateTime t5 = queries.find(made.get(5), false).orElseThrow().createdAt();
        assertThat(queries.page(new RefundList.Filter(null, channel, null, t2, t5), 50, null).refunds())
                .as("createdFrom inclusive, createdTo exclusive").extracting(RefundRecord::refundId)
                .containsExactly(made.get(4), made.get(3), made.get(2));
        assertThat(queries.page(new RefundList.Filter(RefundStatus.RECEIVED, channel, "O-" + made.get(1), null, null), 50,
                null).refunds()).extracting(RefundRecord::refundId).containsExactly(made.get(1));
        assertThat(queries.page(new RefundList.Filter(RefundStatus.PENDING, channel, null, null, null), 50, null).refunds())
                .isEmpty();
    }

    @Test
    void aCursorIsOpaqueAndOnlyTheHubsOwnAreTaken() {
        RefundList.Cursor c = new RefundList.Cursor(OffsetDateTime.parse("2026-11-30T08:00:00.123456Z"), "R-1");
        assertThat(c.token()).doesNotContain("R-1").doesNotContain("2026");
        assertThat(RefundList.Cursor.parse(c.token())).isEqualTo(c);
        for (String bad : List.of("", "abc", "!!!", java.util.Base64.getEncoder().encodeToString("x|R-1".getBytes()),
                java.util.Base64.getUrlEncoder().encodeToString("2026-11-30T08:00:00Z|R 1".getBytes()))) {
            assertThatThrownBy(() -> RefundList.Cursor.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private String record(String refundId, String channel) {
        RefundRequest r = new RefundRequest(refundId, "O-" + refundId, channel, 100L, "LAK", null, null, null, null, null);
        refunds.record(r, RequestFingerprint.of(r), "HTTP", Duration.ofMinutes(5));
        return refundId;
    }

    /** A clock the test moves: refunds created in a known order, some in the same instant. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-30T08:00:00.000001Z");

        void tick(long millis) {
            now = now.plusMillis(millis);
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
