package com.refundhub.ledger;

import com.refundhub.core.RefundStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * File-drop batches in the ledger's database: each input file (claimed by one instance at a time with a
 * {@link Lease}, so a crashed reader's file is taken over) and each of its lines (the refund it recorded, or why it
 * was rejected). Result files are written from here, streaming, in line order.
 */
public class BatchStore {
    private static final String CLAIMED = "CLAIMED";
    /** What a rejected line counts as: its refund never entered the ledger. */
    private static final String REJECTED = RefundStatus.REJECTED.name();
    /** A line is settled once its refund is final or waits for a person. */
    private static final Set<RefundStatus> SETTLED = settled();
    /** The line's status: its refund's, or REJECTED for a rejected line. */
    private static final String LINE_STATUS = "CASE WHEN br.code IS NULL THEN r.status ELSE '" + REJECTED + "' END";
    private static final String LINES = "FROM batch_rows br LEFT JOIN refunds r ON br.code IS NULL AND r.refund_id = br.refund_id "
            + "WHERE br.batch_id = ?";

    private final LedgerDatabase db;
    private final Jdbc jdbc;

    public BatchStore(LedgerDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    public record Batch(long batchId, String fileKey, String name, String status, long rowsRead, long rowsAccepted,
                        long rowsRejected, String error, OffsetDateTime createdAt, OffsetDateTime recordedAt,
                        OffsetDateTime finalAt) {
    }

    /** One line of a results file: the refund's current state, or the line's rejection. */
    public record ResultRow(long line, String refundId, String status, String code, String message) {
    }

    // ---- claims: the file consumer's idempotent repository ----

    /**
     * Claims a file for this instance: true when it was never seen, or its last reader's claim has expired
     * (that reader died mid-file); false when it is done or another instance is reading it.
     */
    public boolean claim(String fileKey, Duration lease) {
        OffsetDateTime now = db.now();
        return jdbc.write("could not claim file " + fileKey, c -> {
            try {
                if (Jdbc.update(c, "INSERT INTO batches (file_key, status, " + Lease.BATCHES.columns() + ", created_at, "
                        + "updated_at) SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM batches WHERE file_key = ?)",
                        Jdbc.params(fileKey, CLAIMED, db.instanceId(), now.plus(lease), now, now, fileKey)) == 1) {
                    return true;
                }
            } catch (SQLException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;   // another instance inserted it at the same moment
                }
                throw e;
            }
            return Lease.BATCHES.take(c, unfinished(fileKey), db.instanceId(), now, now.plus(lease)) == 1;
        });
    }

    /** Whether a file is done with, or being read by someone right now. */
    public boolean isTaken(String fileKey) {
        OffsetDateTime now = db.now();
        return jdbc.first("SELECT status, " + Lease.BATCHES.columns() + " FROM batches WHERE file_key = ?",
                Jdbc.params(fileKey), rs -> !CLAIMED.equals(rs.getString(1))
                        || new Lease.Holder(rs.getString(2), Jdbc.time(rs, 3)).heldAt(now))
                .orElse(false);
    }

    /** Gives this instance's claim up (the file was not processed): the next poll, here or elsewhere, takes it again. */
    public void release(String fileKey) {
        jdbc.write("could not release file " + fileKey,
                c -> Lease.BATCHES.release(c, unfinished(fileKey), db.instanceId(), db.now()));
    }

    public void renew(long batchId, Duration lease) {
        jdbc.write("could not renew the claim of batch " + batchId, c -> Lease.BATCHES.renew(c,
                new Lease.Rows("batch_id = ? AND status = ?", batchId, CLAIMED), db.instanceId(), db.now().plus(lease)));
    }

    /** At start-up with the embedded database: claims left by the previous run are free. */
    public int releaseAllClaims() {
        return jdbc.write("could not release file claims",
                c -> Lease.BATCHES.releaseAll(c, new Lease.Rows("status = ?", CLAIMED)));
    }

    private static Lease.Rows unfinished(String fileKey) {
        return new Lease.Rows("file_key = ? AND status = ?", fileKey, CLAIMED);
    }

    // ---- one batch ----

    /**
     * The claimed file's batch, named; empty when another instance holds it. A file that grew between the
     * poll that claimed it and its read lock has a new key, claimed here.
     */
    public Optional<Long> open(String fileKey, String name, Duration lease) {
        if (jdbc.first("SELECT 1 FROM batches WHERE file_key = ? AND " + Lease.BATCHES.heldBy(),
                Jdbc.params(fileKey, db.instanceId()), rs -> 1).isEmpty() && !claim(fileKey, lease)) {
            return Optional.empty();
        }
        jdbc.update("UPDATE batches SET name = ?, updated_at = ? WHERE file_key = ?", Jdbc.params(name, db.now(), fileKey));
        return jdbc.first("SELECT batch_id FROM batches WHERE file_key = ?", Jdbc.params(fileKey), rs -> rs.getLong(1));
    }

