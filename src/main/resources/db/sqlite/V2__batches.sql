-- File-drop batches: one row per input file (also the file consumer's claim record), and one row per line of it.

CREATE TABLE batches (
    batch_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    file_key      TEXT    NOT NULL UNIQUE,   -- name, size and modification time of the file
    name          TEXT,                      -- the input file's name
    status        TEXT    NOT NULL,          -- CLAIMED, RECORDED, FINAL, UNREADABLE
    owner         TEXT,                      -- instance reading it
    lease_until   INTEGER,                   -- a claim past this is free (the reader died)
    rows_read     INTEGER NOT NULL DEFAULT 0,
    rows_accepted INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    error         TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    recorded_at   INTEGER,
    final_at      INTEGER,
    CONSTRAINT batches_status_valid CHECK (status IN ('CLAIMED', 'RECORDED', 'FINAL', 'UNREADABLE'))
) STRICT;
CREATE INDEX batches_name ON batches (name, batch_id);
CREATE INDEX batches_status ON batches (status);

CREATE TABLE batch_rows (
    batch_id  INTEGER NOT NULL REFERENCES batches (batch_id),
    line      INTEGER NOT NULL,
    refund_id TEXT,                 -- the refund the line recorded (or found already recorded)
    code      TEXT,                 -- why the line was rejected
    message   TEXT,
    PRIMARY KEY (batch_id, line)
) STRICT;
CREATE INDEX batch_rows_refund ON batch_rows (refund_id);
