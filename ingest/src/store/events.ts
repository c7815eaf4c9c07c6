import type { PoolClient } from 'pg';
import { rareTier } from '@lifestone/lib/game';
import type { FrameType } from '@lifestone/lib/protocol';
import type { AcceptedEvent, EventOf } from '../event.js';
import { copyLines, encodeRow, extraJson, type CopyValue } from './copy.js';

/** An append-only table: one row per frame of its types, written by COPY. */
interface AppendTable<T extends FrameType> {
  table: string;
  columns: readonly string[];
  row(event: EventOf<T>): CopyValue[];
}

const telemetryTable: AppendTable<'telemetry'> = {
  table: 'telemetry_events',
  columns: ['received_at', 'observed_at', 'character_name', 'session_id', 'ew', 'ns', 'z', 'heading', 'landblock', 'kills', 'deaths',
    'rares_found', 'prismatic_taper_count', 'kills_per_hour', 'onlinetime_s', 'vt_state', 'mem_mb', 'cpu_pct', 'latency_ms', 'extra'],
  row: ({ frame: f, receivedAt }) => [
    receivedAt, f.timestamp, f.character_name, f.session_id, f.ew, f.ns, f.z, f.heading, f.landblock, f.kills, f.deaths,
    f.rares_found, f.prismatic_taper_count, f.kills_per_hour, f.onlinetime, f.vt_state, f.mem_mb, f.cpu_pct, f.latency_ms, extraJson(f.extra),
  ],
};

const spawnTable: AppendTable<'spawn'> = {
  table: 'spawn_events',
  columns: ['received_at', 'observed_at', 'character_name', 'session_id', 'monster_name', 'ew', 'ns', 'z', 'landblock', 'extra'],
  row: ({ frame: f, receivedAt }) => [
    receivedAt, f.timestamp, f.character_name, f.session_id, f.monster_name, f.ew, f.ns, f.z, f.landblock, extraJson(f.extra),
  ],
};

/** Vitals and shared vitals (with their fellowship). */
const vitalsTable: AppendTable<'vitals' | 'share_vitals'> = {
  table: 'vitals_events',
  columns: ['received_at', 'observed_at', 'character_name', 'session_id', 'health_pct', 'stamina_pct', 'mana_pct', 'vitae_pct',
    'health_current', 'health_max', 'stamina_current', 'stamina_max', 'mana_current', 'mana_max', 'group_name', 'extra'],
  row: ({ frame: f, receivedAt }) => [
    receivedAt, f.timestamp, f.character_name, f.session_id, f.health_pct, f.stamina_pct, f.mana_pct, f.vitae_pct,
    f.health_current, f.health_max, f.stamina_current, f.stamina_max, f.mana_current, f.mana_max,
    f.type === 'share_vitals' ? f.group : null, extraJson(f.extra),
  ],
};

const chatTable: AppendTable<'chat'> = {
  table: 'chat_messages',
  columns: ['received_at', 'observed_at', 'character_name', 'session_id', 'channel', 'sender', 'text', 'color', 'extra'],
  row: ({ frame: f, receivedAt }) => [
    receivedAt, f.timestamp, f.character_name, f.session_id, f.channel, f.sender, f.text, f.color, extraJson(f.extra),
  ],
};

/** Rares, with their tier. */
const rareTable: AppendTable<'rare'> = {
  table: 'rare_events',
  columns: ['received_at', 'observed_at', 'character_name', 'session_id', 'name', 'tier', 'ew', 'ns', 'z', 'landblock', 'extra'],
  row: ({ frame: f, receivedAt }) => [
    receivedAt, f.timestamp, f.character_name, f.session_id, f.name, rareTier(f.name), f.ew, f.ns, f.z, f.landblock, extraJson(f.extra),
  ],
};

/** Each table takes the events of its own types only: `row` is called with those alone. */
const appendTables: Partial<Record<FrameType, { readonly columns: readonly string[]; row(event: never): CopyValue[] }>> = {
  telemetry: telemetryTable,
  spawn: spawnTable,
  vitals: vitalsTable,
  share_vitals: vitalsTable,
  chat: chatTable,
  rare: rareTable,
};

/**
 * The COPY line (text format, newline included) of an event of an
 * append-only table, or undefined for the other types. Ingest's decode
 * thread makes it beside the parse, so the writer only joins lines.
 */
export function appendRow(event: AcceptedEvent): string | undefined {
  const table = appendTables[event.frame.type];
  return table && encodeRow(table.row(event as never));
}

/** COPYs events into their append-only table, sending the line each brings as it is, encoding the others. */
function copyAppended<T extends FrameType>(client: PoolClient, { table, columns, row }: AppendTable<T>, events: readonly EventOf<T>[]): Promise<void> {
  const parts: Uint8Array[] = [];
  let text = '';
  for (const event of events) {
    if (event.row === undefined) {
      text += encodeRow(row(event));
      continue;
    }
    if (text.length > 0) parts.push(Buffer.from(text));
    text = '';
    parts.push(event.row);
  }
  if (parts.length === 0) return copyLines(client, table, columns, text);
  if (text.length > 0) parts.push(Buffer.from(text));
  return copyLines(client, table, columns, Buffer.concat(parts));
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