    /** Keeps what a line became; a line already kept (a file read again after a crash) stays as it was. */
    public void addRow(long batchId, long line, String refundId, String code, String message) {
        try {
            jdbc.onConnection(c -> insertRow(c, batchId, line, refundId, code, message));
        } catch (SQLException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw new LedgerException("could not keep line " + line + " of batch " + batchId, e);
            }
        }
    }

    /** Keeps a line on a connection the caller holds: a new refund from a file and its line commit together. */
    static int insertRow(Connection c, long batchId, long line, String refundId, String code, String message)
            throws SQLException {
        return Jdbc.update(c, "INSERT INTO batch_rows (batch_id, line, refund_id, code, message) SELECT ?, ?, ?, ?, ? "
                        + "WHERE NOT EXISTS (SELECT 1 FROM batch_rows WHERE batch_id = ? AND line = ?)",
                Jdbc.params(batchId, line, refundId == null ? null : RefundRows.truncate(refundId, 32), code,
                        RefundRows.truncate(message, 512), batchId, line));
    }

    /** Every line is recorded: the claim ends. */
    public void recorded(long batchId, long read, long accepted, long rejected) {
        OffsetDateTime now = db.now();
        jdbc.update("UPDATE batches SET status = 'RECORDED', rows_read = ?, rows_accepted = ?, rows_rejected = ?, "
                + Lease.BATCHES.cleared() + ", recorded_at = ?, updated_at = ? WHERE batch_id = ?",
                Jdbc.params(read, accepted, rejected, now, now, batchId));
    }

    public void unreadable(long batchId, String error) {
        jdbc.update("UPDATE batches SET status = 'UNREADABLE', error = ?, " + Lease.BATCHES.cleared()
                + ", updated_at = ? WHERE batch_id = ?", Jdbc.params(RefundRows.truncate(error, 512), db.now(), batchId));
    }

    public List<Long> awaitingFinal() {
        return jdbc.query("SELECT batch_id FROM batches WHERE status = 'RECORDED' ORDER BY batch_id", Jdbc.NO_PARAMETERS,
                rs -> rs.getLong(1));
    }

    /** Lines whose refund is neither final nor in REVIEW. */
    public long openRows(long batchId) {
        return jdbc.query("SELECT COUNT(*) FROM batch_rows br JOIN refunds r ON r.refund_id = br.refund_id "
                        + "WHERE br.batch_id = ? AND br.code IS NULL AND r.status NOT IN " + Jdbc.nameList(SETTLED),
                Jdbc.params(batchId), rs -> rs.getLong(1)).get(0);
    }

    /**
     * A refund of a final batch left REVIEW (resolved by an operator, or settled by a forced inquiry): its batch waits
     * for its final file again, and the final-check timer writes NAME.final.csv anew with the refund's new status.
     */
    static void reopenFinal(Connection c, String refundId) throws SQLException {
        Jdbc.update(c, "UPDATE batches SET status = 'RECORDED', final_at = NULL WHERE status = 'FINAL' AND batch_id IN "
                + "(SELECT batch_id FROM batch_rows WHERE refund_id = ? AND code IS NULL)", Jdbc.params(refundId));
    }

    /** Marks a batch final; false when another instance did first. */
    public boolean markFinal(long batchId) {
        OffsetDateTime now = db.now();
        return jdbc.update("UPDATE batches SET status = 'FINAL', final_at = ?, updated_at = ? WHERE batch_id = ? "
                + "AND status = 'RECORDED'", Jdbc.params(now, now, batchId)) == 1;
    }

    /** Streams the batch's lines in order, each with its refund's current state. */
    public void forEachResult(long batchId, Consumer<ResultRow> sink) {
        jdbc.stream("could not read the lines of batch " + batchId, "SELECT br.line, br.refund_id, " + LINE_STATUS + ", "
                + "CASE WHEN br.code IS NULL THEN r.code ELSE br.code END, "
                + "CASE WHEN br.code IS NULL THEN r.message ELSE br.message END " + LINES + " ORDER BY br.line",
                Jdbc.params(batchId), rs -> new ResultRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)), sink);
    }

    // ---- reading ----

    public Optional<Batch> find(long batchId) {
        return jdbc.first("SELECT * FROM batches WHERE batch_id = ?", Jdbc.params(batchId), BatchStore::batch);
    }

    /** The latest batch of a file, by its name with or without extension. */
    public Optional<Batch> findByName(String name) {
        return jdbc.first("SELECT * FROM batches WHERE name = ? OR name LIKE ? ESCAPE '\\' ORDER BY batch_id DESC LIMIT 1",
                Jdbc.params(name, name.replace("%", "").replace("_", "\\_") + ".%"), BatchStore::batch);
    }

    /** Newest first, up to {@code limit}, those before batch {@code before} when given (keyset on batch_id). */
    public List<Batch> list(int limit, Long before) {
        return jdbc.query("SELECT * FROM batches WHERE name IS NOT NULL AND batch_id < ? ORDER BY batch_id DESC LIMIT ?",
                Jdbc.params(before == null ? Long.MAX_VALUE : before, limit), BatchStore::batch);
    }

    /** Lines by the current status of their refund (REJECTED for rejected lines). */
    public Map<String, Long> countsByStatus(long batchId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT " + LINE_STATUS + " AS s, COUNT(*) " + LINES + " GROUP BY " + LINE_STATUS + " ORDER BY 1",
                Jdbc.params(batchId), rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    private static Set<RefundStatus> settled() {
        Set<RefundStatus> settled = EnumSet.of(RefundStatus.REVIEW);
        settled.addAll(RefundStatus.finals());
        return settled;
    }

    private static Batch batch(ResultSet rs) throws SQLException {
        return new Batch(rs.getLong("batch_id"), rs.getString("file_key"), rs.getString("name"), rs.getString("status"),
                rs.getLong("rows_read"), rs.getLong("rows_accepted"), rs.getLong("rows_rejected"), rs.getString("error"),
                Jdbc.time(rs, "created_at"), Jdbc.time(rs, "recorded_at"),
                Jdbc.time(rs, "final_at"));
    }
}
