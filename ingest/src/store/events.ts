import type { PoolClient } from 'pg';
import { rareTier } from '@lifestone/lib/game';
import type { EventOf } from '../event.js';
import { copyRows, extraJson } from './copy.js';

/** Appends telemetry frames to `telemetry_events`. */
export function copyTelemetry(client: PoolClient, events: readonly EventOf<'telemetry'>[]): Promise<void> {
  return copyRows(
    client,
    'telemetry_events',
    ['received_at', 'observed_at', 'character_name', 'session_id', 'ew', 'ns', 'z', 'heading', 'landblock', 'kills', 'deaths',
      'rares_found', 'prismatic_taper_count', 'kills_per_hour', 'onlinetime_s', 'vt_state', 'mem_mb', 'cpu_pct', 'latency_ms', 'extra'],
    events.map(({ frame: f, receivedAt }) => [
      receivedAt, f.timestamp, f.character_name, f.session_id, f.ew, f.ns, f.z, f.heading, f.landblock, f.kills, f.deaths,
      f.rares_found, f.prismatic_taper_count, f.kills_per_hour, f.onlinetime, f.vt_state, f.mem_mb, f.cpu_pct, f.latency_ms, extraJson(f.extra),
    ]),
  );
}

/** Appends spawn frames to `spawn_events`. */
export function copySpawns(client: PoolClient, events: readonly EventOf<'spawn'>[]): Promise<void> {
  return copyRows(
    client,
    'spawn_events',
    ['received_at', 'observed_at', 'character_name', 'session_id', 'monster_name', 'ew', 'ns', 'z', 'landblock', 'extra'],
    events.map(({ frame: f, receivedAt }) => [
      receivedAt, f.timestamp, f.character_name, f.session_id, f.monster_name, f.ew, f.ns, f.z, f.landblock, extraJson(f.extra),
    ]),
  );
}

/** Appends vitals and shared vitals (with their fellowship) to `vitals_events`. */
export function copyVitals(client: PoolClient, events: readonly EventOf<'vitals' | 'share_vitals'>[]): Promise<void> {
  return copyRows(
    client,
    'vitals_events',
    ['received_at', 'observed_at', 'character_name', 'session_id', 'health_pct', 'stamina_pct', 'mana_pct', 'vitae_pct',
      'health_current', 'health_max', 'stamina_current', 'stamina_max', 'mana_current', 'mana_max', 'group_name', 'extra'],
    events.map(({ frame: f, receivedAt }) => [
      receivedAt, f.timestamp, f.character_name, f.session_id, f.health_pct, f.stamina_pct, f.mana_pct, f.vitae_pct,
      f.health_current, f.health_max, f.stamina_current, f.stamina_max, f.mana_current, f.mana_max,
      f.type === 'share_vitals' ? f.group : null, extraJson(f.extra),
    ]),
  );
}

/** Appends chat lines to `chat_messages`. */
export function copyChat(client: PoolClient, events: readonly EventOf<'chat'>[]): Promise<void> {
  return copyRows(
    client,
    'chat_messages',
    ['received_at', 'observed_at', 'character_name', 'session_id', 'channel', 'sender', 'text', 'color', 'extra'],
    events.map(({ frame: f, receivedAt }) => [
      receivedAt, f.timestamp, f.character_name, f.session_id, f.channel, f.sender, f.text, f.color, extraJson(f.extra),
    ]),
  );
}

/** Appends rares, with their tier, to `rare_events`. */
export function copyRares(client: PoolClient, events: readonly EventOf<'rare'>[]): Promise<void> {
  return copyRows(
    client,
    'rare_events',
    ['received_at', 'observed_at', 'character_name', 'session_id', 'name', 'tier', 'ew', 'ns', 'z', 'landblock', 'extra'],
    events.map(({ frame: f, receivedAt }) => [
      receivedAt, f.timestamp, f.character_name, f.session_id, f.name, rareTier(f.name), f.ew, f.ns, f.z, f.landblock, extraJson(f.extra),
    ]),
  );
}
