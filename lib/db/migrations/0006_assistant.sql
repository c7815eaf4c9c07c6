-- Up Migration

-- The assistant's conversations (subgraphs/assistant). `owner` is who started
-- one, as the gateway signed it: `user:<account id>` or `token:<token id>`;
-- nobody reads another's.
CREATE TABLE assistant_sessions (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner      text NOT NULL,
  title      text CHECK (length(title) <= 200),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX assistant_sessions_owner ON assistant_sessions (owner, updated_at DESC);

-- Every question and answer, in order. `owner` repeats the session's so that
-- the hourly limit counts a person's questions with one index scan.
CREATE TABLE assistant_messages (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES assistant_sessions (id) ON DELETE CASCADE,
  owner      text NOT NULL,
  role       text NOT NULL CHECK (role IN ('user', 'assistant')),
  text       text NOT NULL,
  tool_calls jsonb NOT NULL DEFAULT '[]',
  error_code text,
  trace_id   text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX assistant_messages_session ON assistant_messages (session_id, id);
CREATE INDEX assistant_messages_questions ON assistant_messages (owner, created_at) WHERE role = 'user';

-- The answer each asker has being written (at most one), across every
-- instance of the assistant. A row past `expires_at` (its instance died)
-- no longer counts.
CREATE TABLE assistant_asks_in_flight (
  owner      text PRIMARY KEY,
  trace_id   text NOT NULL,
  session_id uuid NOT NULL,
  started_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Down Migration

DROP TABLE IF EXISTS assistant_asks_in_flight, assistant_messages, assistant_sessions;
