-- An email trait that is not an email ("none", "n/a": no @ between two non-empty parts) no longer has
-- a hash, so such a person is no longer a list member by it and the next sync removes them; Pinterest
-- could never match the value, and the Conversions API side already refused it. Nor does such a value
-- identify anyone any more: two people sharing "none" must not be taken for one.
-- segsync_email_hash is the store's own SQL function (Store/SQLite/SQLFunctions.swift, EmailHash.swift):
-- what this changes follows the rule of the binary that applies it.
UPDATE people SET email_hash = NULL
WHERE email_hash IS NOT NULL AND segsync_email_hash(email) IS NULL;
DELETE FROM identities WHERE kind = 'email' AND segsync_email_hash(value) IS NULL;

-- Email identities are now trimmed as the hash is, of tabs and line breaks too, not only of spaces
-- (this trims the ASCII ones; the hash also trims Unicode spaces). Where another person already holds
-- the trimmed value, the identity stays as it was.
UPDATE OR IGNORE identities SET value = trim(value, char(9, 10, 11, 12, 13, 32))
WHERE kind = 'email' AND value <> trim(value, char(9, 10, 11, 12, 13, 32));
