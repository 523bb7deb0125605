package com.refundhub.intake;

import com.refundhub.core.Availability;
import com.refundhub.ledger.BatchStore;
import com.refundhub.ledger.LedgerUnavailableException;
import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The file consumer's idempotent repository, in the database: a file (name + size + modification time) is
 * processed once, even across restarts, and by one instance at a time. Polling claims it ({@link #add});
 * a file the route could not finish is released ({@link #remove}) and read again later — rows already in
 * the ledger are then recognised, not sent again. A claim whose reader died expires and is taken over. While the
 * ledger is unavailable no file is taken: dropped files wait in the inbox, and the poller says nothing each time.
 */
public class BatchClaims extends ServiceSupport implements IdempotentRepository {
    private final BatchStore batches;
    private final Duration lease;
    private final Availability ledger;

    public BatchClaims(BatchStore batches, Duration lease, Availability ledger) {
        this.batches = batches;
        this.lease = lease;
        this.ledger = ledger;
    }

    @Override
    public boolean add(String key) {
        try {
            return ledger.isUp() && batches.claim(key, lease);
        } catch (LedgerUnavailableException e) {
            return false;   // not taken now: looked at again at a later poll
        }
    }

    @Override
    public boolean contains(String key) {
        try {
            return !ledger.isUp() || batches.isTaken(key);   // the ledger gone: as if taken, looked at again later
        } catch (LedgerUnavailableException e) {
            return true;
        }
    }

    @Override
    public boolean remove(String key) {
        batches.release(key);
        return true;
    }

    @Override
    public boolean confirm(String key) {
        return true;   // the route itself marks the batch RECORDED or UNREADABLE
    }

    @Override
    public void clear() {
        // claims are records of what was done: never cleared wholesale
    }
}
