package com.refundhub.ledger;

import com.refundhub.core.HistoryEntry;
import com.refundhub.core.RefundStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Table {@code refund_history}, the audit trail: one row per status change, who made it and why. Append-only: rows
 * are inserted here and read, never updated or deleted ({@link AppendOnlyHistory} makes the database refuse both).
 */
final class History {
    private History() {
    }

    static void insert(Connection c, String refundId, RefundStatus from, RefundStatus to, String code, String message,
                       String actor, String note, OffsetDateTime at) throws SQLException {
        Jdbc.update(c, "INSERT INTO refund_history (refund_id, from_status, to_status, code, message, actor, note, at) "
                + "VALUES (?,?,?,?,?,?,?,?)", Jdbc.params(refundId, from, to, code,
                RefundRows.truncate(message, RefundRows.MAX_TEXT), actor == null ? HistoryEntry.HUB : actor,
                RefundRows.truncate(note, 500), at));
    }

    /** A refund's entries, oldest first. */
    static List<HistoryEntry> of(Connection c, String refundId) throws SQLException {
        return Jdbc.query(c, "SELECT from_status, to_status, code, message, actor, note, at FROM refund_history "
                + "WHERE refund_id = ? ORDER BY id", Jdbc.params(refundId), rs -> {
                    String from = rs.getString(1);
                    return new HistoryEntry(from == null ? null : RefundStatus.valueOf(from),
                            RefundStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), Jdbc.time(rs, 7));
                });
    }
}
