-- Operations (SPEC §8.1, §8.2): who made each history entry and the note of a manual resolution; the indexes
-- behind the paged lists (newest first, keyset on created_at + refund_id, one index per filter combination).

-- actor: the HTTP client's name, file:NAME, jms, or hub (the hub on its own).
ALTER TABLE refund_history ADD COLUMN actor TEXT NOT NULL DEFAULT 'hub';
ALTER TABLE refund_history ADD COLUMN note TEXT;

-- GET /refunds: every filter combination reads one index in list order and stops after the page.
DROP INDEX refunds_created;
CREATE INDEX refunds_list ON refunds (created_at, refund_id);
CREATE INDEX refunds_list_status ON refunds (status, created_at, refund_id);
CREATE INDEX refunds_list_channel ON refunds (channel, created_at, refund_id);
CREATE INDEX refunds_list_status_channel ON refunds (status, channel, created_at, refund_id);
CREATE INDEX refunds_list_order ON refunds (order_id, created_at, refund_id);
