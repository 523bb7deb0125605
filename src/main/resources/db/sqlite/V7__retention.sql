-- Retention: the details of final refunds past refundhub.retention.max-age (provider exchange bodies) are removed;
-- the refund itself (identity, fingerprint, final status) and its history stay, since idempotency has no expiry.

-- When the refund's details were removed; NULL while they are kept.
ALTER TABLE refunds ADD COLUMN pruned_at INTEGER;
-- Finds the oldest refunds not pruned yet without walking those that are.
CREATE INDEX refunds_unpruned ON refunds (pruned_at, created_at);

-- Tasks that one instance runs at a time, each held with a lease (ledger Lease) by its runner.
CREATE TABLE task_leases (
    task        TEXT NOT NULL PRIMARY KEY,
    owner       TEXT,      -- instance running the task now
    lease_until INTEGER    -- ... until then; an expired lease is free
) STRICT;
INSERT INTO task_leases (task) VALUES ('retention');
