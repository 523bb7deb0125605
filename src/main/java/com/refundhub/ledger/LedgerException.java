package com.refundhub.ledger;

/** The ledger could not do what was asked (database down, constraint broken); never a business refusal. */
public class LedgerException extends RuntimeException {
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
