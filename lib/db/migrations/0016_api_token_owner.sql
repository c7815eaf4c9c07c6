-- Up Migration

-- An API token acts with the lesser of its own role and its owner's (the
-- account that created it, `created_by`), and is revoked with that account.
-- The owner's name is kept on the token, so that the token list still says
-- whose it was once the account is gone and `created_by` has become null:
-- a token with an owner's name and no owner row is refused whatever its
-- `revoked_at` says. A token without an owner's name was issued outside the
-- graph (npm start's own clients, scripts) and is bounded by its role
-- alone; tokens whose owner was deleted before this migration cannot be
-- told from those, and stay as they were.
ALTER TABLE api_tokens ADD COLUMN owner_name text CHECK (length(owner_name) BETWEEN 1 AND 64);
UPDATE api_tokens t SET owner_name = a.name FROM accounts a WHERE a.id = t.created_by;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_owner_named CHECK (created_by IS NULL OR owner_name IS NOT NULL);
CREATE INDEX api_tokens_created_by ON api_tokens (created_by) WHERE created_by IS NOT NULL;

-- Down Migration

DROP INDEX IF EXISTS api_tokens_created_by;
ALTER TABLE api_tokens DROP CONSTRAINT IF EXISTS api_tokens_owner_named;
ALTER TABLE api_tokens DROP COLUMN IF EXISTS owner_name;
