package com.refundhub.ledger;

import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Refunds claimed for work with a {@link Lease}: due inquiries, RECEIVED refunds whose intake died before sending
 * them, SUBMITTED ones whose sender's lease ran out. Each claim is a conditional update, so two instances never hold
 * the same refund, and the claims of an instance that died expire.
 */
public class RefundClaims {
    private final LedgerDatabase db;
    private final Jdbc jdbc;

    public RefundClaims(LedgerDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    /** Claims up to {@code limit} PENDING refunds whose inquiry is due, for this instance, for {@code lease}. */
    public List<String> claimDueInquiries(int limit, Duration lease) {
        OffsetDateTime now = db.now();
        List<String> due = jdbc.query("SELECT refund_id FROM refunds WHERE status = ? AND next_inquiry_at <= ? AND "
                + Lease.REFUNDS.free() + " ORDER BY next_inquiry_at LIMIT ?", Jdbc.params(RefundStatus.PENDING, now, now,
                limit), rs -> rs.getString(1));
        return claim(due, RefundStatus.PENDING, now, lease);
    }

    /** RECEIVED refunds nobody holds any more (their intake died before sending): claimed for a send. */
    public List<String> claimAbandonedReceived(int limit, Duration lease) {
        OffsetDateTime now = db.now();
        List<String> abandoned = jdbc.query("SELECT refund_id FROM refunds WHERE status = ? AND " + Lease.REFUNDS.free()
                + " ORDER BY created_at LIMIT ?", Jdbc.params(RefundStatus.RECEIVED, now, limit), rs -> rs.getString(1));
        return claim(abandoned, RefundStatus.RECEIVED, now, lease);
    }

    private List<String> claim(List<String> candidates, RefundStatus status, OffsetDateTime now, Duration lease) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        return jdbc.withConnection("could not claim refunds", c -> Lease.REFUNDS.takeEach(c, "refund_id", candidates,
                new Lease.Rows("status = ?", status), db.instanceId(), now, now.plus(lease)));
    }

    /** SUBMITTED refunds whose sender's lease ran out: the send may or may not have reached the provider. */
    public List<String> expiredSubmissions(int limit) {
        OffsetDateTime now = db.now();
        return jdbc.query("SELECT refund_id FROM refunds WHERE status = ? AND " + Lease.REFUNDS.free()
                + " ORDER BY updated_at LIMIT ?", Jdbc.params(RefundStatus.SUBMITTED, now, limit), rs -> rs.getString(1));
    }

    /** Extends this instance's lease on a SUBMITTED refund; false if it is no longer SUBMITTED and ours. */
    public boolean renewSubmission(String refundId, OffsetDateTime until) {
        return jdbc.withConnection("could not renew the lease of refund " + refundId, c -> Lease.REFUNDS.renew(c,
                new Lease.Rows("refund_id = ? AND status = ?", refundId, RefundStatus.SUBMITTED), db.instanceId(), until)) == 1;
    }

    /** SUBMITTED refunds this instance is sending right now (or was, when its calls were cut off). */
    public List<String> ownSubmissions() {
        return jdbc.query("SELECT refund_id FROM refunds WHERE status = ? AND " + Lease.REFUNDS.heldBy(),
                Jdbc.params(RefundStatus.SUBMITTED, db.instanceId()), rs -> rs.getString(1));
    }

    /** Frees every lease: used at start-up when the database is embedded, so no other instance can hold one. */
    public int releaseAll() {
        return jdbc.withConnection("could not release leases", c -> Lease.REFUNDS.releaseAll(c, new Lease.Rows("1 = 1")));
    }
}
