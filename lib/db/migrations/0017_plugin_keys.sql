-- Up Migration

-- Plugin keys: an identity per plugin (ingest/src/plugin-keys.ts checks
-- them, the accounts subgraph issues and revokes them). Stored as the
-- SHA-256 (hex) of the key, like API tokens, so a copy of the database
-- connects no plugin.
CREATE TABLE plugin_keys (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  key_hash           text NOT NULL UNIQUE,
  -- true once an admin set the key's characters: it then binds no more on first report.
  characters_fixed   boolean NOT NULL DEFAULT false,
  -- Raised whenever an admin changes which characters the key holds, so that ingest reloads them.
  characters_version integer NOT NULL DEFAULT 0,
  -- Who issued it, by name as it was then: the list names the issuer after the account is gone.
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_used_at       timestamptz,
  revoked_at         timestamptz
);

-- Which key holds a character: one at most. A frame for a character is
-- stored from a keyed plugin only when its key holds the character.
CREATE TABLE plugin_key_characters (
  character_name text PRIMARY KEY,
  key_id         uuid NOT NULL REFERENCES plugin_keys (id) ON DELETE CASCADE,
  bound_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plugin_key_characters_key ON plugin_key_characters (key_id);

-- Down Migration

DROP TABLE IF EXISTS plugin_key_characters, plugin_keys;
