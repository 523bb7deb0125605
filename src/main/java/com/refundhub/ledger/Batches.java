package com.refundhub.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * File-drop batches in the ledger's database: each input file (claimed by one instance at a time, with a
 * lease, so a crashed reader's file is taken over) and each of its lines (the refund it recorded, or why it
 * was rejected). Result files are written from here, streaming, in line order.
 */
public class Batches {
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource ds;
    private final Jdbc jdbc;
    private final Clock clock;
    private final String instanceId;

    public Batches(DataSource ds, Clock clock, String instanceId) {
        this.ds = ds;
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.instanceId = instanceId;
    }

    public record Batch(long batchId, String fileKey, String name, String status, long rowsRead, long rowsAccepted,
                        long rowsRejected, String error, OffsetDateTime createdAt, OffsetDateTime recordedAt,
                        OffsetDateTime finalAt) {
    }

    /** One line of a results file: the refund's current state, or the line's rejection. */
    public record ResultRow(long line, String refundId, String status, String code, String message) {
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    // ---- claims: the file consumer's idempotent repository ----

    /**
     * Claims a file for this instance: true when it was never seen, or its last reader's claim has expired
     * (that reader died mid-file); false when it is done or another instance is reading it.
     */
    public boolean claim(String fileKey, Duration lease) {
        OffsetDateTime now = now();
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO batches (file_key, status, owner, lease_until, "
                    + "created_at, updated_at) SELECT ?, 'CLAIMED', ?, ?, ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM batches WHERE file_key = ?)")) {
                ps.setString(1, fileKey);
                ps.setString(2, instanceId);
                ps.setObject(3, now.plus(lease));
                ps.setObject(4, now);
                ps.setObject(5, now);
                ps.setString(6, fileKey);
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;   // another instance inserted it at the same moment
                }
                throw e;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE batches SET owner = ?, lease_until = ?, updated_at = ? "
                    + "WHERE file_key = ? AND status = 'CLAIMED' AND (lease_until IS NULL OR lease_until < ?)")) {
                ps.setString(1, instanceId);
                ps.setObject(2, now.plus(lease));
                ps.setObject(3, now);
                ps.setString(4, fileKey);
                ps.setObject(5, now);
                return ps.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new LedgerException("could not claim file " + fileKey, e);
        }
    }

    /** Whether a file is done with, or being read by someone right now. */
    public boolean isTaken(String fileKey) {
        OffsetDateTime now = now();
        return query("SELECT status, lease_until FROM batches WHERE file_key = ?", ps -> ps.setString(1, fileKey),
                rs -> !"CLAIMED".equals(rs.getString(1))
                        || (rs.getObject(2, OffsetDateTime.class) != null && rs.getObject(2, OffsetDateTime.class).isAfter(now)))
                .stream().findFirst().orElse(false);
    }

    /** Gives this instance's claim up (the file was not processed): the next poll, here or elsewhere, takes it again. */
    public void release(String fileKey) {
        update("UPDATE batches SET owner = NULL, lease_until = NULL, updated_at = ? WHERE file_key = ? AND status = 'CLAIMED' "
                + "AND owner = ?", ps -> {
                    ps.setObject(1, now());
                    ps.setString(2, fileKey);
                    ps.setString(3, instanceId);
                });
    }

    public void renew(long batchId, Duration lease) {
        update("UPDATE batches SET lease_until = ? WHERE batch_id = ? AND status = 'CLAIMED' AND owner = ?", ps -> {
            ps.setObject(1, now().plus(lease));
            ps.setLong(2, batchId);
            ps.setString(3, instanceId);
        });
    }

    /** At start-up with the embedded database: claims left by the previous run are free. */
    public int releaseAllClaims() {
        return update("UPDATE batches SET owner = NULL, lease_until = NULL WHERE status = 'CLAIMED' AND owner IS NOT NULL",
                Jdbc.NO_PARAMETERS);
    }

    // ---- one batch ----

    /**
     * The claimed file's batch, named; empty when another instance holds it. A file that grew between the
     * poll that claimed it and its read lock has a new key, claimed here.
     */
    public Optional<Long> open(String fileKey, String name, Duration lease) {
        if (query("SELECT 1 FROM batches WHERE file_key = ? AND owner = ?", ps -> {
            ps.setString(1, fileKey);
            ps.setString(2, instanceId);
        }, rs -> 1).isEmpty() && !claim(fileKey, lease)) {
            return Optional.empty();
        }
        update("UPDATE batches SET name = ?, updated_at = ? WHERE file_key = ?", ps -> {
            ps.setString(1, name);
            ps.setObject(2, now());
            ps.setString(3, fileKey);
        });
        return query("SELECT batch_id FROM batches WHERE file_key = ?", ps -> ps.setString(1, fileKey), rs -> rs.getLong(1))
                .stream().findFirst();
    }

    /** Keeps what a line became; a line already kept (a file read again after a crash) stays as it was. */
    public void addRow(long batchId, long line, String refundId, String code, String message) {
        try (Connection c = ds.getConnection()) {
            insertRow(c, batchId, line, refundId, code, message);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new LedgerException("could not keep line " + line + " of batch " + batchId, e);
            }
        }
    }

    static void insertRow(Connection c, long batchId, long line, String refundId, String code, String message)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO batch_rows (batch_id, line, refund_id, code, message) "
                + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM batch_rows WHERE batch_id = ? AND line = ?)")) {
            ps.setLong(1, batchId);
            ps.setLong(2, line);
            ps.setString(3, refundId == null ? null : Ledger.truncate(refundId, 32));
            ps.setString(4, code);
            ps.setString(5, Ledger.truncate(message, 512));
            ps.setLong(6, batchId);
            ps.setLong(7, line);
            ps.executeUpdate();
        }
    }

    public void recorded(long batchId, long read, long accepted, long rejected) {
        OffsetDateTime now = now();
        update("UPDATE batches SET status = 'RECORDED', rows_read = ?, rows_accepted = ?, rows_rejected = ?, owner = NULL, "
                + "lease_until = NULL, recorded_at = ?, updated_at = ? WHERE batch_id = ?", ps -> {
                    ps.setLong(1, read);
                    ps.setLong(2, accepted);
                    ps.setLong(3, rejected);
                    ps.setObject(4, now);
                    ps.setObject(5, now);
                    ps.setLong(6, batchId);
                });
    }

    public void unreadable(long batchId, String error) {
        update("UPDATE batches SET status = 'UNREADABLE', error = ?, owner = NULL, lease_until = NULL, updated_at = ? "
                + "WHERE batch_id = ?", ps -> {
                    ps.setString(1, Ledger.truncate(error, 512));
                    ps.setObject(2, now());
                    ps.setLong(3, batchId);
                });
    }

    public List<Long> awaitingFinal() {
        return query("SELECT batch_id FROM batches WHERE status = 'RECORDED' ORDER BY batch_id", Jdbc.NO_PARAMETERS, rs -> rs.getLong(1));
    }

    /** Lines whose refund is neither final nor in REVIEW. */
    public long openRows(long batchId) {
        return query("SELECT COUNT(*) FROM batch_rows br JOIN refunds r ON r.refund_id = br.refund_id "
                        + "WHERE br.batch_id = ? AND br.code IS NULL AND r.status NOT IN ('SUCCEEDED', 'FAILED', 'REJECTED', 'REVIEW')",
                ps -> ps.setLong(1, batchId), rs -> rs.getLong(1)).get(0);
    }

    /** Marks a batch final; false when another instance did first. */
    public boolean markFinal(long batchId) {
        OffsetDateTime now = now();
        return update("UPDATE batches SET status = 'FINAL', final_at = ?, updated_at = ? WHERE batch_id = ? AND status = 'RECORDED'",
                ps -> {
                    ps.setObject(1, now);
                    ps.setObject(2, now);
                    ps.setLong(3, batchId);
                }) == 1;
    }

    /** Streams the batch's lines in order, each with its refund's current state. */
    public void forEachResult(long batchId, Consumer<ResultRow> sink) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);   // lets PostgreSQL stream with a cursor
            try (PreparedStatement ps = c.prepareStatement("SELECT br.line, br.refund_id, "
                    + "CASE WHEN br.code IS NULL THEN r.status ELSE 'REJECTED' END, "
                    + "CASE WHEN br.code IS NULL THEN r.code ELSE br.code END, "
                    + "CASE WHEN br.code IS NULL THEN r.message ELSE br.message END "
                    + "FROM batch_rows br LEFT JOIN refunds r ON br.code IS NULL AND r.refund_id = br.refund_id "
                    + "WHERE br.batch_id = ? ORDER BY br.line")) {
                ps.setFetchSize(1000);
                ps.setLong(1, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new ResultRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                    }
                }
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new LedgerException("could not read the lines of batch " + batchId, e);
        }
    }

    // ---- reading ----

    public Optional<Batch> find(long batchId) {
        return query("SELECT * FROM batches WHERE batch_id = ?", ps -> ps.setLong(1, batchId), Batches::map).stream().findFirst();
    }

    /** The latest batch of a file, by its name with or without extension. */
    public Optional<Batch> findByName(String name) {
        return query("SELECT * FROM batches WHERE name = ? OR name LIKE ? ORDER BY batch_id DESC LIMIT 1", ps -> {
            ps.setString(1, name);
            ps.setString(2, name.replace("%", "").replace("_", "\\_") + ".%");
        }, Batches::map).stream().findFirst();
    }

    public List<Batch> list(int limit) {
        return query("SELECT * FROM batches WHERE name IS NOT NULL ORDER BY batch_id DESC LIMIT ?", ps -> ps.setInt(1, limit), Batches::map);
    }

    /** Lines by the current status of their refund (REJECTED for rejected lines). */
    public Map<String, Long> countsByStatus(long batchId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] row : query("SELECT CASE WHEN br.code IS NULL THEN r.status ELSE 'REJECTED' END AS s, COUNT(*) "
                        + "FROM batch_rows br LEFT JOIN refunds r ON br.code IS NULL AND r.refund_id = br.refund_id "
                        + "WHERE br.batch_id = ? GROUP BY CASE WHEN br.code IS NULL THEN r.status ELSE 'REJECTED' END ORDER BY 1",
                ps -> ps.setLong(1, batchId), rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return counts;
    }

    private static Batch map(ResultSet rs) throws SQLException {
        return new Batch(rs.getLong("batch_id"), rs.getString("file_key"), rs.getString("name"), rs.getString("status"),
                rs.getLong("rows_read"), rs.getLong("rows_accepted"), rs.getLong("rows_rejected"), rs.getString("error"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("recorded_at", OffsetDateTime.class),
                rs.getObject("final_at", OffsetDateTime.class));
    }

    // ---- plumbing ----

    private int update(String sql, Jdbc.Binder binder) {
        return jdbc.update(sql, binder);
    }

    private <T> List<T> query(String sql, Jdbc.Binder binder, Jdbc.RowMapper<T> mapper) {
        return jdbc.query(sql, binder, mapper);
    }
}
