import type { PoolClient } from 'pg';
import { rareTier } from '@lifestone/lib/game';
import type { Frame, FrameType } from '@lifestone/lib/protocol';
import type { EventOf, FrameOf } from '../event.js';
import { FormattedFrame } from '../formatted.js';
import { copyLines, encodeCopyValue, type CopyValue } from './copy.js';

/** A field of a frame of one of the types `T`. */
type FieldOf<T extends FrameType> = T extends FrameType ? keyof FrameOf<T> & string : never;

/**
 * An append-only table: one row per frame of its types, written by COPY.
 * Its first column is `received_at`; each other column is a field of the
 * frame (its text formatted once, see formatted.ts) or made from the frame.
 */
interface AppendTable<T extends FrameType> {
  table: string;
  columns: ReadonlyArray<readonly [column: string, from: FieldOf<T> | ((frame: FrameOf<T>) => CopyValue)]>;
}

/** The columns every event table starts with, after `received_at`. */
const seen = [['observed_at', 'timestamp'], ['character_name', 'character_name'], ['session_id', 'session_id']] as const;

const telemetryTable: AppendTable<'telemetry'> = {
  table: 'telemetry_events',
  columns: [...seen, ['ew', 'ew'], ['ns', 'ns'], ['z', 'z'], ['heading', 'heading'], ['landblock', 'landblock'], ['kills', 'kills'],
    ['deaths', 'deaths'], ['rares_found', 'rares_found'], ['prismatic_taper_count', 'prismatic_taper_count'],
    ['kills_per_hour', 'kills_per_hour'], ['onlinetime_s', 'onlinetime'], ['vt_state', 'vt_state'], ['mem_mb', 'mem_mb'],
    ['cpu_pct', 'cpu_pct'], ['latency_ms', 'latency_ms'], ['extra', 'extra']],
};

const spawnTable: AppendTable<'spawn'> = {
  table: 'spawn_events',
  columns: [...seen, ['monster_name', 'monster_name'], ['ew', 'ew'], ['ns', 'ns'], ['z', 'z'], ['landblock', 'landblock'], ['extra', 'extra']],
};

/** Vitals and shared vitals (with their fellowship). */
const vitalsTable: AppendTable<'vitals' | 'share_vitals'> = {
  table: 'vitals_events',
  columns: [...seen, ['health_pct', 'health_pct'], ['stamina_pct', 'stamina_pct'], ['mana_pct', 'mana_pct'], ['vitae_pct', 'vitae_pct'],
    ['health_current', 'health_current'], ['health_max', 'health_max'], ['stamina_current', 'stamina_current'],
    ['stamina_max', 'stamina_max'], ['mana_current', 'mana_current'], ['mana_max', 'mana_max'], ['group_name', 'group'], ['extra', 'extra']],
};

const chatTable: AppendTable<'chat'> = {
  table: 'chat_messages',
  columns: [...seen, ['channel', 'channel'], ['sender', 'sender'], ['text', 'text'], ['color', 'color'], ['extra', 'extra']],
};

/** Rares, with their tier. */
const rareTable: AppendTable<'rare'> = {
  table: 'rare_events',
  columns: [...seen, ['name', 'name'], ['tier', (f) => rareTier(f.name)], ['ew', 'ew'], ['ns', 'ns'], ['z', 'z'], ['landblock', 'landblock'],
    ['extra', 'extra']],
};

/** A table of any types: each takes the frames of its own types only. */
interface AnyAppendTable { table: string; columns: ReadonlyArray<readonly [string, string | ((frame: never) => CopyValue)]> }

const appendTables: Partial<Record<FrameType, AnyAppendTable>> = {
  telemetry: telemetryTable,
  spawn: spawnTable,
  vitals: vitalsTable,
  share_vitals: vitalsTable,
  chat: chatTable,
  rare: rareTable,
};

/** A table's column names, `received_at` first. */
const columnNames = (table: AnyAppendTable): string[] => ['received_at', ...table.columns.map(([column]) => column)];

/**
 * The COPY line (text format, newline included) of a frame of an
 * append-only table, or undefined for the other types. Ingest's decode
 * thread makes it beside the parse, so the writer only joins lines.
 */
export function appendRow(frame: Frame, receivedAt: Date, formatted = new FormattedFrame(frame)): string | undefined {
  const table = appendTables[frame.type];
  if (!table) return undefined;
  let line = encodeCopyValue(receivedAt);
  for (const [, from] of table.columns as ReadonlyArray<readonly [string, string | ((frame: Frame) => CopyValue)]>) {
    line += `\t${typeof from === 'string' ? formatted.cell(from) : encodeCopyValue(from(frame))}`;
  }
  return `${line}\n`;
}

/** COPYs events into their append-only table, sending the line each brings as it is, encoding the others. */
function copyAppended<T extends FrameType>(client: PoolClient, table: AppendTable<T>, events: readonly EventOf<T>[]): Promise<void> {
  const parts: Uint8Array[] = [];
  let text = '';
  for (const event of events) {
    const line = event.facts.row;
    if (line === undefined || typeof line === 'string') {
      text += line ?? appendRow(event.frame, event.receivedAt);
      continue;
    }
    if (text.length > 0) parts.push(Buffer.from(text));
    text = '';
    parts.push(line);
  }
  const columns = columnNames(table);
  if (parts.length === 0) return copyLines(client, table.table, columns, text);
  if (text.length > 0) parts.push(Buffer.from(text));
  return copyLines(client, table.table, columns, Buffer.concat(parts));
}

/** Appends telemetry frames to `telemetry_events`. */
export function copyTelemetry(client: PoolClient, events: readonly EventOf<'telemetry'>[]): Promise<void> {
  return copyAppended(client, telemetryTable, events);
}

/** Appends spawn frames to `spawn_events`. */
export function copySpawns(client: PoolClient, events: readonly EventOf<'spawn'>[]): Promise<void> {
  return copyAppended(client, spawnTable, events);
}

/** Appends vitals and shared vitals (with their fellowship) to `vitals_events`. */
export function copyVitals(client: PoolClient, events: readonly EventOf<'vitals' | 'share_vitals'>[]): Promise<void> {
  return copyAppended(client, vitalsTable, events);
}

/** Appends chat lines to `chat_messages`. */
export function copyChat(client: PoolClient, events: readonly EventOf<'chat'>[]): Promise<void> {
  return copyAppended(client, chatTable, events);
}

/** Appends rares, with their tier, to `rare_events`. */
export function copyRares(client: PoolClient, events: readonly EventOf<'rare'>[]): Promise<void> {
  return copyAppended(client, rareTable, events);
}
