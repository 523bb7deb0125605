-- Transactional outbox of status-change events: written in the same transaction as the change, published to the
-- JMS topic refunds.events by the relay route and then deleted. A crash loses no event (at least once).

CREATE TABLE event_outbox (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,   -- publication order: never reused once the table is empty
    refund_id   TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    payload     TEXT    NOT NULL,   -- the record as JSON at the time of the change
    owner       TEXT,               -- relay publishing it right now
    lease_until INTEGER,
    created_at  INTEGER NOT NULL
) STRICT;
