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

    /** Claims up to {@code limit} of the oldest events nobody else is publishing, for {@code lease}. */
    public Claim claim(int limit, Duration lease) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        String token = instanceId + ":" + UUID.randomUUID();
        // the oldest unclaimed ids (primary key order, stops at the limit), then the range is claimed in one
        // statement; rows in it another relay holds keep their live lease and are left out
        List<Long> ids = jdbc.query("SELECT id FROM event_outbox WHERE lease_until IS NULL OR lease_until < ? "
                + "ORDER BY id LIMIT ?", ps -> {
                    ps.setObject(1, now);
                    ps.setInt(2, limit);
                }, rs -> rs.getLong(1));
        if (ids.isEmpty()) {
            return new Claim(token, List.of());
        }
        int n = jdbc.update("UPDATE event_outbox SET owner = ?, lease_until = ? WHERE id >= ? AND id <= ? "
                + "AND (lease_until IS NULL OR lease_until < ?)", ps -> {
                    ps.setString(1, token);
                    ps.setObject(2, now.plus(lease));
                    ps.setLong(3, ids.get(0));
                    ps.setLong(4, ids.get(ids.size() - 1));
                    ps.setObject(5, now);
                });
        List<Event> events = n == 0 ? List.of() : jdbc.query("SELECT id, refund_id, status, channel, payload FROM event_outbox "
                + "WHERE owner = ? ORDER BY id", ps -> ps.setString(1, token), rs -> new Event(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5)));
        return new Claim(token, events);
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
