import { rareTier } from '@lifestone/lib/game';
import type { Frame, FrameOf, FrameType } from '@lifestone/lib/protocol';
import type { AcceptedEvent, AppendedType, EventOf } from '../accepted-event.js';
import type { FormattedFrame } from '../frame-decoder/formatted-frame.js';
import { encodeCopyValue, type CopyInput, type CopyValue } from './copy.js';

/** A field of a frame of one of the types `T`. */
type FieldOf<T extends FrameType> = T extends FrameType ? keyof FrameOf<T> & string : never;

/**
 * An append-only table: one row per frame of its types, written by COPY.
 * Its first column is `received_at`; each other column is a field of the
 * frame (its text formatted once, see frame-decoder/formatted-frame.ts) or made from the frame.
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

/** The append-only table frames of `type` are written to, with its columns in COPY order; undefined for other types. */
export function appendTableOf(type: FrameType): { table: string; columns: readonly string[] } | undefined {
  return appendTableNames.get(type);
}

const appendTableNames = new Map(Object.entries(appendTables).map(([type, table]) => [type, { table: table.table, columns: columnNames(table) }]));

/**
 * The COPY line (text format, newline included) of a frame of an
 * append-only table, or undefined for the other types. The frame decoder
 * makes it beside the parse, so the writer only joins lines.
 */
export function appendRow(frame: Frame, receivedAt: Date, formatted: FormattedFrame): string | undefined {
  const table = appendTables[frame.type];
  if (!table) return undefined;
  let line = encodeCopyValue(receivedAt);
  for (const [, from] of table.columns as ReadonlyArray<readonly [string, string | ((frame: Frame) => CopyValue)]>) {
    line += `\t${typeof from === 'string' ? formatted.cell(from) : encodeCopyValue(from(frame))}`;
  }
  return `${line}\n`;
}

/**
 * The COPYs of a batch's events of the append-only tables, for `copyMany`:
 * the lines the frame decoder made, sent as they are, each table's in
 * arrival order.
 */
export function appendOnlyCopies(events: readonly AcceptedEvent[]): CopyInput[] {
  const rows = new Map<AnyAppendTable, Uint8Array[]>();
  for (const event of events) {
    const table = appendTables[event.type];
    if (!table) continue;
    const { row } = event as EventOf<AppendedType>;
    const list = rows.get(table);
    if (list) list.push(row);
    else rows.set(table, [row]);
  }
  return [...rows].map(([table, lines]) => ({ table: table.table, columns: columnNames(table), text: Buffer.concat(lines) }));
}
