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
  game: 'ASHERONS_CALL' | 'MINECRAFT';
  server: string | null;
  dimension: string | null;
}

const liveColumns = `character_name, session_id, last_seen_at, position_at, ew, ns, z, heading, landblock, vt_state,
  kills, deaths, rares_found, prismatic_taper_count, kills_per_hour, onlinetime_s AS onlinetime, mem_mb, cpu_pct,
  latency_ms, vitals_at, health_pct, stamina_pct, mana_pct, vitae_pct, game, server, dimension`;

/** The live snapshot of each named character that was ever seen. */
export async function liveCharactersByName(db: Queryable, names: readonly string[]): Promise<LiveCharacterRow[]> {
  const { rows } = await db.query<LiveCharacterRow>(`SELECT ${liveColumns} FROM live_characters WHERE character_name = ANY($1::text[])`, [names]);
  return rows;
}

/** The name of every character ever seen: what look-alikes are sought among (lookalikes.ts). */
export async function characterNames(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ character_name: string }>('SELECT character_name FROM live_characters');
  return rows.map((row) => row.character_name);
}

/**
 * What changes whenever the set of names `characterNames` reads does: their
 * count and the sum of their hashes, computed where they are, so that
 * knowing they did not change costs one row, not every name.
 */
export async function characterNamesFingerprint(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ fingerprint: string }>(
    "SELECT count(*) || ':' || coalesce(sum(hashtextextended(character_name, 0)), 0) AS fingerprint FROM live_characters",
  );
  return (rows[0] as { fingerprint: string }).fingerprint;
}

/** Where a character stands as stored: its last position, the frame's time, and when ingest received its last frame. */
export interface StoredPositionRow extends PositionRecord {
  character_name: string;
  position_at: Date;
  last_seen_at: Date;
}

/**
 * The stored positions of the characters (every one when null) whose last
 * frame ingest received at `since` or later: after a gap in the live feed,
 * what it may have missed.
 */
export async function storedPositionsSince(db: Queryable, since: Date, characters: readonly string[] | null): Promise<StoredPositionRow[]> {
  const { rows } = await db.query<StoredPositionRow>(
    `SELECT character_name, position_at, last_seen_at, ew, ns, z, heading, landblock FROM live_characters
      WHERE last_seen_at >= $1 AND position_at IS NOT NULL AND ($2::text[] IS NULL OR character_name = ANY($2::text[]))`,
    [since, characters],
  );
  return rows;
}

/** Characters whose last frame was received after `since`, by name; only those of `game` unless it is null. */
export async function liveCharactersSeenAfter(db: Queryable, since: Date, game: LiveCharacterRow['game'] | null = null): Promise<LiveCharacterRow[]> {
  const { rows } = await db.query<LiveCharacterRow>(
    `SELECT ${liveColumns} FROM live_characters WHERE last_seen_at > $1 AND ($2::text IS NULL OR game = $2) ORDER BY character_name`,
    [since, game],
  );
  return rows;
}

