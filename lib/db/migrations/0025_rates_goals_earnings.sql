-- Up Migration

-- Rates, goals and what the fleet earns (subgraphs/telemetry/earnings.ts).

-- Every character sheet's experience, luminance and level as received (on
-- login, then every 10 minutes): the experience a character earned between
-- two moments is the difference of two rows, found by one index probe each.
CREATE TABLE xp_samples (
  character_name text NOT NULL,
  received_at    timestamptz NOT NULL,
  total_xp       bigint,
  luminance      bigint,
  level          integer,
  PRIMARY KEY (character_name, received_at)
);
INSERT INTO retention_policies VALUES ('xp_samples', 'received_at', interval '30 days', 'rows');

-- Per character and minute, beside kills, deaths and rares: the prismatic
-- tapers used (the carried stock's decreases) and the value picked up and
-- lost (inventory adds and removes; a move between the character's own
-- packs is an update of the same item and changes no value).
ALTER TABLE activity_minutes
  ADD COLUMN tapers_used  integer NOT NULL DEFAULT 0,
  ADD COLUMN value_gained bigint NOT NULL DEFAULT 0,
  ADD COLUMN value_lost   bigint NOT NULL DEFAULT 0;

-- When each session began (its first telemetry's receive time): a session's
-- rates are measured from there. Null for sessions written before this.
ALTER TABLE counter_sessions ADD COLUMN started_at timestamptz;

-- Where each person (or API token) last reset their rates: their measuring
-- windows start no earlier. `owner` is `user:<account id>` or `token:<id>`.
CREATE TABLE rate_resets (
  owner      text PRIMARY KEY,
  started_at timestamptz NOT NULL
);

-- Goals a person set for a character. `baseline` is what was measured when
-- the goal was set (experience, or the monster's lifetime kills); LEVEL goals
-- measure the level itself and RARES goals the rares found since `created_at`.
CREATE TABLE goals (
  id             bigserial PRIMARY KEY,
  owner          text NOT NULL,
  owner_name     text NOT NULL,
  character_name text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('LEVEL', 'EXPERIENCE', 'KILLS', 'RARES')),
  monster        text,
  target         bigint NOT NULL CHECK (target > 0),
  baseline       bigint NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL,
  reached_at     timestamptz,
  CHECK ((kind = 'KILLS') = (monster IS NOT NULL))
);
CREATE INDEX goals_owner ON goals (owner, id);
-- Ingest checks the open goals of a batch's characters: only those.
CREATE INDEX goals_open ON goals (character_name) WHERE reached_at IS NULL;

-- Each goal with what it has come to: LEVEL the character's level,
-- EXPERIENCE the experience earned since it was set, KILLS the monster's
-- kills since, RARES the rares found since. Ingest (whether a goal is
-- reached) and the telemetry subgraph (progress) read this one definition.
CREATE VIEW goal_progress AS
SELECT g.*,
       CASE g.kind
         WHEN 'LEVEL' THEN s.level::bigint
         WHEN 'EXPERIENCE' THEN greatest(s.total_xp - g.baseline, 0)
         WHEN 'KILLS' THEN greatest(coalesce((SELECT m.kills FROM combat_lifetime_monsters m
                                               WHERE m.character_name = g.character_name AND m.monster = g.monster), 0) - g.baseline, 0)
         WHEN 'RARES' THEN (SELECT count(*) FROM rare_events r
                             WHERE r.character_name = g.character_name AND r.received_at >= g.created_at)
       END AS progress
  FROM goals g LEFT JOIN character_stats s USING (character_name);

-- The fleet's loot alert: an item picked up worth at least `min_value`
-- raises a LOOT alert. One row; no row (or null) raises none.
CREATE TABLE loot_settings (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  min_value  bigint CHECK (min_value > 0),
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL
);

ALTER TABLE alerts DROP CONSTRAINT IF EXISTS alerts_type_check;
ALTER TABLE alerts ADD CONSTRAINT alerts_type_check
  CHECK (type IN ('DEATH', 'IDLE', 'IDLE_ENDED', 'VORTEX', 'RARE', 'OFFLINE', 'GOAL_REACHED', 'LOOT'));

-- Down Migration

ALTER TABLE alerts DROP CONSTRAINT IF EXISTS alerts_type_check;
DELETE FROM alerts WHERE type IN ('GOAL_REACHED', 'LOOT');
ALTER TABLE alerts ADD CONSTRAINT alerts_type_check CHECK (type IN ('DEATH', 'IDLE', 'IDLE_ENDED', 'VORTEX', 'RARE', 'OFFLINE'));
DROP VIEW IF EXISTS goal_progress;
DROP TABLE IF EXISTS loot_settings, goals, rate_resets;
ALTER TABLE counter_sessions DROP COLUMN IF EXISTS started_at;
ALTER TABLE activity_minutes DROP COLUMN IF EXISTS value_lost, DROP COLUMN IF EXISTS value_gained, DROP COLUMN IF EXISTS tapers_used;
DELETE FROM retention_policies WHERE table_name = 'xp_samples';
DROP TABLE IF EXISTS xp_samples;
