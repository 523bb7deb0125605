package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox of status-change events (transactional outbox, table {@code event_outbox}): {@link Refunds} writes one
 * row in the same transaction as each change; the relay claims the oldest rows with a {@link Lease}, publishes them
 * in order and deletes them.
 */
public class EventOutbox {
    private final LedgerDatabase db;
    private final Jdbc jdbc;

    /** One event, ready to publish. */
    public record Event(long id, String refundId, String status, String channel, String payload) {
    }

    public EventOutbox(LedgerDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    static void add(Connection c, String refundId, String status, String channel, String payload, OffsetDateTime at)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO event_outbox (refund_id, status, channel, payload, created_at) VALUES (?,?,?,?,?)",
                Jdbc.params(refundId, status, channel, payload, at));
    }

    /** Events claimed together, deleted together once published. */
    public record Claim(String token, List<Event> events) {
    }

    /**
     * Claims up to {@code limit} of the oldest events, for {@code lease}, unless another relay is publishing: one
     * relay at a time, whatever the number of instances, so events go out in the order they were written. A claim
     * always starts at the oldest event, so the oldest event's lease says whether a relay is at work; it is locked
     * while the claim is made, so two relays cannot both find it free. A claim of this instance's own that is still
     * there was not published (the relay runs on one thread): it is taken again. A dead relay's claim expires.
     */
    public Claim claim(int limit, Duration lease) {
        OffsetDateTime now = db.now();
        String mine = db.instanceId() + ":";
        String token = mine + UUID.randomUUID();
        return new Claim(token, jdbc.inTransaction("could not claim events to publish", c -> {
            Optional<Lease.Holder> oldest = Jdbc.first(c, "SELECT " + Lease.EVENTS.columns()
                            + " FROM event_outbox ORDER BY id LIMIT 1" + Jdbc.forUpdate(c), Jdbc.NO_PARAMETERS,
                    rs -> new Lease.Holder(rs.getString(1), Jdbc.time(rs, 2)));
            if (oldest.isEmpty()) {
                return List.<Event>of();
            }
            if (oldest.get().heldAt(now) && !oldest.get().owner().startsWith(mine)) {
                return List.<Event>of();   // another instance's relay is publishing
            }
            // the oldest ids (primary key order, stops at the limit), then the range is claimed in one statement
            List<Long> ids = Jdbc.query(c, "SELECT id FROM event_outbox ORDER BY id LIMIT ?", Jdbc.params(limit),
                    rs -> rs.getLong(1));
            Lease.EVENTS.hold(c, new Lease.Rows("id >= ? AND id <= ?", ids.get(0), ids.get(ids.size() - 1)), token,
                    now.plus(lease));
            return Jdbc.query(c, "SELECT id, refund_id, status, channel, payload FROM event_outbox WHERE "
                    + Lease.EVENTS.heldBy() + " ORDER BY id", Jdbc.params(token), rs -> new Event(rs.getLong(1),
                    rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }));
    }

    /** Published: gone from the outbox. */
    public void delete(Claim claim) {
        if (!claim.events().isEmpty()) {
            jdbc.update("DELETE FROM event_outbox WHERE " + Lease.EVENTS.heldBy(), Jdbc.params(claim.token()));
        }
    }

    public long size() {
        return jdbc.query("SELECT COUNT(*) FROM event_outbox", Jdbc.NO_PARAMETERS, rs -> rs.getLong(1)).get(0);
    }
}
