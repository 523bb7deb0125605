package com.refundhub.ledger;

/**
 * The ledger cannot be used now: its database cannot be reached, answers too slowly, or cannot write (a full disk).
 * Nothing of the work that met it was recorded, unless the record says so; the same work may be tried again once the
 * ledger is back ({@link LedgerDatabase#availability()}). Callers answer it as "try later" (HTTP 503
 * {@code LEDGER_UNAVAILABLE}), or wait for the return (JMS, files).
 */
public class LedgerUnavailableException extends LedgerException {
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
