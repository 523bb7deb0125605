-- Webhooks (SPEC §8.6): one delivery per status change and matching endpoint, written in the same transaction as the
-- change (like event_outbox), claimed with a lease by the instance sending it, and kept with its attempts.

CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id        TEXT    NOT NULL,   -- the status change's id: the same on every attempt (and every endpoint)
    webhook         TEXT    NOT NULL,   -- refundhub.webhooks.NAME
    refund_id       TEXT    NOT NULL,
    refund_status   TEXT    NOT NULL,   -- the status the change moved the refund into
    status          TEXT    NOT NULL,   -- PENDING (to send, or retrying), DELIVERED, FAILED
    payload         TEXT    NOT NULL,   -- the body, fixed at the change: every attempt sends the same bytes
    tries           INTEGER NOT NULL DEFAULT 0,   -- attempts since it was queued (or retried by an operator)
    next_attempt_at INTEGER,
    owner           TEXT,               -- instance sending it right now
    lease_until     INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    CONSTRAINT webhook_deliveries_status_valid CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED'))
) STRICT;
-- what an endpoint's sender claims next
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (webhook, status, next_attempt_at);
-- one refund's earlier deliveries to an endpoint, which a later one waits for
CREATE INDEX webhook_deliveries_refund ON webhook_deliveries (refund_id, webhook, status, id);
-- the operators' list, newest first, by status and endpoint; and retention, by age
CREATE INDEX webhook_deliveries_list_status ON webhook_deliveries (status, id);
CREATE INDEX webhook_deliveries_list_webhook ON webhook_deliveries (webhook, id);
CREATE INDEX webhook_deliveries_updated ON webhook_deliveries (updated_at);

CREATE TABLE webhook_attempts (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries (id),
    at          INTEGER NOT NULL,
    http_status INTEGER,   -- the answer's status; NULL when none came
    error       TEXT,      -- why there was no answer (timeout, refused...)
    latency_ms  INTEGER NOT NULL
) STRICT;
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
