-- Account counters are now kept per account and client address (throttle_key = hash of both), so an
-- attacker's failures lock only the attacker's address. "account" (hash of the username) groups the
-- rows of one account for the admin's view and unlock; it is NULL on the per-address rows.
ALTER TABLE login_throttle ADD COLUMN account varchar(100);
CREATE INDEX login_throttle_account_idx ON login_throttle (account);
-- The old per-account counters (keys "account:<hash>") no longer apply.
DELETE FROM login_throttle WHERE throttle_key LIKE 'account:%';
