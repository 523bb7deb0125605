package com.refundhub.ledger;

import com.refundhub.core.ReasonCode;
import com.refundhub.core.RefundRefusedException;
import com.refundhub.core.RefundRequest;
import com.refundhub.core.RefundStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;

/**
 * What an order's refunds add up to: the cap a request's {@code orderAmount} puts on them, checked under a lock on
 * the order's row in {@code refund_orders} so two concurrent partial refunds cannot together pass it, and the
 * totals a provider whose inquiry answers about the order needs.
 */
public final class OrderAmounts {
    /** Refunds that give their amount back to the order: it was never refunded. */
    private static final Set<RefundStatus> GIVEN_BACK = EnumSet.of(RefundStatus.FAILED, RefundStatus.REJECTED);
    private static final String REFUNDED_SO_FAR = "SELECT COALESCE(SUM(amount), 0) FROM refunds "
            + "WHERE channel = ? AND order_id = ? AND status NOT IN " + Jdbc.nameList(GIVEN_BACK);
    private static final String TOTALS = "SELECT COALESCE(SUM(CASE WHEN status = ? THEN amount ELSE 0 END), 0), "
            + "COALESCE(SUM(CASE WHEN status IN " + Jdbc.nameList(RefundStatus.open()) + " THEN amount ELSE 0 END), 0) "
            + "FROM refunds WHERE channel = ? AND order_id = ? AND refund_id <> ?";

    private final Jdbc jdbc;

    public OrderAmounts(LedgerDatabase db) {
        this.jdbc = db.jdbc();
    }

    /**
     * Inside the transaction recording {@code req}: locks the order's row (creating it for the order's first
     * refund) and refuses, AMOUNT_EXCEEDED, a refund that would take the order's refunds past {@code orderAmount}.
     */
    static void checkCap(Connection c, RefundRequest req) throws SQLException {
        Jdbc.update(c, "INSERT INTO refund_orders (channel, order_id) SELECT ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM refund_orders WHERE channel = ? AND order_id = ?)",
                Jdbc.params(req.channel(), req.orderId(), req.channel(), req.orderId()));
        Jdbc.query(c, "SELECT order_id FROM refund_orders WHERE channel = ? AND order_id = ?" + Jdbc.forUpdate(c),
                Jdbc.params(req.channel(), req.orderId()), rs -> null);
        long already = refundedSoFar(c, req.channel(), req.orderId());
        long amount = req.amount() == null ? 0 : req.amount();
        if (already + amount > req.orderAmount()) {
            throw new RefundRefusedException(ReasonCode.AMOUNT_EXCEEDED, "amount", "refund of " + amount
                    + " would take order " + req.orderId() + " past its amount " + req.orderAmount()
                    + " (" + already + " already refunded or in progress)");
        }
    }

    private static long refundedSoFar(Connection c, String channel, String orderId) throws SQLException {
        return Jdbc.query(c, REFUNDED_SO_FAR, Jdbc.params(channel, orderId), rs -> rs.getLong(1)).get(0);
    }

    /** The order's refunds that are not FAILED or REJECTED (done, or still open), in minor units. */
    public long refundedSoFar(String channel, String orderId) {
        return jdbc.read("could not sum refunds of order " + orderId, c -> refundedSoFar(c, channel, orderId));
    }

    /**
     * An order's other refunds: the sum of the SUCCEEDED ones and of those not final yet (RECEIVED, SUBMITTED,
     * PENDING, REVIEW), in minor units.
     */
    public OrderTotals totals(String channel, String orderId, String exceptRefundId) {
        return jdbc.query(TOTALS, Jdbc.params(RefundStatus.SUCCEEDED, channel, orderId, exceptRefundId),
                rs -> new OrderTotals(rs.getLong(1), rs.getLong(2))).get(0);
    }
}
