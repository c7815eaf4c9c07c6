-- Up Migration

-- Time series: with TimescaleDB (installed and preloaded) a hypertable with a
-- retention policy; otherwise a table partitioned by day on received_at whose
-- partitions the maintenance job creates ahead and drops when expired
-- (lib/db/retention.ts). received_at is the server's clock, so every row has a
-- partition even when a plugin's own timestamp is wrong.

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
     AND current_setting('shared_preload_libraries') LIKE '%timescaledb%' THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
  END IF;
END $$;

-- What the maintenance job keeps and for how long.
CREATE TABLE retention_policies (
  table_name  text PRIMARY KEY,
  time_column text NOT NULL,
  keep        interval NOT NULL,
  method      text NOT NULL CHECK (method IN ('partitions', 'hypertable', 'rows'))
);

CREATE FUNCTION lifestone_create_time_series(p_table text, p_columns text, p_keep interval)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
    EXECUTE format('CREATE TABLE %I (%s)', p_table, p_columns);
    PERFORM create_hypertable(p_table::regclass, 'received_at', chunk_time_interval => interval '1 day');
    PERFORM add_retention_policy(p_table::regclass, p_keep);
    INSERT INTO retention_policies VALUES (p_table, 'received_at', p_keep, 'hypertable');
  ELSE
    EXECUTE format('CREATE TABLE %I (%s) PARTITION BY RANGE (received_at)', p_table, p_columns);
    INSERT INTO retention_policies VALUES (p_table, 'received_at', p_keep, 'partitions');
  END IF;
END $$;

-- Position reports, every 2 s per character.
SELECT lifestone_create_time_series('telemetry_events', $cols$
  received_at           timestamptz NOT NULL,
  observed_at           timestamptz NOT NULL,
  character_name        text NOT NULL,
  session_id            text,
  ew                    double precision,
  ns                    double precision,
  z                     double precision,
  heading               double precision,
  landblock             text,
  kills                 integer,
  deaths                integer,
  rares_found           integer,
  prismatic_taper_count integer,
  kills_per_hour        double precision,
  onlinetime_s          integer,
  vt_state              text,
  mem_mb                double precision,
  cpu_pct               double precision,
  latency_ms            double precision,
  extra                 jsonb
$cols$, interval '30 days');
CREATE INDEX telemetry_events_character_time ON telemetry_events (character_name, received_at DESC);

-- Monsters seen, for the spawn heatmap.
SELECT lifestone_create_time_series('spawn_events', $cols$
  received_at    timestamptz NOT NULL,
  observed_at    timestamptz NOT NULL,
  character_name text NOT NULL,
  session_id     text,
  monster_name   text NOT NULL,
  ew             double precision,
  ns             double precision,
  z              double precision,
  landblock      text,
  extra          jsonb
$cols$, interval '7 days');
CREATE INDEX spawn_events_time ON spawn_events (received_at DESC);

-- Vitals reports, including those a plugin shares with its fellowship.
SELECT lifestone_create_time_series('vitals_events', $cols$
  received_at     timestamptz NOT NULL,
  observed_at     timestamptz NOT NULL,
  character_name  text NOT NULL,
  session_id      text,
  health_pct      double precision,
  stamina_pct     double precision,
  mana_pct        double precision,
  vitae_pct       double precision,
  health_current  integer,
  health_max      integer,
  stamina_current integer,
  stamina_max     integer,
  mana_current    integer,
  mana_max        integer,
  group_name      text,
  extra           jsonb
$cols$, interval '30 days');
CREATE INDEX vitals_events_character_time ON vitals_events (character_name, received_at DESC);

-- Chat lines as the character saw them.
SELECT lifestone_create_time_series('chat_messages', $cols$
  received_at    timestamptz NOT NULL,
  observed_at    timestamptz NOT NULL,
  character_name text NOT NULL,
  session_id     text,
  channel        text NOT NULL,
  sender         text,
  text           text NOT NULL,
  color          integer,
  extra          jsonb
$cols$, interval '30 days');
CREATE INDEX chat_messages_time ON chat_messages (received_at DESC);
CREATE INDEX chat_messages_character_time ON chat_messages (character_name, received_at DESC);

-- Rares are kept forever.
CREATE TABLE rare_events (
  id             bigserial PRIMARY KEY,
  received_at    timestamptz NOT NULL,
  observed_at    timestamptz NOT NULL,
  character_name text NOT NULL,
  session_id     text,
  name           text NOT NULL,
  tier           text NOT NULL CHECK (tier IN ('common', 'great')),
  ew             double precision,
  ns             double precision,
  z              double precision,
  landblock      text,
  extra          jsonb
);
CREATE INDEX rare_events_time ON rare_events (received_at DESC);
CREATE INDEX rare_events_character ON rare_events (character_name, received_at DESC);

