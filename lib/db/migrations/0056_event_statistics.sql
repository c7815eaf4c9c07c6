-- Up Migration

-- Autovacuum analyzes a young daily partition about every minute (each
-- minute of a new day adds more than a tenth of its rows), and ANALYZE
-- computes statistics for every column of its 30,000-row sample. At 10,000
-- characters, the pass over telemetry and vitals took 0.6-0.8 s of CPU a
-- minute, in one burst on a machine already busy with the fleet: the
-- slowest seconds of a benchmark minute fell on those passes.
--
-- The planner uses statistics only of the columns queries filter, group or
-- sort on: when, whose, where (and a fellowship's name, a channel, a
-- monster). The others (coordinates, counters, bars, payloads) are only
-- read back; they keep no statistics, and the passes compute about a third
-- as much. An ad hoc query filtering on one of them is estimated with
-- PostgreSQL's default selectivities. ALTER TABLE reaches the existing
-- partitions; maintenance gives each new partition its table's targets
-- (partitions.ts).
ALTER TABLE telemetry_events
  ALTER COLUMN observed_at SET STATISTICS 0, ALTER COLUMN session_id SET STATISTICS 0,
  ALTER COLUMN ew SET STATISTICS 0, ALTER COLUMN ns SET STATISTICS 0, ALTER COLUMN z SET STATISTICS 0,
  ALTER COLUMN heading SET STATISTICS 0, ALTER COLUMN kills SET STATISTICS 0, ALTER COLUMN deaths SET STATISTICS 0,
  ALTER COLUMN rares_found SET STATISTICS 0, ALTER COLUMN prismatic_taper_count SET STATISTICS 0,
  ALTER COLUMN kills_per_hour SET STATISTICS 0, ALTER COLUMN onlinetime_s SET STATISTICS 0,
  ALTER COLUMN vt_state SET STATISTICS 0, ALTER COLUMN mem_mb SET STATISTICS 0, ALTER COLUMN cpu_pct SET STATISTICS 0,
  ALTER COLUMN latency_ms SET STATISTICS 0, ALTER COLUMN extra SET STATISTICS 0;

ALTER TABLE vitals_events
  ALTER COLUMN observed_at SET STATISTICS 0, ALTER COLUMN session_id SET STATISTICS 0,
  ALTER COLUMN health_pct SET STATISTICS 0, ALTER COLUMN stamina_pct SET STATISTICS 0,
  ALTER COLUMN mana_pct SET STATISTICS 0, ALTER COLUMN vitae_pct SET STATISTICS 0,
  ALTER COLUMN health_current SET STATISTICS 0, ALTER COLUMN health_max SET STATISTICS 0,
  ALTER COLUMN stamina_current SET STATISTICS 0, ALTER COLUMN stamina_max SET STATISTICS 0,
  ALTER COLUMN mana_current SET STATISTICS 0, ALTER COLUMN mana_max SET STATISTICS 0,
  ALTER COLUMN extra SET STATISTICS 0;

ALTER TABLE spawn_events
  ALTER COLUMN observed_at SET STATISTICS 0, ALTER COLUMN session_id SET STATISTICS 0,
  ALTER COLUMN z SET STATISTICS 0, ALTER COLUMN extra SET STATISTICS 0;

ALTER TABLE chat_messages
  ALTER COLUMN observed_at SET STATISTICS 0, ALTER COLUMN session_id SET STATISTICS 0,
  ALTER COLUMN text SET STATISTICS 0, ALTER COLUMN color SET STATISTICS 0, ALTER COLUMN extra SET STATISTICS 0;

-- Down Migration

ALTER TABLE telemetry_events
  ALTER COLUMN observed_at SET STATISTICS -1, ALTER COLUMN session_id SET STATISTICS -1,
  ALTER COLUMN ew SET STATISTICS -1, ALTER COLUMN ns SET STATISTICS -1, ALTER COLUMN z SET STATISTICS -1,
  ALTER COLUMN heading SET STATISTICS -1, ALTER COLUMN kills SET STATISTICS -1, ALTER COLUMN deaths SET STATISTICS -1,
  ALTER COLUMN rares_found SET STATISTICS -1, ALTER COLUMN prismatic_taper_count SET STATISTICS -1,
  ALTER COLUMN kills_per_hour SET STATISTICS -1, ALTER COLUMN onlinetime_s SET STATISTICS -1,
  ALTER COLUMN vt_state SET STATISTICS -1, ALTER COLUMN mem_mb SET STATISTICS -1, ALTER COLUMN cpu_pct SET STATISTICS -1,
  ALTER COLUMN latency_ms SET STATISTICS -1, ALTER COLUMN extra SET STATISTICS -1;
ALTER TABLE vitals_events
  ALTER COLUMN observed_at SET STATISTICS -1, ALTER COLUMN session_id SET STATISTICS -1,
  ALTER COLUMN health_pct SET STATISTICS -1, ALTER COLUMN stamina_pct SET STATISTICS -1,
  ALTER COLUMN mana_pct SET STATISTICS -1, ALTER COLUMN vitae_pct SET STATISTICS -1,
  ALTER COLUMN health_current SET STATISTICS -1, ALTER COLUMN health_max SET STATISTICS -1,
  ALTER COLUMN stamina_current SET STATISTICS -1, ALTER COLUMN stamina_max SET STATISTICS -1,
  ALTER COLUMN mana_current SET STATISTICS -1, ALTER COLUMN mana_max SET STATISTICS -1,
  ALTER COLUMN extra SET STATISTICS -1;
ALTER TABLE spawn_events
  ALTER COLUMN observed_at SET STATISTICS -1, ALTER COLUMN session_id SET STATISTICS -1,
  ALTER COLUMN z SET STATISTICS -1, ALTER COLUMN extra SET STATISTICS -1;
ALTER TABLE chat_messages
  ALTER COLUMN observed_at SET STATISTICS -1, ALTER COLUMN session_id SET STATISTICS -1,
  ALTER COLUMN text SET STATISTICS -1, ALTER COLUMN color SET STATISTICS -1, ALTER COLUMN extra SET STATISTICS -1;
