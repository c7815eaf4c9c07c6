import type { PoolClient } from 'pg';
import type { Frame } from '@lifestone/lib/protocol';
import type { AcceptedEvent } from '../accepted-event.js';
import type { FormattedFrame } from '../frame-decoder/formatted-frame.js';
import { arrayElementText } from './copy.js';
import { writePrepared } from './upserts.js';

const telemetryColumns = ['ew', 'ns', 'z', 'heading', 'landblock', 'vt_state', 'kills', 'deaths', 'rares_found', 'prismatic_taper_count',
  'kills_per_hour', 'onlinetime_s', 'mem_mb', 'cpu_pct', 'latency_ms'] as const;
const vitalsColumns = ['health_pct', 'stamina_pct', 'mana_pct', 'vitae_pct'] as const;

/** `col = <from>.col` when the batch brought that part (its time column is set), else the stored value. */
const keepUnless = (present: string, columns: readonly string[], from = 'input'): string =>
  columns.map((column) => `${column} = CASE WHEN ${from}.${present} IS NULL THEN live.${column} ELSE ${from}.${column} END`).join(',\n         ');

/**
 * The statement's input columns with their types, in parameter order: the
 * character and its session and last sighting, its position part (from
 * telemetry), its vitals part, and where it is.
 */
const inputColumns = [
  ['character_name', 'text'], ['session_id', 'text'], ['last_seen_at', 'timestamptz'],
  ['position_at', 'timestamptz'], ['ew', 'float8'], ['ns', 'float8'], ['z', 'float8'], ['heading', 'float8'], ['landblock', 'text'],
  ['vt_state', 'text'], ['kills', 'int'], ['deaths', 'int'], ['rares_found', 'int'], ['prismatic_taper_count', 'int'],
  ['kills_per_hour', 'float8'], ['onlinetime_s', 'int'], ['mem_mb', 'float8'], ['cpu_pct', 'float8'], ['latency_ms', 'float8'],
  ['vitals_at', 'timestamptz'], ['health_pct', 'float8'], ['stamina_pct', 'float8'], ['mana_pct', 'float8'], ['vitae_pct', 'float8'],
  ['game', 'text'], ['server', 'text'], ['dimension', 'text'],
] as const;
const allColumns = inputColumns.map(([column]) => column);
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
// A row last seen before the stored one (written late by another instance) changes nothing.
const upsert = `
  WITH input AS (
    SELECT * FROM unnest(${inputColumns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')}) AS r(${allColumns.join(', ')})
  ), updated AS (
    UPDATE live_characters AS live
       SET session_id = coalesce(input.session_id, live.session_id),
           last_seen_at = input.last_seen_at,
           position_at = coalesce(input.position_at, live.position_at),
           ${keepUnless('position_at', telemetryColumns)},
           vitals_at = coalesce(input.vitals_at, live.vitals_at),
           ${keepUnless('vitals_at', vitalsColumns)},
           ${placeFrom('input')}
      FROM input
     -- The names again, as an array the primary key is searched with: joined with input alone the planner reads the
     -- whole table, a cost that grows with the fleet rather than the batch.
     WHERE live.character_name = ANY($1::text[]) AND live.character_name = input.character_name
       AND input.last_seen_at >= live.last_seen_at
    RETURNING live.character_name
  )
  INSERT INTO live_characters AS live (${allColumns.join(', ')})
  SELECT ${insertedValues.join(', ')} FROM input WHERE character_name NOT IN (SELECT character_name FROM updated)
  ORDER BY character_name
  ON CONFLICT (character_name) DO UPDATE -- a row another writer created meanwhile: merged the same way
     SET session_id = coalesce(excluded.session_id, live.session_id),
         last_seen_at = excluded.last_seen_at,
         position_at = coalesce(excluded.position_at, live.position_at),
         ${keepUnless('position_at', telemetryColumns, 'excluded')},
         vitals_at = coalesce(excluded.vitals_at, live.vitals_at),
         ${keepUnless('vitals_at', vitalsColumns, 'excluded')},
         ${placeFrom('excluded')}
   WHERE excluded.last_seen_at >= live.last_seen_at`;