-- Portals, one row per spot (coordinates rounded to 0.1), expiring an hour after last seen.
CREATE TABLE portals (
  ew_key         numeric(5, 1) NOT NULL,
  ns_key         numeric(5, 1) NOT NULL,
  portal_name    text NOT NULL,
  ew             double precision NOT NULL,
  ns             double precision NOT NULL,
  z              double precision,
  landblock      text,
  first_seen_at  timestamptz NOT NULL,
  last_seen_at   timestamptz NOT NULL,
  discovered_by  text NOT NULL,
  last_seen_by   text NOT NULL,
  sightings      integer NOT NULL,
  extra          jsonb,
  PRIMARY KEY (ew_key, ns_key)
);
CREATE INDEX portals_last_seen ON portals (last_seen_at);
INSERT INTO retention_policies VALUES ('portals', 'last_seen_at', interval '1 hour', 'rows');

-- Latest character sheet per character.
CREATE TABLE character_stats (
  character_name text PRIMARY KEY,
  received_at    timestamptz NOT NULL,
  observed_at    timestamptz NOT NULL,
  level          integer,
  race           text,
  gender         text,
  birth          text,
  total_xp       bigint,
  unassigned_xp  bigint,
  skill_credits  integer,
  deaths         integer,
  luminance      bigint,
  title          text,
  attributes     jsonb,
  vitals         jsonb,
  skills         jsonb,
  allegiance     jsonb,
  extra          jsonb
);

-- Quests as last reported; each quest frame replaces the character's list.
CREATE TABLE quests (
  character_name text NOT NULL,
  quest_name     text NOT NULL,
  solves         integer,
  max_solves     integer,
  completed_at   timestamptz,
  available_in_s integer,
  observed_at    timestamptz NOT NULL,
  extra          jsonb,
  PRIMARY KEY (character_name, quest_name)
);

-- Spells active on the character, as last reported.
CREATE TABLE equipment_effects (
  character_name text NOT NULL,
  position       integer NOT NULL,
  spell_id       integer,
  name           text,
  duration_s     double precision,
  caster         text,
  observed_at    timestamptz NOT NULL,
  extra          jsonb,
  PRIMARY KEY (character_name, position)
);

-- Inventory, normalised: every known item property has its column (lists and
-- ratings their tables), `extra` keeps the properties the protocol does not name,
-- and inventory_snapshots keeps each full_inventory frame whole.
CREATE TABLE inventory_items (
  character_name      text NOT NULL,
  item_id             bigint NOT NULL,
  name                text,
  object_class        text,
  container_id        bigint,
  equipped_slot       text,
  value               bigint,
  burden              integer,
  material            text,
  set_name            text,
  armor_level         integer,
  coverage            text[],
  tinks               integer,
  workmanship         double precision,
  imbue               text,
  max_damage          double precision,
  attack_bonus        double precision,
  melee_defense_bonus double precision,
  magic_defense_bonus double precision,
  mana                integer,
  max_mana            integer,
  spellcraft          integer,
  extra               jsonb,
  updated_at          timestamptz NOT NULL,
  PRIMARY KEY (character_name, item_id)
);
CREATE INDEX inventory_items_set ON inventory_items (set_name) WHERE set_name IS NOT NULL;
CREATE INDEX inventory_items_class ON inventory_items (object_class);

CREATE TABLE inventory_item_spells (
  character_name text NOT NULL,
  item_id        bigint NOT NULL,
  spell          text NOT NULL,
  PRIMARY KEY (character_name, item_id, spell),
  FOREIGN KEY (character_name, item_id) REFERENCES inventory_items ON DELETE CASCADE
);
CREATE INDEX inventory_item_spells_spell ON inventory_item_spells (spell);

CREATE TABLE inventory_item_requirements (
  character_name text NOT NULL,
  item_id        bigint NOT NULL,
  position       integer NOT NULL,
  skill          text,
  level          integer,
  PRIMARY KEY (character_name, item_id, position),
  FOREIGN KEY (character_name, item_id) REFERENCES inventory_items ON DELETE CASCADE
);

CREATE TABLE inventory_item_ratings (
  character_name     text NOT NULL,
  item_id            bigint NOT NULL,
  damage             integer,
  damage_resist      integer,
  crit               integer,
  crit_damage        integer,
  crit_resist        integer,
  crit_damage_resist integer,
  heal_boost         integer,
  vitality           integer,
  PRIMARY KEY (character_name, item_id),
  FOREIGN KEY (character_name, item_id) REFERENCES inventory_items ON DELETE CASCADE
);

-- The last full_inventory frame of each character, as received.
CREATE TABLE inventory_snapshots (
  character_name text PRIMARY KEY,
  received_at    timestamptz NOT NULL,
  observed_at    timestamptz NOT NULL,
  item_count     integer NOT NULL,
  frame          jsonb NOT NULL
);

