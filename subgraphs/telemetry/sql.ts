import type pg from 'pg';
import type {
  CounterRecord,
  EffectRecord,
  NearbyObjectRecord,
  PluginRecord,
  PositionRecord,
  QuestRecord,
  StatsRecord,
  TileRecord,
  VitalsRecord,
} from './records.js';

/**
 * Every query of the telemetry subgraph. Columns are named after the frame
 * fields they came from (see records.ts); bigint columns are read as float8
 * so that they arrive as numbers. Lists of characters are one `= ANY($1)`
 * query, whatever their length.
 */

type Queryable = Pick<pg.Pool, 'query'>;

export interface LiveCharacterRow extends PositionRecord, CounterRecord, PluginRecord, VitalsRecord {
  character_name: string;
  session_id: string | null;
  last_seen_at: Date;
  position_at: Date | null;
  vt_state: string | null;
  vitals_at: Date | null;
}

const liveColumns = `character_name, session_id, last_seen_at, position_at, ew, ns, z, heading, landblock, vt_state,
  kills, deaths, rares_found, prismatic_taper_count, kills_per_hour, onlinetime_s AS onlinetime, mem_mb, cpu_pct,
  latency_ms, vitals_at, health_pct, stamina_pct, mana_pct, vitae_pct`;

/** The live snapshot of each named character that was ever seen. */
export async function liveCharactersByName(db: Queryable, names: readonly string[]): Promise<LiveCharacterRow[]> {
  const { rows } = await db.query<LiveCharacterRow>(`SELECT ${liveColumns} FROM live_characters WHERE character_name = ANY($1::text[])`, [names]);
  return rows;
}

/** Characters whose last frame was received after `since`, by name. */
export async function liveCharactersSeenAfter(db: Queryable, since: Date): Promise<LiveCharacterRow[]> {
  const { rows } = await db.query<LiveCharacterRow>(
    `SELECT ${liveColumns} FROM live_characters WHERE last_seen_at > $1 ORDER BY character_name`,
    [since],
  );
  return rows;
}

