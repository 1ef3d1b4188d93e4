-- segsync store, first schema. Times are INTEGER milliseconds since the Unix epoch (UTC).

-- One row per person. A person merged into another is deleted (its events, attributes and
-- identities move over first); a person removed by a `User Deleted` event stays as a tombstone
-- (deleted_at set, everything else cleared) so the next sync removes them from Pinterest.
CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    user_id       TEXT UNIQUE,            -- Customer.io userId; NULL while anonymous
    anonymous_id  TEXT,                   -- the first anonymousId seen for this person
    email         TEXT,                   -- current email trait, trimmed, as sent (not lowercased)
    email_hash    TEXT,                   -- SHA-256 lowercase hex of the trimmed, lowercased email (as Pinterest matches it)
    phone         TEXT,                   -- current phone trait, as sent
    created_at    INTEGER NOT NULL,
    deleted_at    INTEGER                 -- tombstone time, NULL while the person exists
);

-- The sync walks people in email-hash order beside the ledger.
CREATE INDEX people_email_hash ON people(email_hash, deleted_at) WHERE email_hash IS NOT NULL;

-- Every identifier seen, each pointing at exactly one person.
-- kind: 'user' (userId), 'anon' (anonymousId), 'email' (trimmed, lowercased email).
CREATE TABLE identities (
    kind       TEXT NOT NULL,
    value      TEXT NOT NULL,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    PRIMARY KEY (kind, value)
) WITHOUT ROWID;
CREATE INDEX identities_person ON identities(person_id);

-- Attributes (identify traits), one row per person and key. The value of the message with the
-- latest timestamp wins key by key; a trait set to null keeps its row with value NULL so that an
-- older message cannot bring it back. Typed copies make rule comparisons index-friendly.
CREATE TABLE attributes (
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    key_norm   TEXT NOT NULL,             -- lowercased key: rules match attribute names case-insensitively
    key        TEXT NOT NULL,             -- the key as last sent
    value      TEXT,                      -- the value as JSON text; NULL = removed
    num        REAL,                      -- the value as a number, if it is one or a numeric string
    str        TEXT,                      -- the value, if it is a JSON string
    time_ms    INTEGER,                   -- the value as an instant, if it is an ISO-8601 string or a number (Unix seconds)
    ts         INTEGER NOT NULL,          -- timestamp of the message that set (or removed) it
    PRIMARY KEY (person_id, key_norm)
) WITHOUT ROWID;
CREATE INDEX attributes_key_str ON attributes(key_norm, str);
-- Number and time comparisons use the covering partial indexes of 0002.

-- Every message ever stored, by messageId: a message seen again changes nothing. Rows are
-- appended in arrival order; the index holds a 64-bit hash of the id (small, so it stays in
-- cache as the store grows) and a lookup compares the full id, so a hash collision costs
-- nothing but a second comparison.
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    id_hash     INTEGER NOT NULL,
    message_id  TEXT NOT NULL,
    type        TEXT NOT NULL
);
CREATE INDEX messages_id_hash ON messages(id_hash);

-- track, page, screen and group messages. page/screen/group are stored under the names
-- 'page', 'screen' and 'group'. value is the `value` property, else `revenue`, else `total`.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    ts          INTEGER NOT NULL,
    type        TEXT NOT NULL,            -- track, page, screen, group
    message_id  TEXT NOT NULL,
    value       REAL,
    currency    TEXT,
    order_id    TEXT,
    properties  TEXT NOT NULL,            -- JSON object
    context     TEXT,                     -- JSON object, as sent (ip, userAgent, ...)
    received_at INTEGER
);
CREATE INDEX events_name_ts ON events(name, ts, person_id);
CREATE INDEX events_person_name_ts ON events(person_id, name, ts);

-- Input that could not be stored, with why and where. Nothing is dropped silently.
CREATE TABLE rejected (
    id          INTEGER PRIMARY KEY,
    source      TEXT NOT NULL,            -- file name, '-', or the HTTP endpoint
    line        INTEGER,                  -- 1-based line number in the source, when there is one
    reason      TEXT NOT NULL,
    message_id  TEXT,
    raw         TEXT NOT NULL,
    received_at INTEGER NOT NULL
);

-- What each audience holds on Pinterest: the hashes Pinterest acknowledged. Pinterest cannot be
-- asked what a customer list holds, so the ledger is the only truth about what was sent.
CREATE TABLE audiences (
    name              TEXT PRIMARY KEY,   -- the segment name
    pinterest_name    TEXT NOT NULL,      -- customer list and audience name on Pinterest
    customer_list_id  TEXT,
    audience_id       TEXT,
    created_at        INTEGER NOT NULL
);
CREATE TABLE ledger (
    audience  TEXT NOT NULL REFERENCES audiences(name) ON DELETE CASCADE,
    hash      TEXT NOT NULL,              -- SHA-256 lowercase hex of the normalised email
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (audience, hash)
) WITHOUT ROWID;

-- Each sync run and each batch it sent, for `segsync history` and for finding out what happened.
CREATE TABLE sync_runs (
    id           INTEGER PRIMARY KEY,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    as_of        INTEGER NOT NULL,        -- the evaluation instant
    status       TEXT NOT NULL,           -- running, ok, failed, interrupted
    summary      TEXT                     -- JSON: per audience what was planned and done
);
CREATE TABLE sync_batches (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES sync_runs(id) ON DELETE CASCADE,
    audience         TEXT NOT NULL,
    operation        TEXT NOT NULL,       -- ADD, REMOVE (CREATE for a list created with its first records)
    size             INTEGER NOT NULL,
    status           TEXT NOT NULL,       -- sent, acknowledged, failed
    error            TEXT,
    started_at       INTEGER NOT NULL,
    acknowledged_at  INTEGER
);
CREATE INDEX sync_batches_run ON sync_batches(run_id);
