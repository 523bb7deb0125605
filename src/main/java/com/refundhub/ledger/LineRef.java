package com.refundhub.ledger;

/** A line of a batch file, so the refund it records and the line are kept in one transaction. */
public record LineRef(long batchId, long line) {
}
