-- An email trait that is not an email ("none", "n/a": no @ between two non-empty parts) no longer has
-- a hash, so such a person is no longer a list member by it and the next sync removes them; Pinterest
-- could never match the value, and the Conversions API side already refused it. Nor does such a value
-- identify anyone any more: two people sharing "none" must not be taken for one.
-- segsync_email_hash is the store's own SQL function (Store/SQLite/SQLFunctions.swift).
UPDATE people SET email_hash = NULL
WHERE email_hash IS NOT NULL AND segsync_email_hash(email) IS NULL;
DELETE FROM identities WHERE kind = 'email' AND segsync_email_hash(value) IS NULL;
