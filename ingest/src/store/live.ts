import type { PoolClient } from 'pg';
import type { AcceptedEvent, EventOf } from '../event.js';
import { queryRecords } from './records.js';

/** One character's row of the batch: when it was last seen, and its latest position and vitals if the batch has them. */
interface LiveRecord {
  character_name: string;
  session_id: string | null;
  last_seen_at: Date;
  position_at?: Date;
  ew?: number; ns?: number; z?: number; heading?: number | null; landblock?: string | null; vt_state?: string | null;
  kills?: number | null; deaths?: number | null; rares_found?: number | null; prismatic_taper_count?: number | null;
  kills_per_hour?: number | null; onlinetime_s?: number | null; mem_mb?: number | null; cpu_pct?: number | null; latency_ms?: number | null;
  vitals_at?: Date;
  health_pct?: number; stamina_pct?: number; mana_pct?: number; vitae_pct?: number | null;
}

const telemetryColumns = ['ew', 'ns', 'z', 'heading', 'landblock', 'vt_state', 'kills', 'deaths', 'rares_found', 'prismatic_taper_count',
  'kills_per_hour', 'onlinetime_s', 'mem_mb', 'cpu_pct', 'latency_ms'] as const;
const vitalsColumns = ['health_pct', 'stamina_pct', 'mana_pct', 'vitae_pct'] as const;

/** `col = <from>.col` when the batch brought that part (its time column is set), else the stored value. */
const keepUnless = (present: string, columns: readonly string[], from = 'input'): string =>
  columns.map((column) => `${column} = CASE WHEN ${from}.${present} IS NULL THEN live.${column} ELSE ${from}.${column} END`).join(',\n         ');

const allColumns = ['character_name', 'session_id', 'last_seen_at', 'position_at', ...telemetryColumns, 'vitals_at', ...vitalsColumns];

// An UPDATE of the characters that have a row, then an INSERT of the others:
// cheaper than INSERT ... ON CONFLICT for a table where nearly every row exists.
const upsert = `
  WITH input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(character_name text, session_id text, last_seen_at timestamptz,
      position_at timestamptz, ew float8, ns float8, z float8, heading float8, landblock text, vt_state text, kills int,
      deaths int, rares_found int, prismatic_taper_count int, kills_per_hour float8, onlinetime_s int, mem_mb float8,
      cpu_pct float8, latency_ms float8, vitals_at timestamptz, health_pct float8, stamina_pct float8, mana_pct float8,
      vitae_pct float8)
  ), updated AS (
    UPDATE live_characters AS live
       SET session_id = coalesce(input.session_id, live.session_id),
           last_seen_at = greatest(live.last_seen_at, input.last_seen_at),
           position_at = coalesce(input.position_at, live.position_at),
           ${keepUnless('position_at', telemetryColumns)},
           vitals_at = coalesce(input.vitals_at, live.vitals_at),
           ${keepUnless('vitals_at', vitalsColumns)}
      FROM input WHERE live.character_name = input.character_name
    RETURNING live.character_name
  )
  INSERT INTO live_characters AS live (${allColumns.join(', ')})
  SELECT ${allColumns.join(', ')} FROM input WHERE character_name NOT IN (SELECT character_name FROM updated)
  ORDER BY character_name
  ON CONFLICT (character_name) DO UPDATE -- a row another writer created meanwhile: merged the same way
     SET session_id = coalesce(excluded.session_id, live.session_id),
         last_seen_at = greatest(live.last_seen_at, excluded.last_seen_at),
         position_at = coalesce(excluded.position_at, live.position_at),
         ${keepUnless('position_at', telemetryColumns, 'excluded')},
         vitals_at = coalesce(excluded.vitals_at, live.vitals_at),
         ${keepUnless('vitals_at', vitalsColumns, 'excluded')}`;

/**
 * Keeps `live_characters` current with one row write per character per batch:
 * every frame of the character lanes marks its character as seen, the latest
 * telemetry moves it, the latest vitals update its bars. The lane of
 * inventories and shared rows leaves the snapshot alone, so that its long
 * transactions never hold a character's row.
 */
export async function updateLiveCharacters(
  client: PoolClient,
  all: readonly AcceptedEvent[],
  telemetry: readonly EventOf<'telemetry'>[],
  vitals: readonly EventOf<'vitals'>[],
): Promise<void> {
  const records = new Map<string, LiveRecord>();
  for (const { frame, receivedAt } of all) {
    const record = records.get(frame.character_name) ?? { character_name: frame.character_name, session_id: null, last_seen_at: receivedAt };
    record.last_seen_at = receivedAt;
    record.session_id = frame.session_id ?? record.session_id;
    records.set(frame.character_name, record);
  }
  const recordOf = ({ frame }: AcceptedEvent): LiveRecord => records.get(frame.character_name) as LiveRecord;
  for (const event of telemetry) {
    const { frame: f } = event;
    Object.assign(recordOf(event), {
      position_at: f.timestamp, ew: f.ew, ns: f.ns, z: f.z, heading: f.heading, landblock: f.landblock, vt_state: f.vt_state,
      kills: f.kills, deaths: f.deaths, rares_found: f.rares_found, prismatic_taper_count: f.prismatic_taper_count,
      kills_per_hour: f.kills_per_hour, onlinetime_s: f.onlinetime, mem_mb: f.mem_mb, cpu_pct: f.cpu_pct, latency_ms: f.latency_ms,
    });
  }
  for (const event of vitals) {
    const { frame: f } = event;
    Object.assign(recordOf(event), {
      vitals_at: f.timestamp, health_pct: f.health_pct, stamina_pct: f.stamina_pct, mana_pct: f.mana_pct, vitae_pct: f.vitae_pct,
    });
  }
  await queryRecords(client, upsert, [...records.values()]);
}