/** The live row's columns that telemetry and vitals fill, each with the frame field it comes from. */
const liveFields = {
  telemetry: [['position_at', 'timestamp'], ...telemetryColumns.map((column) => [column, column === 'onlinetime_s' ? 'onlinetime' : column])],
  vitals: [['vitals_at', 'timestamp'], ...vitalsColumns.map((column) => [column, column])],
} as const;

/** Where each part's values start among the statement's input columns. */
const POSITION_FIRST = allColumns.indexOf('position_at');
const VITALS_FIRST = allColumns.indexOf('vitals_at');
const PLACE_FIRST = allColumns.indexOf('game');

/** Separates a part's values: NUL, which no stored text holds (lib/protocol/storable.ts). */
const SEPARATOR = '\u0000';

/** A value as an element of a PostgreSQL array literal: NULL, a number or time as it is, a string quoted. */
function arrayElement(value: unknown, json: string): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') return Number.isFinite(value) ? json : 'NULL';
  if (typeof value === 'string') return arrayElementText(value);
  if (value instanceof Date) return json.slice(1, -1);
  return arrayElementText(json);
}

/**
 * A frame's part of its character's live row, as array elements joined by
 * NUL: telemetry's position and counters, vitals' bars, then from both the
 * game and server (telemetry also the dimension) their frame named in its
 * extra fields; undefined for other frames. Made where the frame is decoded
 * (see frame-decoder/decode-frames.ts), so that the writer only joins text.
 */
export function liveValues(frame: Frame, formatted: FormattedFrame): string | undefined {
  if (frame.type !== 'telemetry' && frame.type !== 'vitals') return undefined;
  const fields = frame as unknown as Record<string, unknown>;
  let values = '';
  for (const [, field] of liveFields[frame.type]) values += arrayElement(fields[field], formatted.json(field)) + SEPARATOR;
  const { game, server, dimension } = frame.extra;
  values += `${game === 'MINECRAFT' ? 'MINECRAFT' : 'ASHERONS_CALL'}${SEPARATOR}${typeof server === 'string' ? arrayElementText(server) : 'NULL'}`;
  if (frame.type === 'telemetry') values += `${SEPARATOR}${typeof dimension === 'string' ? arrayElementText(dimension) : 'NULL'}`;
  return values;
}

/**
 * What a writer lane has of its characters' live rows: the values its
 * batches brought that are not written yet, and when each character's row
 * was last written. Each frame of a character lane marks its character as
 * seen, the latest telemetry moves it, the latest vitals update its bars, and
 * the later of the two says where it is; the lane of inventories and shared
 * rows leaves the snapshot alone, so that its long transactions never hold a
 * character's row.
 *
 * A character's row is written at most once every `writeMs`: at the fleet's
 * rates each batch holds one or two frames of a character, and rewriting
 * the row for each was a third of PostgreSQL's work. A character new to the
 * lane is written at once, and what waits is written once its time comes,
 * by the lane's next batch, or on its own once the lane has had no batch for
 * a second (writer.ts), and on close. So `live_characters` is at most
 * `writeMs` and a second behind the frames stored (a kill of ingest loses
 * that much of it, until the character's next frames); the live feeds never
 * wait for it. `writeMs` 0 writes every character of every batch.
 */
export class LiveSnapshots {
  /** Rows committed batches brought that are not written yet. */
  private readonly pending = new Map<string, LiveRow>();
  /** When each character's row was last written (`performance.now()`), the oldest first. */
  private readonly writtenAt = new Map<string, number>();

  constructor(private readonly writeMs: number) {}

