package com.refundhub.ledger;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes what has been committed so far survive a crash of the process, before the hub does something it cannot
 * take back: calls a provider, acknowledges a JMS message, answers 202, writes a result file, publishes events.
 *
 * <p>PostgreSQL commits are durable already: nothing to do. The embedded H2 writes its commits to the file in
 * the background (every {@code WRITE_DELAY} ms); writing every commit at once costs about half the hub's CPU and
 * 128 KB of disk per refund (measured, bench/RESULTS.md). Instead, a {@code CHECKPOINT} is run before each such
 * side effect — as a group commit: callers arriving while one is running share the next one, so under load one
 * checkpoint covers many refunds. A checkpoint writes to the file (it survives the process being killed; an OS
 * crash or power loss needs PostgreSQL).
 */
final class Durability {
    private final Jdbc jdbc;
    private final boolean needed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();
    private long requested;
    private long coveredUpTo;
    private boolean running;

    Durability(Jdbc jdbc, boolean needed) {
        this.jdbc = jdbc;
        this.needed = needed;
    }

    /** Returns once everything committed before this call is in the database file. */
    void sync() {
        if (!needed) {
            return;
        }
        lock.lock();
        try {
            long mine = ++requested;
            while (coveredUpTo < mine) {
                if (running) {
                    done.awaitUninterruptibly();
                    continue;
                }
                running = true;
                long covering = requested;   // asked before this checkpoint began: their commits precede it
                boolean ok = false;
                lock.unlock();
                try {
                    checkpoint();
                    ok = true;
                } finally {
                    lock.lock();
                    running = false;
                    if (ok) {
                        coveredUpTo = Math.max(coveredUpTo, covering);
                    }
                    done.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkpoint() {
        jdbc.withConnection("could not make the ledger durable", c -> Jdbc.update(c, "CHECKPOINT", Jdbc.NO_PARAMETERS));
    }
}