/** Characters ever seen whose name contains `search` (case-insensitive; every character when null), of `game` unless null, by name. */
export async function searchCharacters(db: Queryable, search: string | null, limit: number, game: LiveCharacterRow['game'] | null = null): Promise<LiveCharacterRow[]> {
  const pattern = search === null ? null : `%${search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  const { rows } = await db.query<LiveCharacterRow>(
    `SELECT ${liveColumns} FROM live_characters
      WHERE ($1::text IS NULL OR character_name ILIKE $1 ESCAPE '\\') AND ($3::text IS NULL OR game = $3)
      ORDER BY character_name LIMIT $2`,
    [pattern, limit, game],
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
  /** When the current status began (its latest change), or null where no change of it is recorded. */
  since: Date | null;
}

/**
 * Each server's status with when it began, in one statement: read apart,
 * a change committed between the two reads paired a new status with the
 * change before it.
 */
export async function serverStatus(db: Queryable): Promise<ServerStatusRow[]> {
  const { rows } = await db.query<ServerStatusRow>(
    `SELECT s.server, s.status, s.players, s.latency_ms, s.checked_at, latest.changed_at AS since
       FROM server_status s
       LEFT JOIN LATERAL (SELECT status, changed_at FROM server_status_changes c
                           WHERE c.server = s.server ORDER BY changed_at DESC LIMIT 1) latest ON latest.status = s.status
      ORDER BY s.server`,
  );
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
    "SELECT landblock, observed_at, character_name, tiles FROM dungeon_maps WHERE world = '' AND landblock = $1",
    [landblock],
  );
  return rows[0];
}

/** The regions of one Minecraft world (`server/dimension`, as ingest keys them), most recently seen first. */
export async function minecraftRegions(db: Queryable, world: string, first: number, since: Date | null): Promise<DungeonMapRow[]> {
  const { rows } = await db.query<DungeonMapRow>(
    `SELECT landblock, observed_at, character_name, tiles FROM dungeon_maps
      WHERE world = $1 AND ($3::timestamptz IS NULL OR observed_at >= $3)
      ORDER BY observed_at DESC, landblock LIMIT $2`,
    [world, first, since],
  );
  return rows;
}

export interface ActivityBucketRow {
  character_name: string | null;
  start: Date;
  kills: number;
  deaths: number;
  rares: number;
  online: number;
}

/** How the buckets of an activity query are laid out. */
export interface BucketSpan {
  /** The instant the last bucket holds. */
  now: Date;
  bucketMinutes: number;
  buckets: number;
}

/**
 * Activity per bucket, oldest first, every bucket present: of the whole fleet
 * when `names` is null (`character_name` null), else of each named character.
 * Sums the per-minute rows ingest writes (`activity_minutes`).
 */
export async function activity(db: Queryable, names: readonly string[] | null, span: BucketSpan, game: LiveCharacterRow['game'] | null = null): Promise<ActivityBucketRow[]> {
  const { rows } = await db.query<ActivityBucketRow>(
    `WITH bounds AS (
       SELECT date_bin(make_interval(mins => $2), $1::timestamptz, '2000-01-01T00:00:00Z') AS last_start, make_interval(mins => $2) AS width
     ), buckets AS (
       SELECT generate_series(last_start - ($3 - 1) * width, last_start, width) AS start FROM bounds
     ), subjects AS (
       SELECT unnest($4::text[]) AS character_name WHERE $4::text[] IS NOT NULL
       UNION ALL SELECT NULL WHERE $4::text[] IS NULL
     ), binned AS (
       SELECT CASE WHEN $4::text[] IS NULL THEN NULL ELSE a.character_name END AS character_name,
              date_bin(bounds.width, a.minute, '2000-01-01T00:00:00Z') AS start,
              sum(a.kills) AS kills, sum(a.deaths) AS deaths, sum(a.rares) AS rares, count(DISTINCT a.character_name) AS online
         FROM activity_minutes a, bounds
        WHERE a.minute >= bounds.last_start - ($3 - 1) * bounds.width AND a.minute < bounds.last_start + bounds.width
          AND ($4::text[] IS NULL OR a.character_name = ANY($4::text[]))
          AND ($5::text IS NULL OR a.character_name IN (SELECT character_name FROM live_characters WHERE game = $5))
        GROUP BY 1, 2
     )
     SELECT s.character_name, b.start, coalesce(n.kills, 0)::int AS kills, coalesce(n.deaths, 0)::int AS deaths,
            coalesce(n.rares, 0)::int AS rares, coalesce(n.online, 0)::int AS online
       FROM subjects s CROSS JOIN buckets b
       LEFT JOIN binned n ON n.start = b.start AND n.character_name IS NOT DISTINCT FROM s.character_name
      ORDER BY s.character_name, b.start`,
    [span.now, span.bucketMinutes, span.buckets, names, game],
  );
  return rows;
}

export interface RefusalRow {
  character_name: string;
  code: string;
  refused: number;
  last_message: string;
  last_at: Date;
}

/** Refused frames of the named characters per code, most refused first, then by code. */
export async function refusalsByName(db: Queryable, names: readonly string[]): Promise<RefusalRow[]> {
  const { rows } = await db.query<RefusalRow>(
    `SELECT character_name, code, refused::float8 AS refused, last_message, last_at FROM plugin_refusals
      WHERE character_name = ANY($1::text[]) ORDER BY character_name, refused DESC, code`,
    [names],
  );
  return rows;
}

export interface StuckRow {
  character_name: string;
  since: Date;
  state: string;
  extent: number;
}

/**
 * The named characters stuck at `now`: over the last `windowMs` (by receive
 * time) one session's every telemetry frame reported a busy automation
 * (`Navigating` or `Combat`), the kill counter did not move, and every
 * position lay in a box of `extent` map units; the character reported from
 * the window's start (within `slackMs`) to its end (within `slackMs`).
 */
export async function stuckByName(db: Queryable, names: readonly string[], now: Date, windowMs: number, extent: number, slackMs: number): Promise<StuckRow[]> {
  const { rows } = await db.query<StuckRow>(
    `SELECT character_name, min(received_at) AS since, (array_agg(vt_state ORDER BY received_at DESC))[1] AS state,
            greatest(max(ew) - min(ew), max(ns) - min(ns)) AS extent
       FROM telemetry_events
      WHERE character_name = ANY($1::text[])
        AND received_at > $2::timestamptz - make_interval(secs => $3::float8 / 1000) AND received_at <= $2::timestamptz
      GROUP BY character_name
     HAVING count(DISTINCT session_id) <= 1
        AND bool_and(lower(vt_state) IN ('navigating', 'combat'))
        AND max(kills) IS NOT DISTINCT FROM min(kills)
        AND greatest(max(ew) - min(ew), max(ns) - min(ns)) <= $4::float8
        AND min(received_at) <= $2::timestamptz - make_interval(secs => ($3::float8 - $5::float8) / 1000)
        AND max(received_at) > $2::timestamptz - make_interval(secs => $5::float8 / 1000)`,
    [names, now, windowMs, extent, slackMs],
  );
  return rows;
}

export interface ServerChangeRow {
  server: string;
  status: 'up' | 'down' | 'unknown';
  changed_at: Date;
}

/** The named servers' changes at or after `from`, newest first, each followed by its last change before `from`. */
export async function serverChanges(db: Queryable, servers: readonly string[], from: Date): Promise<ServerChangeRow[]> {
  const { rows } = await db.query<ServerChangeRow>(
    `SELECT server, status, changed_at FROM (
       SELECT server, status, changed_at FROM server_status_changes WHERE server = ANY($1::text[]) AND changed_at >= $2
       UNION ALL
       (SELECT DISTINCT ON (server) server, status, changed_at FROM server_status_changes
         WHERE server = ANY($1::text[]) AND changed_at < $2 ORDER BY server, changed_at DESC)
     ) changes ORDER BY server, changed_at DESC`,
    [servers, from],
  );
  return rows;
}

export interface FleetSampleRow {
  character_name: string;
  step: number;
  ns: number;
  ew: number;
  heading: number | null;
  vt_state: string | null;
}

/**
 * Each character's latest position received in `(from + (i - 1) * step, from + i * step]`
 * for i in 0..steps-1, by name then step. One index probe per character and step
 * (`telemetry_events_character_time`, ordered by it alone: a tie-break on
 * `observed_at` would make each probe sort) instead of reading every report
 * in the window. The characters are those of the live snapshot seen since
 * the window began.
 */
export async function fleetSamples(db: Queryable, from: Date, steps: number, stepSeconds: number): Promise<FleetSampleRow[]> {
  const { rows } = await db.query<FleetSampleRow>(
    `SELECT c.character_name, s.i AS step, p.ns, p.ew, p.heading, p.vt_state
       FROM live_characters c
      CROSS JOIN generate_series(0, $2::int - 1) AS s(i)
      CROSS JOIN LATERAL (
        SELECT t.ns, t.ew, t.heading, t.vt_state
          FROM telemetry_events t
         WHERE t.character_name = c.character_name
           AND t.received_at > $1::timestamptz + make_interval(secs => (s.i - 1) * $3::int)
           AND t.received_at <= $1::timestamptz + make_interval(secs => s.i * $3::int)
           AND t.ns IS NOT NULL AND t.ew IS NOT NULL
         ORDER BY t.received_at DESC
         LIMIT 1
      ) p
      WHERE c.last_seen_at > $1::timestamptz - make_interval(secs => $3::int)
      ORDER BY c.character_name, s.i`,
    [from, steps, stepSeconds],
  );
  return rows;
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
