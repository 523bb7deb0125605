package com.refundhub.core;

import java.time.OffsetDateTime;

/** One status change of a refund, as kept in the ledger. {@code from} is null for the first entry. */
public record HistoryEntry(RefundStatus from, RefundStatus to, String code, String message, OffsetDateTime at) {
}
