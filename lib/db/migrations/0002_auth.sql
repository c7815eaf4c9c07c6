-- Up Migration

-- Who may use the graph (gateway/src/auth). Secrets are never stored as
-- given: passwords as argon2id hashes, session and API tokens as SHA-256
-- hashes, so a copy of the database signs no one in.

CREATE TABLE accounts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name          text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- A signed-in browser. id is the SHA-256 (hex) of the token in the cookie.
CREATE TABLE sessions (
  id         text PRIMARY KEY,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_account_id ON sessions (account_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- A machine caller (bot, assistant, script) with a role of its own.
CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  role         text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  token_hash   text NOT NULL UNIQUE,
  created_by   uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  last_used_at timestamptz
);

-- Down Migration

DROP TABLE IF EXISTS api_tokens, sessions, accounts;
