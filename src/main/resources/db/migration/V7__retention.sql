-- Retention: the details of final refunds past refundhub.retention.max-age (provider exchange bodies, history
-- messages) are removed; the refund itself (identity, fingerprint, final status) and its history's statuses and
-- times stay, since idempotency has no expiry.

-- When the refund's details were removed; NULL while they are kept.
ALTER TABLE refunds ADD COLUMN pruned_at TIMESTAMP WITH TIME ZONE;
-- Finds the oldest refunds not pruned yet without walking those that are. Status changes leave both columns
-- alone, so only recording a refund adds to this index.
CREATE INDEX refunds_unpruned ON refunds (pruned_at, created_at);

-- Tasks that one instance of a cluster runs at a time, each held with a lease (ledger Lease) by its runner.
CREATE TABLE task_leases (
    task        VARCHAR(32) NOT NULL PRIMARY KEY,
    owner       VARCHAR(64),               -- instance running the task now
    lease_until TIMESTAMP WITH TIME ZONE   -- ... until then; an expired lease is free
);
INSERT INTO task_leases (task) VALUES ('retention');
