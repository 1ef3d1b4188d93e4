-- Query indexes dropped for a bulk load (Store+BulkLoad.swift), with the SQL that builds them again.
-- A load that ends builds them and deletes its rows; a load that died leaves its rows here, and the next
-- open of the store builds them. Only segment evaluation and sync read these indexes; ingest never does.
CREATE TABLE suspended_indexes (
    name          TEXT PRIMARY KEY,
    sql           TEXT NOT NULL,
    suspended_at  INTEGER NOT NULL
);
