-- The ad account each audience's customer list lives in, as segsync last saw it answer there. A list
-- that answers 404 is forgotten (with its ledger) only when the ad account in use is this one and no
-- longer holds it: after PINTEREST_AD_ACCOUNT_ID changes, every list answers 404 in the new account,
-- and forgetting them then would leave their people on the lists in the old one.
ALTER TABLE audiences ADD COLUMN ad_account_id TEXT;
