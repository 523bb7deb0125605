package com.refundhub.intake;

import com.refundhub.ledger.BatchStore;
import java.time.Duration;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The file consumer's idempotent repository, in the database: a file (name + size + modification time) is
 * processed once, even across restarts, and by one instance at a time. Polling claims it ({@link #add});
 * a file the route could not finish is released ({@link #remove}) and read again later — rows already in
 * the ledger are then recognised, not sent again. A claim whose reader died expires and is taken over.
 */
public class BatchClaims extends ServiceSupport implements IdempotentRepository {
    private final BatchStore batches;
    private final Duration lease;

    public BatchClaims(BatchStore batches, Duration lease) {
        this.batches = batches;
        this.lease = lease;
    }

    @Override
    public boolean add(String key) {
        return batches.claim(key, lease);
    }

    @Override
    public boolean contains(String key) {
        return batches.isTaken(key);
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