  /**
   * The rows a batch writes (`events`, in arrival order, may be none): its
   * characters' rows that are due, merged with what waits of them, and the
   * rows waiting from earlier batches whose time has come (`all`: every
   * one, as on close). `commit` once its transaction is committed; a batch
   * that is not leaves nothing behind, so a retry plans it the same way and
   * a frame that is refused never reaches the snapshot.
   */
  plan(events: readonly AcceptedEvent[], now: number, all = false): { rows: ReadonlyMap<string, LiveRow>; commit: () => void } {
    const merged = new Map<string, LiveRow>();
    for (const event of events) {
      let row = merged.get(event.character);
      if (!row) {
        const waiting = this.pending.get(event.character);
        row = waiting ? { ...waiting } : { session: null, lastSeen: event.receivedAt, position: undefined, vitals: undefined, vitalsLast: false };
        merged.set(event.character, row);
      }
      row.lastSeen = event.receivedAt;
      row.session = event.session ?? row.session;
      if (event.type === 'telemetry') {
        row.position = event.live;
        row.vitalsLast = false;
      } else if (event.type === 'vitals') {
        row.vitals = event.live;
        row.vitalsLast = true;
      }
    }
    const isDue = (character: string): boolean => {
      const at = this.writtenAt.get(character);
      return all || at === undefined || now - at >= this.writeMs;
    };
    const rows = new Map<string, LiveRow>();
    for (const [character, row] of merged) if (isDue(character)) rows.set(character, row);
    if (all) {
      for (const [character, row] of this.pending) if (!merged.has(character)) rows.set(character, row);
    } else if (this.pending.size > 0) {
      // Oldest written first: the first one not due ends the search.
      for (const [character, at] of this.writtenAt) {
        if (now - at < this.writeMs) break;
        const row = this.pending.get(character);
        if (row && !merged.has(character)) rows.set(character, row);
      }
    }
    const commit = (): void => {
      for (const [character, row] of merged) if (!rows.has(character)) this.pending.set(character, row);
      for (const character of rows.keys()) {
        this.pending.delete(character);
        // Taken out and put back: the map stays in the order the rows were written.
        this.writtenAt.delete(character);
        if (this.writeMs > 0) this.writtenAt.set(character, now);
      }
    };
    return { rows, commit };
  }

  /** Milliseconds until the first waiting row is due, or undefined when none waits. */
  nextDueIn(now: number): number | undefined {
    if (this.pending.size === 0) return undefined;
    for (const [character, at] of this.writtenAt) if (this.pending.has(character)) return Math.max(0, at + this.writeMs - now);
    return 0;
  }

  /** Forgets when a character's row was written (it logged out or went silent), unless some of it still waits. */
  forget(character: string): void {
    if (!this.pending.has(character)) this.writtenAt.delete(character);
  }

  /** Characters the snapshot remembers anything of. */
  characters(): Iterable<string> {
    return this.writtenAt.keys();
  }
}

/**
 * Writes characters' live rows (from {@link LiveSnapshots.due}) with one row
 * write each, as one array per column: PostgreSQL reads arrays in about half
 * the time it takes to read the same rows as JSON records. A row older than
 * the stored one (last seen before it: another instance wrote the character
 * since) changes nothing.
 */
export async function updateLiveCharacters(client: PoolClient, rows: ReadonlyMap<string, LiveRow>): Promise<void> {
  if (rows.size === 0) return;
  const columns: string[][] = allColumns.map(() => []);
  const put = (from: number, count: number, values: string | undefined): string[] | undefined => {
    const parts = values?.split(SEPARATOR);
    for (let i = 0; i < count; i++) (columns[from + i] as string[]).push(parts?.[i] ?? 'NULL');
    return parts;
  };
  for (const [character, { session, lastSeen, position, vitals, vitalsLast }] of rows) {
    (columns[0] as string[]).push(arrayElementText(character));
    (columns[1] as string[]).push(session === null ? 'NULL' : arrayElementText(session));
    (columns[2] as string[]).push(lastSeen.toISOString());
    const moved = put(POSITION_FIRST, liveFields.telemetry.length, position);
    const bars = put(VITALS_FIRST, liveFields.vitals.length, vitals);
    // The game and server follow each part's own columns.
    const [place, at] = vitalsLast || moved === undefined ? [bars, liveFields.vitals.length] : [moved, liveFields.telemetry.length];
    (columns[PLACE_FIRST] as string[]).push(place?.[at] ?? 'NULL');
    (columns[PLACE_FIRST + 1] as string[]).push(place?.[at + 1] ?? 'NULL');
    (columns[PLACE_FIRST + 2] as string[]).push(moved?.[liveFields.telemetry.length + 2] ?? 'NULL');
  }
  await writePrepared(client, upsert, columns.map((values) => `{${values.join(',')}}`));
}

/** One character's row: its session, when it was last seen, and the live values of its latest telemetry and vitals, and which of the two came last. */
export interface LiveRow { session: string | null; lastSeen: Date; position: string | undefined; vitals: string | undefined; vitalsLast: boolean }
