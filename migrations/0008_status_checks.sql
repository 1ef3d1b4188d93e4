-- Statuses and kinds are kept to their known values by the schema, as the conversions tables' already are:
-- a sync run is running, ok, failed, interrupted or refused; a batch is a CREATE, ADD or REMOVE that was
-- sent, acknowledged or failed. SQLite adds a CHECK only by building the table again. The batches are
-- dropped before the runs, so that dropping the runs cascades to nothing.
CREATE TABLE sync_runs_checked (
    id           INTEGER PRIMARY KEY,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    as_of        INTEGER NOT NULL,        -- the evaluation instant
    status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'interrupted', 'refused')),
    summary      TEXT                     -- JSON: per audience what was planned and done
);
INSERT INTO sync_runs_checked (id, started_at, finished_at, as_of, status, summary)
    SELECT id, started_at, finished_at, as_of, status, summary FROM sync_runs;
CREATE TABLE sync_batches_checked (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES sync_runs_checked(id) ON DELETE CASCADE,
    audience         TEXT NOT NULL,
    operation        TEXT NOT NULL CHECK (operation IN ('CREATE', 'ADD', 'REMOVE')),
    size             INTEGER NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('sent', 'acknowledged', 'failed')),
    error            TEXT,
    started_at       INTEGER NOT NULL,
    acknowledged_at  INTEGER
);
INSERT INTO sync_batches_checked
        (id, run_id, audience, operation, size, status, error, started_at, acknowledged_at)
    SELECT id, run_id, audience, operation, size, status, error, started_at, acknowledged_at FROM sync_batches;
DROP TABLE sync_batches;
DROP TABLE sync_runs;
ALTER TABLE sync_runs_checked RENAME TO sync_runs;
ALTER TABLE sync_batches_checked RENAME TO sync_batches;
CREATE INDEX sync_batches_run ON sync_batches(run_id);
