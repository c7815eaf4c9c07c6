import type { PoolClient } from 'pg';
import type { AcceptedEvent, EventOf } from '../event.js';
import { lastByKey, queryRecords } from './records.js';

const byCharacter = (event: AcceptedEvent): string => event.frame.character_name;

/**
 * Keeps `live_characters` current: every frame marks its character as seen,
 * telemetry moves it, vitals update its bars. Only the latest of each is written.
 */
export async function updateLiveCharacters(
  client: PoolClient,
  all: readonly AcceptedEvent[],
  telemetry: readonly EventOf<'telemetry'>[],
  vitals: readonly EventOf<'vitals'>[],
): Promise<void> {
  await queryRecords(
    client,
    `INSERT INTO live_characters AS live (character_name, session_id, last_seen_at)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(character_name text, session_id text, last_seen_at timestamptz)
     ON CONFLICT (character_name) DO UPDATE
       SET session_id = coalesce(excluded.session_id, live.session_id),
           last_seen_at = greatest(live.last_seen_at, excluded.last_seen_at)`,
    lastByKey(all, byCharacter).map(({ frame, receivedAt }) => ({
      character_name: frame.character_name,
      session_id: frame.session_id,
      last_seen_at: receivedAt,
    })),
  );
  await queryRecords(
    client,
    `INSERT INTO live_characters AS live (character_name, session_id, last_seen_at, position_at, ew, ns, z, heading, landblock,
       vt_state, kills, deaths, rares_found, prismatic_taper_count, kills_per_hour, onlinetime_s, mem_mb, cpu_pct, latency_ms)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(character_name text, session_id text, last_seen_at timestamptz,
       position_at timestamptz, ew float8, ns float8, z float8, heading float8, landblock text, vt_state text, kills int,
       deaths int, rares_found int, prismatic_taper_count int, kills_per_hour float8, onlinetime_s int, mem_mb float8,
       cpu_pct float8, latency_ms float8)
     ON CONFLICT (character_name) DO UPDATE
       SET position_at = excluded.position_at, ew = excluded.ew, ns = excluded.ns, z = excluded.z,
           heading = excluded.heading, landblock = excluded.landblock, vt_state = excluded.vt_state,
           kills = excluded.kills, deaths = excluded.deaths, rares_found = excluded.rares_found,
           prismatic_taper_count = excluded.prismatic_taper_count, kills_per_hour = excluded.kills_per_hour,
           onlinetime_s = excluded.onlinetime_s, mem_mb = excluded.mem_mb, cpu_pct = excluded.cpu_pct,
           latency_ms = excluded.latency_ms`,
    lastByKey(telemetry, byCharacter).map(({ frame: f, receivedAt }) => ({
      character_name: f.character_name,
      session_id: f.session_id,
      last_seen_at: receivedAt,
      position_at: f.timestamp,
      ew: f.ew,
      ns: f.ns,
      z: f.z,
      heading: f.heading,
      landblock: f.landblock,
      vt_state: f.vt_state,
      kills: f.kills,
      deaths: f.deaths,
      rares_found: f.rares_found,
      prismatic_taper_count: f.prismatic_taper_count,
      kills_per_hour: f.kills_per_hour,
      onlinetime_s: f.onlinetime,
      mem_mb: f.mem_mb,
      cpu_pct: f.cpu_pct,
      latency_ms: f.latency_ms,
    })),
  );
  await queryRecords(
    client,
    `INSERT INTO live_characters AS live (character_name, session_id, last_seen_at, vitals_at, health_pct, stamina_pct, mana_pct, vitae_pct)
     SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(character_name text, session_id text, last_seen_at timestamptz,
       vitals_at timestamptz, health_pct float8, stamina_pct float8, mana_pct float8, vitae_pct float8)
     ON CONFLICT (character_name) DO UPDATE
       SET vitals_at = excluded.vitals_at, health_pct = excluded.health_pct, stamina_pct = excluded.stamina_pct,
           mana_pct = excluded.mana_pct, vitae_pct = excluded.vitae_pct`,
    lastByKey(vitals, byCharacter).map(({ frame: f, receivedAt }) => ({
      character_name: f.character_name,
      session_id: f.session_id,
      last_seen_at: receivedAt,
      vitals_at: f.timestamp,
      health_pct: f.health_pct,
      stamina_pct: f.stamina_pct,
      mana_pct: f.mana_pct,
      vitae_pct: f.vitae_pct,
    })),
  );
}
