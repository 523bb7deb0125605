package com.refundhub.ledger;

import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reading refunds, for the API, the flow and the metrics: one with its history and exchanges, lists, the backlog, counts
 * by status and channel.
 */
public class RefundQueries {
    private final Jdbc jdbc;
    private final Engine engine;

    public RefundQueries(LedgerDatabase db) {
        this.jdbc = db.jdbc();
        this.engine = db.engine();
    }

    public Optional<RefundRecord> find(String refundId, boolean withHistory) {
        return jdbc.read("could not read refund " + refundId, c -> RefundRows.load(c, refundId, withHistory));
    }

    /** The W3C traceparent of the trace the refund started, when it was traced. */
    public Optional<String> traceParent(String refundId) {
        return jdbc.first("SELECT trace_parent FROM refunds WHERE refund_id = ?", Jdbc.params(refundId),
                rs -> Optional.ofNullable(rs.getString(1))).flatMap(t -> t);
    }

    /** Every request/answer with the provider about the refund, oldest first (signatures masked when kept). */
    public List<ProviderExchange> exchanges(String refundId) {
        return jdbc.query("SELECT operation, url, request_body, http_status, response_body, error, latency_ms, at "
                        + "FROM provider_exchanges WHERE refund_id = ? ORDER BY id", Jdbc.params(refundId),
                rs -> new ProviderExchange(rs.getString(1), rs.getString(2), rs.getString(3),
                        Jdbc.nullableInt(rs, 4), rs.getString(5), rs.getString(6), rs.getLong(7),
                        Jdbc.time(rs, 8)));
    }

    /** A page of refunds, newest first ({@link RefundList}). */
    public RefundList.Page page(RefundList.Filter filter, int limit, RefundList.Cursor after) {
        RefundList.Sql sql = RefundList.page(filter, limit, after, engine);
        return RefundList.toPage(jdbc.query(sql.text(), Jdbc.params(sql.params().toArray()), RefundRows::record), limit);
    }

    public record PendingStats(long count, OffsetDateTime oldestCreatedAt) {
    }

    /** How many refunds are PENDING, and since when the oldest. */
    public PendingStats pendingStats() {
        return jdbc.query("SELECT COUNT(*), MIN(created_at) FROM refunds WHERE status = ?", Jdbc.params(RefundStatus.PENDING),
                rs -> new PendingStats(rs.getLong(1), Jdbc.time(rs, 2))).get(0);
    }

    /** How many refunds one status holds on one channel. */
    public record StatusCount(RefundStatus status, String channel, long count) {
    }

    /** Refunds by status and channel: one row per pair that has any (read from the status-and-channel list index). */
    public List<StatusCount> countsByStatusAndChannel() {
        return jdbc.query("SELECT status, channel, COUNT(*) FROM refunds GROUP BY status, channel ORDER BY status, channel",
                Jdbc.NO_PARAMETERS, rs -> new StatusCount(RefundStatus.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getLong(3)));
    }

    /** A refund and when it was recorded. */
    public record Oldest(String refundId, OffsetDateTime createdAt) {
    }

    /**
     * The earliest recorded refund that is in {@code status} now: the first row of the status's list index, read in
     * its order (named on SQLite, whose planner might otherwise sort).
     */
    public Optional<Oldest> oldest(RefundStatus status) {
        return jdbc.first("SELECT refund_id, created_at FROM refunds" + engine.readIndex("refunds_list_status")
                        + " WHERE status = ? ORDER BY status, created_at, refund_id LIMIT 1", Jdbc.params(status),
                rs -> new Oldest(rs.getString(1), Jdbc.time(rs, 2)));
    }

    /**
     * When the refund last left RECEIVED for its provider: the send that reached it, since a send that did not goes back
     * to RECEIVED. Empty for a refund never sent.
     */
    public Optional<OffsetDateTime> sentAt(String refundId) {
        List<OffsetDateTime> last = jdbc.query("SELECT MAX(at) FROM refund_history WHERE refund_id = ? AND from_status = ? "
                + "AND to_status = ?", Jdbc.params(refundId, RefundStatus.RECEIVED, RefundStatus.SUBMITTED),
                rs -> Jdbc.time(rs, 1));
        return last.isEmpty() ? Optional.empty() : Optional.ofNullable(last.get(0));
    }

    /** Bookkeeping the flow needs but the public record does not show. */
    public record Tracking(int badSignatures, OffsetDateTime nextInquiryAt, String leaseOwner) {
    }

    public Optional<Tracking> tracking(String refundId) {
        return jdbc.first("SELECT bad_signatures, next_inquiry_at, lease_owner FROM refunds WHERE refund_id = ?",
                Jdbc.params(refundId),
                rs -> new Tracking(rs.getInt(1), Jdbc.time(rs, 2), rs.getString(3)));
    }

    /** When retention removed the refund's details ({@link Retention}); empty while they are kept. */
    public Optional<OffsetDateTime> prunedAt(String refundId) {
        return jdbc.query("SELECT pruned_at FROM refunds WHERE refund_id = ?", Jdbc.params(refundId),
                rs -> Jdbc.time(rs, 1)).stream().filter(Objects::nonNull).findFirst();
    }
}