/** Characters ever seen whose name contains `search` (case-insensitive; every character when null), by name. */
export async function searchCharacters(db: Queryable, search: string | null, limit: number): Promise<LiveCharacterRow[]> {
  const pattern = search === null ? null : `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const { rows } = await db.query<LiveCharacterRow>(
    `SELECT ${liveColumns} FROM live_characters
      WHERE $1::text IS NULL OR character_name ILIKE $1 ESCAPE '\\'
      ORDER BY character_name LIMIT $2`,
    [pattern, limit],
  );
  return rows;
}

export interface LifetimeCountersRow {
  character_name: string;
  kills: number;
  deaths: number;
  rares: number;
  tapers: number | null;
}

export async function lifetimeCountersByName(db: Queryable, names: readonly string[]): Promise<LifetimeCountersRow[]> {
  const { rows } = await db.query<LifetimeCountersRow>(
    `SELECT character_name, kills::float8 AS kills, deaths::float8 AS deaths, rares::float8 AS rares, tapers
       FROM character_counters WHERE character_name = ANY($1::text[])`,
    [names],
  );
  return rows;
}

export interface StatsRow extends StatsRecord {
  character_name: string;
  observed_at: Date;
}

export async function statsByName(db: Queryable, names: readonly string[]): Promise<StatsRow[]> {
  const { rows } = await db.query<StatsRow>(
    `SELECT character_name, observed_at, level, race, gender, birth, total_xp::float8 AS total_xp,
            unassigned_xp::float8 AS unassigned_xp, skill_credits, deaths, luminance::float8 AS luminance, title,
            attributes, vitals, skills, allegiance
       FROM character_stats WHERE character_name = ANY($1::text[])`,
    [names],
  );
  return rows;
}

export interface QuestRow extends QuestRecord {
  character_name: string;
  observed_at: Date;
}

/** Quest timers of the named characters, by character then quest name. */
export async function questsByName(db: Queryable, names: readonly string[]): Promise<QuestRow[]> {
  const { rows } = await db.query<QuestRow>(
    `SELECT character_name, quest_name AS name, solves, max_solves, completed_at, available_in_s, observed_at
       FROM quests WHERE character_name = ANY($1::text[]) ORDER BY character_name, quest_name`,
    [names],
  );
  return rows;
}

export interface EffectRow extends EffectRecord {
  character_name: string;
  observed_at: Date;
}

/** Active spells of the named characters, in the order their plugins listed them. */
export async function effectsByName(db: Queryable, names: readonly string[]): Promise<EffectRow[]> {
  const { rows } = await db.query<EffectRow>(
    `SELECT character_name, spell_id, name, duration_s, caster, observed_at
       FROM equipment_effects WHERE character_name = ANY($1::text[]) ORDER BY character_name, position`,
    [names],
  );
  return rows;
}

export interface NearbyRow {
  character_name: string;
  observed_at: Date;
  objects: NearbyObjectRecord[];
}

export async function nearbyObjectsByName(db: Queryable, names: readonly string[]): Promise<NearbyRow[]> {
  const { rows } = await db.query<NearbyRow>(
    'SELECT character_name, observed_at, objects FROM nearby_objects WHERE character_name = ANY($1::text[])',
    [names],
  );
  return rows;
}

export interface TrailRow extends PositionRecord {
  character_name: string;
  observed_at: Date;
}

/** Positions of the named characters received in [from, to], oldest first. */
export async function trailsByName(db: Queryable, names: readonly string[], from: Date, to: Date): Promise<TrailRow[]> {
  const { rows } = await db.query<TrailRow>(
    `SELECT character_name, observed_at, ew, ns, z, heading, landblock
       FROM telemetry_events
      WHERE character_name = ANY($1::text[]) AND received_at >= $2 AND received_at <= $3
      ORDER BY character_name, received_at, observed_at`,
    [names, from, to],
  );
  return rows;
}

export interface HistoryRow extends PositionRecord, CounterRecord, PluginRecord {
  observed_at: Date;
  received_at: Date;
  vt_state: string | null;
}

/** One character's telemetry received in [from, to], oldest first, at most `limit` rows. */
export async function history(db: Queryable, name: string, from: Date, to: Date, limit: number): Promise<HistoryRow[]> {
  const { rows } = await db.query<HistoryRow>(
    `SELECT observed_at, received_at, ew, ns, z, heading, landblock, vt_state, kills, deaths, rares_found,
            prismatic_taper_count, kills_per_hour, onlinetime_s AS onlinetime, mem_mb, cpu_pct, latency_ms
       FROM telemetry_events
      WHERE character_name = $1 AND received_at >= $2 AND received_at <= $3
      ORDER BY received_at, observed_at LIMIT $4`,
    [name, from, to, limit],
  );
  return rows;
}

export interface ChatRow {
  observed_at: Date;
  received_at: Date;
  character_name: string;
  channel: string;
  sender: string | null;
  text: string;
  color: number | null;
}

export interface ChatFilter {
  channel: string | null;
  character: string | null;
  since: Date | null;
  limit: number;
}

/** Chat lines, newest first. */
export async function chat(db: Queryable, filter: ChatFilter): Promise<ChatRow[]> {
  const { rows } = await db.query<ChatRow>(
    `SELECT observed_at, received_at, character_name, channel, sender, text, color
       FROM chat_messages
      WHERE ($1::text IS NULL OR channel = $1) AND ($2::text IS NULL OR character_name = $2)
        AND ($3::timestamptz IS NULL OR received_at >= $3)
      ORDER BY received_at DESC, observed_at DESC LIMIT $4`,
    [filter.channel, filter.character, filter.since, filter.limit],
  );
  return rows;
}

export interface RareRow extends PositionRecord {
  id: string;
  observed_at: Date;
  received_at: Date;
  character_name: string;
  name: string;
  tier: 'common' | 'great';
}

export interface RareFilter {
  tier: 'common' | 'great' | null;
  character: string | null;
  since: Date | null;
  limit: number;
}

/** Rares found, newest first. */
export async function rares(db: Queryable, filter: RareFilter): Promise<RareRow[]> {
  const { rows } = await db.query<RareRow>(
    `SELECT id::text AS id, observed_at, received_at, character_name, name, tier, ew, ns, z, landblock
       FROM rare_events
      WHERE ($1::text IS NULL OR tier = $1) AND ($2::text IS NULL OR character_name = $2)
        AND ($3::timestamptz IS NULL OR received_at >= $3)
      ORDER BY received_at DESC, observed_at DESC, id DESC LIMIT $4`,
    [filter.tier, filter.character, filter.since, filter.limit],
  );
  return rows;
}

export interface PortalRow extends PositionRecord {
  portal_name: string;
  first_seen_at: Date;
  last_seen_at: Date;
  discovered_by: string;
  last_seen_by: string;
  sightings: number;
}

/** Portals last seen after `since`, by name then place. */
export async function portalsSeenAfter(db: Queryable, since: Date): Promise<PortalRow[]> {
  const { rows } = await db.query<PortalRow>(
    `SELECT portal_name, ew, ns, z, landblock, first_seen_at, last_seen_at, discovered_by, last_seen_by, sightings
       FROM portals WHERE last_seen_at > $1 ORDER BY portal_name, ew_key, ns_key`,
    [since],
  );
  return rows;
}

export interface HeatCellRow {
  ew: number;
  ns: number;
  count: number;
  top_monster: string;
}

/**
 * Spawns received in (from, to] counted per square cell of `cell` units,
 * busiest first. Cell edges are computed in numeric, so that a cell of 0.1
 * has edges such as 12.3 rather than 12.300000000000001.
 */
export async function spawnHeatmap(db: Queryable, from: Date, to: Date, cell: number): Promise<HeatCellRow[]> {
  const { rows } = await db.query<HeatCellRow>(
    `SELECT (floor(ew::numeric / $3::numeric) * $3::numeric)::float8 AS ew,
            (floor(ns::numeric / $3::numeric) * $3::numeric)::float8 AS ns,
            count(*)::int AS count,
            mode() WITHIN GROUP (ORDER BY monster_name) AS top_monster
       FROM spawn_events
      WHERE received_at > $1 AND received_at <= $2 AND ew IS NOT NULL AND ns IS NOT NULL
      GROUP BY 1, 2 ORDER BY count DESC, ew, ns`,
    [from, to, cell],
  );
  return rows;
}

export interface ServerStatusRow {
  server: string;
  status: 'up' | 'down' | 'unknown';
  players: number | null;
  latency_ms: number | null;
  checked_at: Date;
}

export async function serverStatus(db: Queryable): Promise<ServerStatusRow[]> {
  const { rows } = await db.query<ServerStatusRow>('SELECT server, status, players, latency_ms, checked_at FROM server_status ORDER BY server');
  return rows;
}

export interface DungeonMapRow {
  landblock: string;
  observed_at: Date;
  character_name: string;
  tiles: TileRecord[];
}

export async function dungeonMap(db: Queryable, landblock: string): Promise<DungeonMapRow | undefined> {
  const { rows } = await db.query<DungeonMapRow>(
    'SELECT landblock, observed_at, character_name, tiles FROM dungeon_maps WHERE landblock = $1',
    [landblock],
  );
  return rows[0];
}

export interface SharedVitalsRow extends VitalsRecord {
  character_name: string;
  group_name: string;
  observed_at: Date;
}

/** Each character's last vitals shared with a fellowship and received at or after `since`, by fellowship then character. */
export async function sharedVitalsSince(db: Queryable, since: Date): Promise<SharedVitalsRow[]> {
  const { rows } = await db.query<SharedVitalsRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (character_name) character_name, group_name, observed_at, health_pct, stamina_pct, mana_pct, vitae_pct
         FROM vitals_events WHERE received_at >= $1 AND group_name IS NOT NULL
        ORDER BY character_name, received_at DESC, observed_at DESC
     ) last ORDER BY group_name, character_name`,
    [since],
  );
  return rows;
}
