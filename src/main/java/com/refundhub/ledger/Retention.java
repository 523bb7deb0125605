package com.refundhub.ledger;

import com.refundhub.core.RefundStatus;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Retention: removes the details of final refunds whose last change is older than the retention age — the bodies of
 * their provider exchanges, by far the bulk of a refund — and marks them pruned ({@code pruned_at}). What stays is
 * what idempotency and the books need: the refund row (identity, fingerprint, final status, codes, provider refund
 * id), each exchange's operation, URL, HTTP status and time, and the whole history: it is the audit trail, append-only
 * (a database trigger refuses any rewrite), so retention never touches it.
 * A refund that is not final (REVIEW included) is never touched: its details are what a person or an inquiry needs.
 * Webhook deliveries that are finished (DELIVERED or FAILED) and as old go too, with their attempts: the refund's own
 * record and history say what happened to it; a pending delivery always stays.
 *
 * <p>It works in small batches, each its own short transaction, off the refunds' path; one instance of a cluster
 * prunes at a time, holding the {@code retention} task's lease ({@link Lease#TASKS}), so instances never fight over
 * the same rows.
 */
public class Retention {
    static final String TASK = "retention";
    /** Held while pruning, renewed before every batch: another instance takes over this long after one died. */
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final String FINAL = Jdbc.nameList(Stream.of(RefundStatus.values()).filter(RefundStatus::isFinal).toList());
    private static final Lease.Rows TASK_ROW = new Lease.Rows("task = ?", TASK);

    private final LedgerDatabase db;
    private final Jdbc jdbc;

    public Retention(LedgerDatabase db) {
        this.db = db;
        this.jdbc = db.jdbc();
    }

    /**
     * What one run did: refunds pruned (in {@code batches}), finished webhook deliveries removed, and whether this
     * instance ran at all (another may hold the lease).
     */
    public record Run(boolean ran, int pruned, int batches, int deliveries) {
        public Run(boolean ran, int pruned, int batches) {
            this(ran, pruned, batches, 0);
        }
    }

    /**
     * Prunes, batch after batch, the final refunds last changed more than {@code maxAge} ago, while {@code goOn} says
     * so (the hub is not stopping) and this instance holds the lease. Does nothing when another instance holds it.
     */
    public Run prune(Duration maxAge, int batchSize, BooleanSupplier goOn) {
        OffsetDateTime now = db.now();
        if (!lease(c -> Lease.TASKS.take(c, TASK_ROW, db.instanceId(), now, now.plus(LEASE)))) {
            return new Run(false, 0, 0);
        }
        int pruned = 0;
        int batches = 0;
        int deliveries = 0;
        try {
            OffsetDateTime before = now.minus(maxAge);
            int n;
            do {
                n = pruneBatch(before, batchSize);
                pruned += n;
                batches++;
            } while (n == batchSize && goOn(goOn));
            do {
                n = jdbc.inTransaction("could not prune webhook deliveries",
                        c -> WebhookDeliveries.pruneBatch(c, before, batchSize));
                deliveries += n;
            } while (n == batchSize && goOn(goOn));
        } finally {
            lease(c -> Lease.TASKS.release(c, TASK_ROW, db.instanceId(), db.now()));
        }
        return new Run(true, pruned, batches, deliveries);
    }

    /** Another batch: the hub is not stopping, and this instance still holds the lease (renewed). */
    private boolean goOn(BooleanSupplier running) {
        return running.getAsBoolean() && lease(c -> Lease.TASKS.renew(c, TASK_ROW, db.instanceId(), db.now().plus(LEASE)));
    }

    /** One batch, one transaction: up to {@code limit} final refunds last changed before {@code before}. */
    int pruneBatch(OffsetDateTime before, int limit) {
        return jdbc.inTransaction("could not prune refund details", c -> {
            List<String> ids = Jdbc.query(c, "SELECT refund_id FROM refunds WHERE pruned_at IS NULL AND created_at < ? "
                    + "AND updated_at < ? AND status IN " + FINAL + " ORDER BY created_at LIMIT ?",
                    Jdbc.params(before, before, limit), rs -> rs.getString(1));
            if (ids.isEmpty()) {
                return 0;
            }
            String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
            // the row's condition again: whatever the selection saw, only a final refund past the age is marked
            int marked = Jdbc.update(c, "UPDATE refunds SET pruned_at = ? WHERE refund_id IN (" + in + ") AND pruned_at IS NULL "
                    + "AND updated_at < ? AND status IN " + FINAL, Jdbc.params(concat(db.now(), ids, before)));
            String pruned = "refund_id IN (SELECT refund_id FROM refunds WHERE refund_id IN (" + in + ") AND pruned_at IS NOT NULL)";
            Jdbc.update(c, "UPDATE provider_exchanges SET request_body = NULL, response_body = NULL WHERE " + pruned,
                    Jdbc.params(ids.toArray()));
            return marked;
        });
    }

    private boolean lease(Jdbc.SqlWork<Integer> work) {
        return jdbc.write("could not hold the retention lease", work) == 1;
    }

    private static Object[] concat(Object first, List<String> ids, Object last) {
        Object[] all = new Object[ids.size() + 2];
        all[0] = first;
        System.arraycopy(ids.toArray(), 0, all, 1, ids.size());
        all[all.length - 1] = last;
        return all;
    }
}
