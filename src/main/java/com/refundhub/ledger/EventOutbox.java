package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.List;
import javax.sql.DataSource;

/**
 * The outbox of status-change events (transactional outbox): the ledger writes one row in the same transaction
 * as each change; the relay claims the oldest rows, publishes them in order and deletes them.
 */
public class EventOutbox {
    private final Jdbc jdbc;
    private final Clock clock;
    private final String instanceId;

    /** One event, ready to publish. */
    public record Event(long id, String refundId, String status, String channel, String payload) {
    }

    public EventOutbox(DataSource ds, Clock clock, String instanceId) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.instanceId = instanceId;
    }

    static void add(Connection c, String refundId, String status, String channel, String payload, OffsetDateTime at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO event_outbox (refund_id, status, channel, payload, "
                + "created_at) VALUES (?,?,?,?,?)")) {
            ps.setString(1, refundId);
            ps.setString(2, status);
            ps.setString(3, channel);
            ps.setString(4, payload);
            ps.setObject(5, at);
            ps.executeUpdate();
        }
    }

    /** Events claimed together, deleted together once published. */
    public record Claim(String token, List<Event> events) {
    }

    /** Who holds the oldest event, and until when. */
    private record Lease(String owner, OffsetDateTime until) {
    }

    /**
     * Claims up to {@code limit} of the oldest events, for {@code lease}, unless another relay is publishing: one
     * relay at a time, whatever the number of instances, so events go out in the order they were written. A claim
     * always starts at the oldest event, so the oldest event's lease says whether a relay is at work; it is locked
     * while the claim is made, so two relays cannot both find it free. A claim of this instance's own that is still
     * there was not published (the relay runs on one thread): it is taken again. A dead relay's claim expires.
     */
    public Claim claim(int limit, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String token = instanceId + ":" + UUID.randomUUID();
        try {
            return new Claim(token, jdbc.inTransaction(c -> {
                List<Lease> oldest = Jdbc.query(c, "SELECT owner, lease_until FROM event_outbox ORDER BY id LIMIT 1 FOR UPDATE",
                        Jdbc.NO_PARAMETERS, rs -> new Lease(rs.getString(1), rs.getObject(2, OffsetDateTime.class)));
                if (oldest.isEmpty()) {
                    return List.<Event>of();
                }
                Lease held = oldest.get(0);
                if (held.until() != null && held.until().isAfter(now) && held.owner() != null
                        && !held.owner().startsWith(instanceId + ":")) {
                    return List.<Event>of();   // another instance's relay is publishing
                }
                // the oldest ids (primary key order, stops at the limit), then the range is claimed in one statement
                List<Long> ids = Jdbc.query(c, "SELECT id FROM event_outbox ORDER BY id LIMIT ?", ps -> ps.setInt(1, limit),
                        rs -> rs.getLong(1));
                Jdbc.update(c, "UPDATE event_outbox SET owner = ?, lease_until = ? WHERE id >= ? AND id <= ?", ps -> {
                    ps.setString(1, token);
                    ps.setObject(2, now.plus(lease));
                    ps.setLong(3, ids.get(0));
                    ps.setLong(4, ids.get(ids.size() - 1));
                });
                return Jdbc.query(c, "SELECT id, refund_id, status, channel, payload FROM event_outbox WHERE owner = ? "
                        + "ORDER BY id", ps -> ps.setString(1, token), rs -> new Event(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5)));
            }));
        } catch (SQLException e) {
            throw new LedgerException("could not claim events to publish", e);
        }
    }

    /** Published: gone from the outbox. */
    public void delete(Claim claim) {
        if (!claim.events().isEmpty()) {
            jdbc.update("DELETE FROM event_outbox WHERE owner = ?", ps -> ps.setString(1, claim.token()));
        }
    }

    public long size() {
        return jdbc.query("SELECT COUNT(*) FROM event_outbox", Jdbc.NO_PARAMETERS, rs -> rs.getLong(1)).get(0);
    }
}
