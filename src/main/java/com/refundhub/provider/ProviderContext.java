package com.refundhub.provider;

import com.refundhub.ledger.OrderTotals;

/**
 * What the hub tells a provider's beans beyond the refund at hand: how the other refunds of the same order
 * stand in the ledger, for providers whose inquiry answers about the order rather than the refund.
 */
@FunctionalInterface
public interface ProviderContext {

    /** Sums, in minor units, of an order's refunds other than {@code exceptRefundId}. */
    OrderTotals orderTotals(String channel, String orderId, String exceptRefundId);
}
