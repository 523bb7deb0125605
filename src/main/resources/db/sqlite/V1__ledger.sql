-- RefundHub ledger on SQLite (the embedded default): the same versions as db/migration (PostgreSQL), in SQLite's
-- types. STRICT tables refuse a value of the wrong type. Times are INTEGER microseconds since 1970-01-01 UTC
-- (datetime(created_at / 1000000, 'unixepoch') reads one); texts are bounded by the hub, as on PostgreSQL.

CREATE TABLE refunds (
    refund_id          TEXT    NOT NULL PRIMARY KEY,
    order_id           TEXT    NOT NULL,
    channel            TEXT    NOT NULL,
    amount             INTEGER,
    currency           TEXT,
    order_amount       INTEGER,
    reason             TEXT,
    operator_id        TEXT,
    terminal_no        TEXT,
    metadata           TEXT,
    request_hash       TEXT    NOT NULL,   -- idempotency: same refundId + same hash = same request
    intake             TEXT    NOT NULL,   -- HTTP, FILE, JMS
    status             TEXT    NOT NULL,
    code               TEXT,
    message            TEXT,
    provider_code      TEXT,
    provider_message   TEXT,
    provider_refund_id TEXT,
    attempts           INTEGER NOT NULL DEFAULT 0,     -- refund calls sent to the provider
    inquiries          INTEGER NOT NULL DEFAULT 0,     -- inquiries made
    bad_signatures     INTEGER NOT NULL DEFAULT 0,     -- answers in a row that did not verify
    resent             INTEGER NOT NULL DEFAULT FALSE, -- the one resend after "no such refund" is used
    next_inquiry_at    INTEGER,
    lease_owner        TEXT,                           -- instance working on the refund right now
    lease_until        INTEGER,                        -- ... until then; an expired lease is free
    version            INTEGER NOT NULL DEFAULT 0,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL,
    CONSTRAINT refunds_status_valid CHECK (status IN
        ('RECEIVED', 'SUBMITTED', 'PENDING', 'SUCCEEDED', 'FAILED', 'REJECTED', 'REVIEW'))
) STRICT;

CREATE INDEX refunds_due ON refunds (status, next_inquiry_at);
CREATE INDEX refunds_order ON refunds (channel, order_id);
CREATE INDEX refunds_created ON refunds (created_at);

CREATE TABLE refund_history (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,   -- never given twice, even after the largest row is gone
    refund_id   TEXT    NOT NULL REFERENCES refunds (refund_id),
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    code        TEXT,
    message     TEXT,
    at          INTEGER NOT NULL
) STRICT;
CREATE INDEX refund_history_refund ON refund_history (refund_id, id);

CREATE TABLE provider_exchanges (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    refund_id     TEXT    NOT NULL REFERENCES refunds (refund_id),
    operation     TEXT    NOT NULL,   -- REFUND, INQUIRY
    url           TEXT    NOT NULL,
    request_body  TEXT,               -- signatures masked
    http_status   INTEGER,
    response_body TEXT,               -- signatures masked
    error         TEXT,
    latency_ms    INTEGER,
    at            INTEGER NOT NULL
) STRICT;
CREATE INDEX provider_exchanges_refund ON provider_exchanges (refund_id, id);

-- One row per refunded order (the order cap's lock on PostgreSQL; SQLite has one writer at a time anyway).
CREATE TABLE refund_orders (
    channel  TEXT NOT NULL,
    order_id TEXT NOT NULL,
    PRIMARY KEY (channel, order_id)
) STRICT;
