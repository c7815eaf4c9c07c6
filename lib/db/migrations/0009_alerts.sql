-- Up Migration

-- Alerts ingest derives (ingest/src/alerts): stored, then published. The id
-- only grows, and ids become visible in their order: every writer takes the
-- `alerts` advisory lock (ingest/src/alerts/store.ts) for the rest of its
-- transaction before it inserts, so a reader that holds the newest id it has
-- seen misses nothing by asking for the ids above it.
CREATE TABLE alerts (
  id             bigserial PRIMARY KEY,
  type           text NOT NULL CHECK (type IN ('DEATH', 'IDLE', 'IDLE_ENDED', 'VORTEX', 'RARE', 'OFFLINE')),
  character_name text NOT NULL,
  occurred_at    timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  ew             double precision,
  ns             double precision,
  z              double precision,
  landblock      text,
  -- RARE: {"name", "tier"}; VORTEX: {"text"}; IDLE, IDLE_ENDED: {"idle_since"}; OFFLINE: {"last_seen_at"}.
  detail         jsonb NOT NULL DEFAULT '{}',
  -- What makes an alert the same one when its frame arrives twice (a resent chat line's text, a rare's name).
  dedup_key      text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX alerts_once ON alerts (character_name, type, occurred_at, dedup_key);
CREATE INDEX alerts_type ON alerts (type, id DESC);
CREATE INDEX alerts_character ON alerts (character_name, id DESC);
CREATE INDEX alerts_created ON alerts (created_at);
INSERT INTO retention_policies VALUES ('alerts', 'created_at', interval '90 days', 'rows');

-- What detection remembers of each character between batches, whichever
-- ingest instance wrote them: the row is locked for the batch's transaction.
CREATE TABLE alert_state (
  character_name text PRIMARY KEY,
  -- The latest telemetry considered (plugin clock), and what it reported.
  session_id     text,
  telemetry_at   timestamptz,
  ew             double precision,
  ns             double precision,
  z              double precision,
  landblock      text,
  kills          integer,
  deaths         integer,
  -- The earliest report of the deaths counter's current value.
  deaths_since   timestamptz,
  -- The latest vitals considered (plugin clock), their vitae, and the earliest
  -- report of the current run of vitae (none, or some).
  vitals_at      timestamptz,
  vitae_pct      double precision,
  vitae_since    timestamptz,
  -- The last DEATH alert's time, for the cooldown.
  last_death_at  timestamptz,
  -- The idle spell under way (null: active), where it began, and whether its IDLE alert fired.
  idle_since     timestamptz,
  idle_ew        double precision,
  idle_ns        double precision,
  idle_alerted   boolean NOT NULL DEFAULT false,
  -- When its plugin last closed cleanly (a logout): not idle, and not offline, until it reports again.
  logged_out_at  timestamptz,
  -- The last_seen_at of live_characters an OFFLINE alert was raised for: one per silence.
  offline_for    timestamptz
);

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lifestone_assistant_readonly') THEN
    -- Keep in step with TELEMETRY_TABLES in agent/src/sql/allowlist.ts (a test compares them).
    GRANT SELECT ON alerts TO lifestone_assistant_readonly;
  END IF;
END $$;

-- Down Migration

DELETE FROM retention_policies WHERE table_name = 'alerts';
DROP TABLE IF EXISTS alert_state;
DROP TABLE IF EXISTS alerts;
