-- One index seek per new message instead of two. Until now a message was first looked up by the
-- 64-bit hash of its id (SELECT) and then inserted, which walked messages_id_hash twice. With the
-- hash unique, the insert itself finds a duplicate (INSERT ... ON CONFLICT DO NOTHING) and reuses
-- its seek for the new entry; on the ingest benchmark the lookup was a fifth of the writer's time
-- for a track.
--
-- Two different ids with the same hash are both kept: the first in `messages`, any other in
-- `message_hash_collisions`, which is looked at only when the hash is taken by another id.
CREATE TABLE message_hash_collisions (
    message_id  TEXT PRIMARY KEY,
    type        TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO message_hash_collisions (message_id, type)
SELECT message_id, type FROM messages AS m
WHERE EXISTS (SELECT 1 FROM messages AS o WHERE o.id_hash = m.id_hash AND o.id < m.id);
DELETE FROM messages
WHERE EXISTS (SELECT 1 FROM messages AS o WHERE o.id_hash = messages.id_hash AND o.id < messages.id);

DROP INDEX messages_id_hash;
CREATE UNIQUE INDEX messages_id_hash ON messages(id_hash);