-- The latest cumulative combat snapshot of each play session.
CREATE TABLE combat_sessions (
  character_name text NOT NULL,
  session_key    text NOT NULL, -- session_id, or '' when the plugin sends none
  started_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  snapshot       jsonb NOT NULL,
  PRIMARY KEY (character_name, session_key)
);
CREATE INDEX combat_sessions_latest ON combat_sessions (character_name, updated_at DESC);

-- Lifetime combat totals, the sum of every session's increase.
CREATE TABLE combat_lifetime_monsters (
  character_name text NOT NULL,
  monster        text NOT NULL,
  kills          bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (character_name, monster)
);

CREATE TABLE combat_lifetime_elements (
  character_name text NOT NULL,
  monster        text NOT NULL,
  element        text NOT NULL,
  offense_hits    bigint NOT NULL DEFAULT 0,
  offense_misses  bigint NOT NULL DEFAULT 0,
  offense_crits   bigint NOT NULL DEFAULT 0,
  offense_damage  double precision NOT NULL DEFAULT 0,
  offense_max_hit double precision NOT NULL DEFAULT 0,
  defense_hits    bigint NOT NULL DEFAULT 0,
  defense_evades  bigint NOT NULL DEFAULT 0,
  defense_resists bigint NOT NULL DEFAULT 0,
  defense_damage  double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (character_name, monster, element)
);

-- Session counters as last reported by telemetry, and their lifetime sums;
-- tapers are a stock (prismatic tapers carried), kept as last reported.
CREATE TABLE counter_sessions (
  character_name text NOT NULL,
  session_key    text NOT NULL,
  kills          integer NOT NULL,
  deaths         integer NOT NULL,
  rares          integer NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (character_name, session_key)
) WITH (fillfactor = 70);

CREATE TABLE character_counters (
  character_name text PRIMARY KEY,
  kills          bigint NOT NULL DEFAULT 0,
  deaths         bigint NOT NULL DEFAULT 0,
  rares          bigint NOT NULL DEFAULT 0,
  tapers         integer,
  updated_at     timestamptz NOT NULL
);

-- The live snapshot of every character: latest position, state and vitals.
CREATE TABLE live_characters (
  character_name        text PRIMARY KEY,
  session_id            text,
  last_seen_at          timestamptz NOT NULL,
  position_at           timestamptz,
  ew                    double precision,
  ns                    double precision,
  z                     double precision,
  heading               double precision,
  landblock             text,
  vt_state              text,
  kills                 integer,
  deaths                integer,
  rares_found           integer,
  prismatic_taper_count integer,
  kills_per_hour        double precision,
  onlinetime_s          integer,
  mem_mb                double precision,
  cpu_pct               double precision,
  latency_ms            double precision,
  vitals_at             timestamptz,
  health_pct            double precision,
  stamina_pct           double precision,
  mana_pct              double precision,
  vitae_pct             double precision
) WITH (fillfactor = 70); -- rewritten every batch: room for HOT updates, and no index on what changes

-- Radar: the objects around each character, as last reported.
CREATE TABLE nearby_objects (
  character_name text PRIMARY KEY,
  observed_at    timestamptz NOT NULL,
  objects        jsonb NOT NULL
);

-- Dungeon layouts, one per landblock, as last mapped.
CREATE TABLE dungeon_maps (
  landblock      text PRIMARY KEY,
  observed_at    timestamptz NOT NULL,
  character_name text NOT NULL,
  tiles          jsonb NOT NULL,
  extra          jsonb
);

-- Game server status, as last checked.
CREATE TABLE server_status (
  server      text PRIMARY KEY,
  status      text NOT NULL CHECK (status IN ('up', 'down', 'unknown')),
  players     integer,
  latency_ms  double precision,
  checked_at  timestamptz NOT NULL,
  extra       jsonb
);

-- Accepted events the database refused (a value out of a column's range):
-- kept whole with the reason, never silently dropped. `frame` is JSON text,
-- not jsonb, so that even text jsonb refuses (a NUL character) is kept.
CREATE TABLE undeliverable_events (
  id          bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL,
  frame_type  text NOT NULL,
  frame       text NOT NULL,
  error       text NOT NULL,
  failed_at   timestamptz NOT NULL DEFAULT now()
);

-- Down Migration

DROP TABLE IF EXISTS undeliverable_events, server_status, dungeon_maps, nearby_objects, live_characters,
  character_counters, counter_sessions, combat_lifetime_elements, combat_lifetime_monsters, combat_sessions,
  inventory_snapshots, inventory_item_ratings, inventory_item_requirements, inventory_item_spells,
  inventory_items, equipment_effects, quests, character_stats, portals, rare_events, chat_messages,
  vitals_events, spawn_events, telemetry_events, retention_policies;
DROP FUNCTION IF EXISTS lifestone_create_time_series(text, text, interval);
