/**
 * Every SQL statement of the assistant subgraph. `owner` is the asker's key
 * (`user:<id>` or `token:<id>`, see `ownerOf` in ask.ts): every
 * statement that reads or changes a conversation is bounded by it.
 */

/** Most conversations `assistantSessions` lists. */
export const MAX_SESSIONS_LISTED = 200;

/** Most earlier messages of a conversation given to the model with a new question. */
export const MAX_HISTORY_MESSAGES = 40;

export interface SessionRow {
  id: string;
  title: string | null;
  created_at: Date;
  updated_at: Date;
  message_count: number;
}

export interface MessageRow {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  tool_calls: unknown[];
  error_code: string | null;
  trace_id: string;
  created_at: Date;
}

const sessionColumns = `s.id, s.title, s.created_at, s.updated_at,
  (SELECT count(*) FROM assistant_messages m WHERE m.session_id = s.id)::int AS message_count`;

/** $1 owner, $2 title, $3 now. */
export const insertSession = `
  INSERT INTO assistant_sessions AS s (owner, title, created_at, updated_at) VALUES ($1, $2, $3, $3)
  RETURNING s.id, s.title, s.created_at, s.updated_at, 0 AS message_count`;

/** $1 owner. */
export const sessionsOf = `
  SELECT ${sessionColumns} FROM assistant_sessions s WHERE s.owner = $1
  ORDER BY s.updated_at DESC, s.created_at DESC, s.id LIMIT ${MAX_SESSIONS_LISTED}`;

/** $1 session id, $2 owner. */
export const sessionOf = `SELECT ${sessionColumns} FROM assistant_sessions s WHERE s.id = $1 AND s.owner = $2`;

/** $1 session id, $2 owner. */
export const deleteSession = 'DELETE FROM assistant_sessions WHERE id = $1 AND owner = $2';

/** $1 session id. */
export const messagesOf = `
  SELECT m.id::text, m.role, m.text, m.tool_calls, m.error_code, m.trace_id, m.created_at
  FROM assistant_messages m WHERE m.session_id = $1 ORDER BY m.id`;

/** $1 session id: the latest messages, newest first (the caller turns them around). */
export const recentMessagesOf = `
  SELECT m.id::text, m.role, m.text, m.tool_calls, m.error_code, m.trace_id, m.created_at
  FROM assistant_messages m WHERE m.session_id = $1 ORDER BY m.id DESC LIMIT ${MAX_HISTORY_MESSAGES}`;

/**
 * Claims the owner's one answer in flight: a row is returned only when the
 * owner had none, or only an expired one. $1 owner, $2 trace id, $3 session
 * id, $4 now, $5 when the claim expires.
 */
export const claimAsk = `
  INSERT INTO assistant_asks_in_flight AS f (owner, trace_id, session_id, started_at, expires_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (owner) DO UPDATE SET trace_id = EXCLUDED.trace_id, session_id = EXCLUDED.session_id,
    started_at = EXCLUDED.started_at, expires_at = EXCLUDED.expires_at
  WHERE f.expires_at <= EXCLUDED.started_at
  RETURNING f.trace_id`;

/** The owner's answer in flight. $1 owner. */
export const askInFlight = 'SELECT trace_id, session_id, expires_at FROM assistant_asks_in_flight WHERE owner = $1';

/** $1 owner, $2 trace id. */
export const releaseAsk = 'DELETE FROM assistant_asks_in_flight WHERE owner = $1 AND trace_id = $2';

/**
 * The owner's questions since $2, and when enough of them will be an hour
 * old for one more to be allowed under the limit $3 (null while under it).
 * $1 owner, $2 an hour before now, $3 the limit.
 */
export const questionsSince = `
  SELECT count(*)::int AS asked,
    CASE WHEN count(*) >= $3::int THEN (array_agg(created_at ORDER BY created_at))[(count(*) - $3::int + 1)::int] END AS freed_by
  FROM assistant_messages WHERE owner = $1 AND role = 'user' AND created_at > $2`;

/** Adds a question and names an untitled conversation after it. $1 session id, $2 owner, $3 text, $4 trace id, $5 now. */
export const insertQuestion = `
  WITH question AS (
    INSERT INTO assistant_messages (session_id, owner, role, text, trace_id, created_at) VALUES ($1, $2, 'user', $3, $4, $5) RETURNING id
  )
  UPDATE assistant_sessions SET updated_at = $5, title = coalesce(title, left($3, 80))
  WHERE id = $1 RETURNING (SELECT id::text FROM question) AS id`;

/** Adds an answer. $1 session id, $2 owner, $3 text, $4 tool calls (JSON), $5 error code, $6 trace id, $7 now. */
export const insertAnswer = `
  WITH answer AS (
    INSERT INTO assistant_messages (session_id, owner, role, text, tool_calls, error_code, trace_id, created_at)
    VALUES ($1, $2, 'assistant', $3, $4, $5, $6, $7) RETURNING id
  )
  UPDATE assistant_sessions SET updated_at = $7 WHERE id = $1 RETURNING (SELECT id::text FROM answer) AS id`;

/** Most tool calls `mindsEyeHistory` returns. */
export const MAX_TRACE_HISTORY = 200;

export interface TraceHistoryRow {
  session_id: string;
  trace_id: string;
  created_at: Date;
  user_name: string;
  call: unknown;
}

/**
 * $1 how many, $2 whose (an owner; null: every asker's): the latest tool
 * calls of their answers, newest first (the latest answers first, each one's
 * calls last to first), with the asker's account or token name.
 */
export const traceHistory = `
  SELECT m.session_id::text, m.trace_id, m.created_at, coalesce(a.name, t.name, m.owner) AS user_name, c.call
  FROM (
    SELECT id, session_id, owner, trace_id, created_at, tool_calls FROM assistant_messages
    WHERE role = 'assistant' AND tool_calls <> '[]'::jsonb AND ($2::text IS NULL OR owner = $2) ORDER BY id DESC LIMIT $1
  ) m
  CROSS JOIN LATERAL jsonb_array_elements(m.tool_calls) WITH ORDINALITY AS c(call, n)
  LEFT JOIN accounts a ON m.owner = 'user:' || a.id::text
  LEFT JOIN api_tokens t ON m.owner = 'token:' || t.id::text
  ORDER BY m.id DESC, c.n DESC LIMIT $1`;
