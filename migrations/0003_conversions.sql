-- Conversions API: what became of each stored event that maps to a Pinterest conversion event, where
-- the next run starts, and each run. Times are INTEGER milliseconds since the Unix epoch (UTC).

-- One row per stored event that a run decided about; an event without a row has not been decided
-- yet. `processed`, `failed`, `skipped` (too_old) and `collapsed` are final: such an event is never
-- sent (again). `held` events (unmatchable, incomplete_purchase) are looked at again by later runs
-- while they are young enough: the person may have been identified since, or the purchase may be
-- let through with --allow-incomplete-purchases.
CREATE TABLE conversion_events (
    event_id        INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    conversion      TEXT NOT NULL,          -- the Pinterest event name: checkout, add_to_cart, ...
    pinterest_id    TEXT NOT NULL,          -- the event_id sent (or that would be sent)
    status          TEXT NOT NULL CHECK (status IN ('processed', 'failed', 'held', 'skipped', 'collapsed')),
    reason          TEXT,                   -- held/skipped: the check; failed: Pinterest's error message
    warning         TEXT,                   -- Pinterest's warning, or the check a sent event did not pass
    collapsed_into  INTEGER REFERENCES events(id) ON DELETE SET NULL,  -- collapsed: the Add to Cart kept
    product         TEXT,                   -- add_to_cart: the product, for the collapse window
    ts              INTEGER NOT NULL,       -- the event's time, for the collapse window
    run_id          INTEGER NOT NULL REFERENCES conversion_runs(id),
    updated_at      INTEGER NOT NULL
);
CREATE INDEX conversion_events_status ON conversion_events(status, reason);
CREATE INDEX conversion_events_cart ON conversion_events(conversion, ts) WHERE product IS NOT NULL;
CREATE INDEX conversion_events_collapsed_into ON conversion_events(collapsed_into) WHERE collapsed_into IS NOT NULL;

-- Where the next run starts: every mapped event with an id up to last_event_id has a row above (or
-- was left out by --since while old enough to be skipped anyway). The message id of that event tells
-- a later run whether the id still names the same event: SQLite reuses the ids of the newest rows
-- once they are deleted (a User Deleted event), and then the run looks again at the accepted age.
-- `names` is the mapped event names, sorted and joined by a tab: a new map looks again too.
CREATE TABLE conversion_cursor (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    last_event_id    INTEGER NOT NULL,
    last_message_id  TEXT,
    names            TEXT NOT NULL,
    updated_at       INTEGER NOT NULL
);

-- Each run that could send (dry runs leave no trace), for `segsync conversions status`.
CREATE TABLE conversion_runs (
    id           INTEGER PRIMARY KEY,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    test         INTEGER NOT NULL CHECK (test IN (0, 1)),
    status       TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed')),
    error        TEXT,
    summary      TEXT                       -- JSON: the run's summary, as `conversions send --json` prints it
);
