package com.refundhub.ledger;

import com.refundhub.core.RefundRecord;
import com.refundhub.core.RefundStatus;

/** Told of every committed status change (and of every new refund, with {@code from} null). */
@FunctionalInterface
public interface StatusListener {
    void statusChanged(RefundRecord record, RefundStatus from);
}
