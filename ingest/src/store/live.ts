import type { PoolClient } from 'pg';
import type { Frame } from '@lifestone/lib/protocol';
import type { AcceptedEvent } from '../accepted-event.js';
import type { FormattedFrame } from '../frame-decoder/formatted-frame.js';
import { queryPrepared } from './upserts.js';

const telemetryColumns = ['ew', 'ns', 'z', 'heading', 'landblock', 'vt_state', 'kills', 'deaths', 'rares_found', 'prismatic_taper_count',
  'kills_per_hour', 'onlinetime_s', 'mem_mb', 'cpu_pct', 'latency_ms'] as const;
const vitalsColumns = ['health_pct', 'stamina_pct', 'mana_pct', 'vitae_pct'] as const;

/** `col = <from>.col` when the batch brought that part (its time column is set), else the stored value. */
const keepUnless = (present: string, columns: readonly string[], from = 'input'): string =>
  columns.map((column) => `${column} = CASE WHEN ${from}.${present} IS NULL THEN live.${column} ELSE ${from}.${column} END`).join(',\n         ');

const allColumns = ['character_name', 'session_id', 'last_seen_at', 'position_at', ...telemetryColumns, 'vitals_at', ...vitalsColumns, 'game', 'server', 'dimension'];
/** What a new row takes of the batch: a character whose frames named no game yet is of the first one. */
const insertedValues = allColumns.map((column) => (column === 'game' ? "coalesce(game, 'ASHERONS_CALL')" : column));

/**
 * The game and where, from the batch's latest telemetry or vitals (the
 * `game` member is set by both, so null means neither came): the server
 * from either, the dimension from telemetry, as a position is.
 */
const placeFrom = (from: string): string => `game = coalesce(${from}.game, live.game),
         server = CASE WHEN ${from}.game IS NULL THEN live.server ELSE ${from}.server END,
         dimension = CASE WHEN ${from}.position_at IS NULL THEN live.dimension ELSE ${from}.dimension END`;

// An UPDATE of the characters that have a row, then an INSERT of the others:
// cheaper than INSERT ... ON CONFLICT for a table where nearly every row exists.
const upsert = `
  WITH input AS (
    SELECT * FROM json_to_recordset($1::json) AS r(character_name text, session_id text, last_seen_at timestamptz,
      position_at timestamptz, ew float8, ns float8, z float8, heading float8, landblock text, vt_state text, kills int,
      deaths int, rares_found int, prismatic_taper_count int, kills_per_hour float8, onlinetime_s int, mem_mb float8,
      cpu_pct float8, latency_ms float8, vitals_at timestamptz, health_pct float8, stamina_pct float8, mana_pct float8,
      vitae_pct float8, game text, server text, dimension text)
  ), updated AS (
    UPDATE live_characters AS live
       SET session_id = coalesce(input.session_id, live.session_id),
           last_seen_at = greatest(live.last_seen_at, input.last_seen_at),
           position_at = coalesce(input.position_at, live.position_at),
           ${keepUnless('position_at', telemetryColumns)},
           vitals_at = coalesce(input.vitals_at, live.vitals_at),
           ${keepUnless('vitals_at', vitalsColumns)},
           ${placeFrom('input')}
      FROM input
     -- The names again, as an array the primary key is searched with: joined with input alone the planner reads the
     -- whole table, a cost that grows with the fleet rather than the batch.
     WHERE live.character_name = ANY($2::text[]) AND live.character_name = input.character_name
    RETURNING live.character_name
  )
  INSERT INTO live_characters AS live (${allColumns.join(', ')})
  SELECT ${insertedValues.join(', ')} FROM input WHERE character_name NOT IN (SELECT character_name FROM updated)
  ORDER BY character_name
  ON CONFLICT (character_name) DO UPDATE -- a row another writer created meanwhile: merged the same way
     SET session_id = coalesce(excluded.session_id, live.session_id),
         last_seen_at = greatest(live.last_seen_at, excluded.last_seen_at),
         position_at = coalesce(excluded.position_at, live.position_at),
         ${keepUnless('position_at', telemetryColumns, 'excluded')},
         vitals_at = coalesce(excluded.vitals_at, live.vitals_at),
         ${keepUnless('vitals_at', vitalsColumns, 'excluded')},
         ${placeFrom('excluded')}`;

/** The live row's columns that telemetry and vitals fill, each with the frame field it comes from. */
const liveFields = {
  telemetry: [['position_at', 'timestamp'], ...telemetryColumns.map((column) => [column, column === 'onlinetime_s' ? 'onlinetime' : column])],
  vitals: [['vitals_at', 'timestamp'], ...vitalsColumns.map((column) => [column, column])],
} as const;

/**
 * The members of a frame's part of its character's live row, as JSON text
 * without braces: telemetry's position and counters, vitals' bars, and from
 * both the game and server (telemetry also the dimension) their frame named
 * in its extra fields; undefined for other frames. Made where the frame is decoded (see
 * frame-decoder/decode-frames.ts), so that the writer only joins text.
 */
export function liveMembers(frame: Frame, formatted: FormattedFrame): string | undefined {
  if (frame.type !== 'telemetry' && frame.type !== 'vitals') return undefined;
  let members = '';
  for (const [column, field] of liveFields[frame.type]) members += `${members === '' ? '' : ','}"${column}":${formatted.json(field)}`;
  const { game, server, dimension } = frame.extra;
  members += `,"game":"${game === 'MINECRAFT' ? 'MINECRAFT' : 'ASHERONS_CALL'}","server":${typeof server === 'string' ? JSON.stringify(server) : 'null'}`;
  if (frame.type === 'telemetry') members += `,"dimension":${typeof dimension === 'string' ? JSON.stringify(dimension) : 'null'}`;
  return members;
}

/**
 * Keeps `live_characters` current with one row write per character per batch:
 * every frame of the character lanes marks its character as seen, the latest
 * telemetry moves it, the latest vitals update its bars. The lane of
 * inventories and shared rows leaves the snapshot alone, so that its long
 * transactions never hold a character's row.
 */
export async function updateLiveCharacters(client: PoolClient, events: readonly AcceptedEvent[]): Promise<void> {
  const rows = new Map<string, LiveRow>();
  for (const event of events) {
    let row = rows.get(event.character);
    if (!row) rows.set(event.character, (row = { session: null, lastSeen: event.receivedAt, position: undefined, vitals: undefined }));
    row.lastSeen = event.receivedAt;
    row.session = event.session ?? row.session;
    if (event.type === 'telemetry') row.position = event.live;
    else if (event.type === 'vitals') row.vitals = event.live;
  }
  if (rows.size === 0) return;
  let json = '';
  for (const [character, { session, lastSeen, position, vitals }] of rows) {
    json += `${json === '' ? '[' : ','}{"character_name":${JSON.stringify(character)},"session_id":${JSON.stringify(session)},`
      + `"last_seen_at":"${lastSeen.toISOString()}"${position === undefined ? '' : `,${position}`}${vitals === undefined ? '' : `,${vitals}`}}`;
  }
  await queryPrepared(client, upsert, [`${json}]`, [...rows.keys()]]);
}

/** One character's row of a batch: its session, when it was last seen, and the live members of its latest telemetry and vitals. */
interface LiveRow { session: string | null; lastSeen: Date; position: string | undefined; vitals: string | undefined }
