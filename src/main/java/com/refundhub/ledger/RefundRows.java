package com.refundhub.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.refundhub.core.Json;
import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Reading rows of table {@code refunds} (and a refund's history) as records; shared by writers and queries. */
final class RefundRows {
    static final int MAX_TEXT = 512;

    private RefundRows() {
    }

    static Optional<RefundRecord> load(Connection c, String refundId, boolean withHistory) throws SQLException {
        Optional<RefundRecord> r = Jdbc.first(c, "SELECT " + COLUMNS + " FROM refunds WHERE refund_id = ?",
                Jdbc.params(refundId), RefundRows::record);
        if (r.isEmpty() || !withHistory) {
            return r;
        }
        return Optional.of(r.get().withHistory(History.of(c, refundId)));
    }

    /** The refund, its row locked until the transaction ends. */
    static Optional<RefundRecord> lock(Connection c, String refundId) throws SQLException {
        return Jdbc.first(c, "SELECT " + COLUMNS + " FROM refunds WHERE refund_id = ?" + Jdbc.forUpdate(c), Jdbc.params(refundId),
                RefundRows::record);
    }

    /**
     * The columns {@link #record} reads, in its order: a query selects these and the mapper reads them by position
     * (by name, the driver looks each name up on every row).
     */
    static final String COLUMNS = "refund_id, order_id, channel, amount, currency, order_amount, reason, operator_id, "
            + "terminal_no, metadata, status, code, message, provider_code, provider_message, provider_refund_id, "
            + "attempts, inquiries, resent, intake, created_at, updated_at";

    /** A row selected as {@link #COLUMNS}. */
    static RefundRecord record(ResultSet rs) throws SQLException {
        return new RefundRecord(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.nullableLong(rs, 4),
                rs.getString(5), Jdbc.nullableLong(rs, 6), rs.getString(7), rs.getString(8), rs.getString(9),
                parseJson(rs.getString(10)), RefundStatus.valueOf(rs.getString(11)), rs.getString(12), rs.getString(13),
                rs.getString(14), rs.getString(15), rs.getString(16), rs.getInt(17), rs.getInt(18), rs.getBoolean(19),
                rs.getString(20), Jdbc.time(rs, 21), Jdbc.time(rs, 22),
                List.of());
    }

    /**
     * The row {@link Refunds} has just inserted for {@code req}, as {@link #load} would read it back (the
     * timestamps are at the database's microsecond precision already: {@link LedgerDatabase#now}).
     */
    static RefundRecord received(RefundRequest req, String intake, OffsetDateTime now) {
        return new RefundRecord(req.refundId(), req.orderId(), req.channel(), req.amount(), req.currency(),
                req.orderAmount(), req.reason(), req.operatorId(), req.terminalNo(), req.metadata(),
                RefundStatus.RECEIVED, null, null, null, null, null, 0, 0, false, intake, now, now, List.of());
    }

    /** {@code cur} after the guarded UPDATE of {@link Refunds} applied {@code ch}: the same columns, the same rules. */
    static RefundRecord changed(RefundRecord cur, RefundStatus to, String code, String message, Change ch,
                                OffsetDateTime now) {
        String providerCode = cur.providerCode();
        String providerMessage = cur.providerMessage();
        String providerRefundId = cur.providerRefundId();
        if (ch.provider) {
            providerCode = truncate(ch.providerCode, 64);
            providerMessage = truncate(ch.providerMessage, MAX_TEXT);
            providerRefundId = ch.providerRefundId == null ? providerRefundId : truncate(ch.providerRefundId, 64);
        }
        if (ch.resolvedProviderRefundId != null) {
            providerRefundId = truncate(ch.resolvedProviderRefundId, 64);
        }
        return new RefundRecord(cur.refundId(), cur.orderId(), cur.channel(), cur.amount(), cur.currency(),
                cur.orderAmount(), cur.reason(), cur.operatorId(), cur.terminalNo(), cur.metadata(), to, code, message,
                providerCode, providerMessage, providerRefundId, cur.attempts() + ch.attemptsDelta,
                cur.inquiries() + ch.inquiriesDelta, cur.resent() || ch.markResent, cur.intake(), cur.createdAt(), now,
                List.of());
    }

    private static JsonNode parseJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
