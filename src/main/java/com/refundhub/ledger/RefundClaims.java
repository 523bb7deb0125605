package com.refundhub.ledger;

import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refunds claimed for work with a {@link Lease}: due inquiries, RECEIVED refunds nobody holds (waiting for their
 * channel, or whose intake died before sending them), SUBMITTED ones whose sender's lease ran out. Each claim is a conditional update, so two instances never hold
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
        return claimDueInquiries(limit, lease, Map.of());
    }

    /**
     * As {@link #claimDueInquiries(int, Duration)}, taking at most {@code channelLimits.get(NAME)} of a channel named
     * there (0: none; a channel whose breaker is open is asked nothing, a half-open one one probe).
     */
    public List<String> claimDueInquiries(int limit, Duration lease, Map<String, Integer> channelLimits) {
        OffsetDateTime now = db.now();
        String due = "SELECT refund_id FROM refunds WHERE status = ? AND next_inquiry_at <= ? AND " + Lease.REFUNDS.free();
        List<String> candidates = new ArrayList<>(jdbc.query(due + notIn(channelLimits.keySet())
                + " ORDER BY next_inquiry_at LIMIT ?", Jdbc.params(concat(List.of(RefundStatus.PENDING, now, now),
                channelLimits.keySet(), limit)), rs -> rs.getString(1)));
        channelLimits.forEach((channel, max) -> {
            if (max > 0) {
                candidates.addAll(jdbc.query(due + " AND channel = ? ORDER BY next_inquiry_at LIMIT ?",
                        Jdbc.params(RefundStatus.PENDING, now, now, channel, max), rs -> rs.getString(1)));
            }
        });
        return claim(candidates, RefundStatus.PENDING, now, lease);
    }

    /**
     * RECEIVED refunds of {@code channel} nobody holds — waiting for the channel, or whose intake died before sending
     * them — oldest first (created_at, then refund id), claimed for a send.
     */
    public List<String> claimReceived(String channel, int limit, Duration lease) {
        OffsetDateTime now = db.now();
        List<String> waiting = jdbc.query("SELECT refund_id FROM refunds WHERE status = ? AND channel = ? AND "
                + Lease.REFUNDS.free() + " ORDER BY created_at, refund_id LIMIT ?",
                Jdbc.params(RefundStatus.RECEIVED, channel, now, limit), rs -> rs.getString(1));
        return claim(waiting, RefundStatus.RECEIVED, now, lease);
    }

    /** RECEIVED refunds nobody holds whose channel is none of {@code channels} (no longer configured). */
    public List<String> claimReceivedOutside(Collection<String> channels, int limit, Duration lease) {
        OffsetDateTime now = db.now();
        List<String> orphans = jdbc.query("SELECT refund_id FROM refunds WHERE status = ? AND " + Lease.REFUNDS.free()
                + notIn(channels) + " ORDER BY created_at, refund_id LIMIT ?",
                Jdbc.params(concat(List.of(RefundStatus.RECEIVED, now), channels, limit)), rs -> rs.getString(1));
        return claim(orphans, RefundStatus.RECEIVED, now, lease);
    }

    private static String notIn(Collection<String> channels) {
        return channels.isEmpty() ? "" : " AND channel NOT IN (" + String.join(", ", Collections.nCopies(channels.size(), "?")) + ")";
    }

    private static Object[] concat(List<Object> first, Collection<String> channels, Object last) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(channels);
        all.add(last);
        return all.toArray();
    }

    private List<String> claim(List<String> candidates, RefundStatus status, OffsetDateTime now, Duration lease) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        return jdbc.write("could not claim refunds", c -> Lease.REFUNDS.takeEach(c, "refund_id", candidates,
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
        return jdbc.write("could not renew the lease of refund " + refundId, c -> Lease.REFUNDS.renew(c,
                new Lease.Rows("refund_id = ? AND status = ?", refundId, RefundStatus.SUBMITTED), db.instanceId(), until)) == 1;
    }

    /** SUBMITTED refunds this instance is sending right now (or was, when its calls were cut off). */
    public List<String> ownSubmissions() {
        return jdbc.query("SELECT refund_id FROM refunds WHERE status = ? AND " + Lease.REFUNDS.heldBy(),
                Jdbc.params(RefundStatus.SUBMITTED, db.instanceId()), rs -> rs.getString(1));
    }

    /** The status of a refund this instance holds a claim on, or empty when it holds none. */
    public Optional<RefundStatus> heldHere(String refundId) {
        return jdbc.first("SELECT status FROM refunds WHERE refund_id = ? AND " + Lease.REFUNDS.heldBy(),
                Jdbc.params(refundId, db.instanceId()), rs -> RefundStatus.valueOf(rs.getString(1)));
    }

    /** Frees this instance's claim on a refund that is not SUBMITTED (nothing is in flight for it); false if none. */
    public boolean releaseHere(String refundId) {
        return jdbc.write("could not free refund " + refundId, c -> Lease.REFUNDS.release(c, new Lease.Rows(
                "refund_id = ? AND status <> ?", refundId, RefundStatus.SUBMITTED), db.instanceId(), db.now())) == 1;
    }

    /** Frees every lease: used at start-up when the database is embedded, so no other instance can hold one. */
    public int releaseAll() {
        return jdbc.write("could not release leases", c -> Lease.REFUNDS.releaseAll(c, new Lease.Rows("1 = 1")));
    }
}
