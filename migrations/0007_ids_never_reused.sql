-- Ids that never come back. SQLite numbers a new row max(id) + 1, so deleting the newest person (merged
-- into another) or the newest event (User Deleted) handed its id to the next newcomer, and whatever still
-- remembered the old id took the newcomer for the old row: the identity cache, which maps a merged-away
-- person to the one it merged into, gave a new anonymous visitor's events to that person.
-- id_floors holds, per table, the highest id ever deleted from it (kept by the triggers, whoever
-- deletes); ingest numbers a new row above it.
CREATE TABLE id_floors (
    name  TEXT PRIMARY KEY,                 -- 'people' or 'events'
    last  INTEGER NOT NULL                  -- no new row of that table gets an id at or below this
) WITHOUT ROWID;
-- What an older store deleted is not known; the conversions cursor has seen every event up to its mark.
INSERT INTO id_floors (name, last) VALUES
    ('people', 0),
    ('events', coalesce((SELECT last_event_id FROM conversion_cursor WHERE id = 1), 0));
CREATE TRIGGER people_id_floor AFTER DELETE ON people BEGIN
    UPDATE id_floors SET last = OLD.id WHERE name = 'people' AND last < OLD.id;
END;
CREATE TRIGGER events_id_floor AFTER DELETE ON events BEGIN
    UPDATE id_floors SET last = OLD.id WHERE name = 'events' AND last < OLD.id;
END;
