package com.refundhub.ledger;

/** Sums, in minor units, of an order's refunds (other than one): those SUCCEEDED, and those not final yet. */
public record OrderTotals(long succeeded, long open) {
}
