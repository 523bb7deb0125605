package com.refundhub.core;

import java.time.OffsetDateTime;

/**
 * One status change of a refund, as kept in the ledger. {@code from} is null for the first entry. {@code actor} says
 * who made it (SPEC §8.1): an HTTP client's name, {@code file:NAME}, {@code jms}, or {@link #HUB}; {@code note} is
 * an operator's note on a manual resolution, else null.
 */
public record HistoryEntry(RefundStatus from, RefundStatus to, String code, String message, String actor, String note,
                           OffsetDateTime at) {
    /** The actor of what the hub does on its own: scheduled inquiries, recovery, anything no caller asked for. */
    public static final String HUB = "hub";
}
