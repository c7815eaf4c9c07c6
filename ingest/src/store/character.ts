import type { PoolClient } from 'pg';
import type { EventOf } from '../accepted-event.js';
import { encodeRows, extraJson, type CopyInput, type CopyValue, type PlainStatement } from './copy.js';
import { lastByKey, queryRecords } from './upserts.js';

const byCharacter = (event: { frame: { character_name: string } }): string => event.frame.character_name;

/**
 * Keeps the latest character sheet of each character in `character_stats`,
 * and every sheet's experience, luminance and level in `xp_samples` (the
 * rates measure experience between two of them).
 */
export async function updateCharacterStats(client: PoolClient, events: readonly EventOf<'character_stats'>[]): Promise<void> {
  await queryRecords(
    client,
    `INSERT INTO xp_samples (character_name, received_at, total_xp, luminance, level)
     SELECT * FROM json_to_recordset($1::json) AS r(character_name text, received_at timestamptz, total_xp bigint, luminance bigint, level int)
     ON CONFLICT (character_name, received_at) DO UPDATE
       SET total_xp = excluded.total_xp, luminance = excluded.luminance, level = excluded.level`,
    lastByKey(events, (event) => `${event.frame.character_name}\u0000${event.receivedAt.getTime()}`)
      .filter(({ frame }) => frame.total_xp !== null || frame.luminance !== null)
      .map(({ frame: f, receivedAt }) => ({ character_name: f.character_name, received_at: receivedAt, total_xp: f.total_xp, luminance: f.luminance, level: f.level })),
  );
  await queryRecords(
    client,
    `INSERT INTO character_stats (character_name, received_at, observed_at, level, race, gender, birth, total_xp,
       unassigned_xp, skill_credits, deaths, luminance, title, attributes, vitals, skills, allegiance, extra)
     SELECT * FROM json_to_recordset($1::json) AS r(character_name text, received_at timestamptz, observed_at timestamptz,
       level int, race text, gender text, birth text, total_xp bigint, unassigned_xp bigint, skill_credits int, deaths int,
       luminance bigint, title text, attributes jsonb, vitals jsonb, skills jsonb, allegiance jsonb, extra jsonb)
     ON CONFLICT (character_name) DO UPDATE
       SET received_at = excluded.received_at, observed_at = excluded.observed_at, level = excluded.level,
           race = excluded.race, gender = excluded.gender, birth = excluded.birth, total_xp = excluded.total_xp,
           unassigned_xp = excluded.unassigned_xp, skill_credits = excluded.skill_credits, deaths = excluded.deaths,
           luminance = excluded.luminance, title = excluded.title, attributes = excluded.attributes,
           vitals = excluded.vitals, skills = excluded.skills, allegiance = excluded.allegiance, extra = excluded.extra`,
    lastByKey(events, byCharacter).map(({ frame: f, receivedAt }) => ({
      character_name: f.character_name,
      received_at: receivedAt,
      observed_at: f.timestamp,
      level: f.level,
      race: f.race,
      gender: f.gender,
      birth: f.birth,
      total_xp: f.total_xp,
      unassigned_xp: f.unassigned_xp,
      skill_credits: f.skill_credits,
      deaths: f.deaths,
      luminance: f.luminance,
      title: f.title,
      attributes: f.attributes,
      vitals: f.vitals,
      skills: f.skills,
      allegiance: f.allegiance,
      extra: extraJson(f.extra)?.value ?? null,
    })),
  );
}

/**
 * The statements, for `copyMany`, that replace the rows of `table` of each
 * character of `latest` (its latest frame) with `rowsOf` that frame: the old
 * rows' DELETE, its names written in by `escape` (the connection's
 * `escapeLiteral`), then the new rows' COPY.
 */
function replaceWhole<F extends { character_name: string }>(
  table: string,
  columns: readonly string[],
  latest: ReadonlyArray<{ frame: F }>,
  rowsOf: (frame: F) => CopyValue[][],
  escape: (text: string) => string,
): Array<CopyInput | PlainStatement> {
  if (latest.length === 0) return [];
  const names = latest.map(({ frame }) => escape(frame.character_name)).join(', ');
  return [
    { sql: `DELETE FROM ${table} WHERE character_name = ANY(ARRAY[${names}]::text[])` },
    { table, columns, text: encodeRows(latest.flatMap(({ frame }) => rowsOf(frame))) },
  ];
}

/** The statements that replace each character's quest list with the one in its latest quest frame (see {@link replaceWhole}). */
export function replaceQuests(events: readonly EventOf<'quest'>[], escape: (text: string) => string): Array<CopyInput | PlainStatement> {
  return replaceWhole(
    'quests',
    ['character_name', 'quest_name', 'solves', 'max_solves', 'completed_at', 'available_in_s', 'observed_at', 'extra'],
    lastByKey(events, byCharacter),
    (frame) => lastByKey(frame.quests, (quest) => quest.name).map((q) => {
      const { name, solves, max_solves, completed_at, available_in_s, ...rest } = q;
      return [frame.character_name, name, solves, max_solves, completed_at, available_in_s, frame.timestamp, extraJson(rest)];
    }),
    escape,
  );
}

/** The statements that replace each character's active spells with those of its latest `equipment_cantrip_state` (see {@link replaceWhole}). */
export function replaceEffects(events: readonly EventOf<'equipment_cantrip_state'>[], escape: (text: string) => string): Array<CopyInput | PlainStatement> {
  return replaceWhole(
    'equipment_effects',
    ['character_name', 'position', 'spell_id', 'name', 'duration_s', 'caster', 'observed_at', 'extra'],
    lastByKey(events, byCharacter),
    (frame) => frame.effects.map((effect, position) => {
      const { spell_id, name, duration_s, caster, ...rest } = effect;
      return [frame.character_name, position, spell_id, name, duration_s, caster, frame.timestamp, extraJson(rest)];
    }),
    escape,
  );
}

/** Keeps the latest radar view of each character. */
export async function updateNearbyObjects(client: PoolClient, events: readonly EventOf<'nearby_objects'>[]): Promise<void> {
  await queryRecords(
    client,
    `INSERT INTO nearby_objects (character_name, observed_at, objects)
     SELECT * FROM json_to_recordset($1::json) AS r(character_name text, observed_at timestamptz, objects jsonb)
     ON CONFLICT (character_name) DO UPDATE SET observed_at = excluded.observed_at, objects = excluded.objects`,
    lastByKey(events, byCharacter).map(({ frame }) => ({ character_name: frame.character_name, observed_at: frame.timestamp, objects: frame.objects })),
  );
}

/**
 * The world a map's landblock belongs to: `server/dimension` for a Minecraft
 * region (the bridge's frames name both), '' for the other game's dungeons.
 */
export function mapWorld(extra: Record<string, unknown> | null | undefined): string {
  if (extra?.game !== 'MINECRAFT') return '';
  return `${String(extra.server ?? '')}/${String(extra.dimension ?? 'overworld')}`;
}

type Tile = EventOf<'dungeon_map'>['frame']['tiles'][number];

/**
 * Keeps the latest map of each dungeon landblock; a Minecraft region's tiles
 * are merged into what is stored (a tile replaces the one at its x and y, a
 * tile of kind `air` removes it), since the bridge sends only what changed.
 */
export async function updateDungeonMaps(client: PoolClient, events: readonly EventOf<'dungeon_map'>[]): Promise<void> {
  const maps = new Map<string, { world: string; frame: EventOf<'dungeon_map'>['frame']; tiles: Map<string, Tile> | Tile[] }>();
  for (const { frame } of events) {
    const world = mapWorld(frame.extra);
    const key = `${world}\u0000${frame.landblock}`;
    const before = maps.get(key);
    if (world === '' || !before || Array.isArray(before.tiles)) {
      maps.delete(key);
      maps.set(key, { world, frame, tiles: world === '' ? frame.tiles : new Map(frame.tiles.map((tile) => [`${tile.x},${tile.y}`, tile])) });
      continue;
    }
    for (const tile of frame.tiles) before.tiles.set(`${tile.x},${tile.y}`, tile);
    before.frame = frame;
  }
  await queryRecords(
    client,
    `WITH r AS (
       SELECT * FROM json_to_recordset($1::json) AS r(world text, landblock text, observed_at timestamptz, character_name text,
         tiles jsonb, extra jsonb)
     ), merged AS (
       SELECT r.world, r.landblock, r.observed_at, r.character_name, r.extra,
              CASE WHEN r.world = '' THEN r.tiles ELSE (
                SELECT coalesce(jsonb_agg(latest.tile ORDER BY (latest.tile->>'y')::numeric DESC, (latest.tile->>'x')::numeric), '[]'::jsonb)
                  FROM (SELECT DISTINCT ON (both_.tile->>'x', both_.tile->>'y') both_.tile
                          FROM (SELECT tile, 0 AS rank FROM jsonb_array_elements(r.tiles) AS tile
                                UNION ALL
                                SELECT tile, 1 FROM dungeon_maps AS m, jsonb_array_elements(m.tiles) AS tile
                                 WHERE m.world = r.world AND m.landblock = r.landblock) AS both_
                         ORDER BY both_.tile->>'x', both_.tile->>'y', both_.rank) AS latest
                 WHERE latest.tile->>'kind' IS DISTINCT FROM 'air') END AS tiles
         FROM r
     )
     INSERT INTO dungeon_maps (world, landblock, observed_at, character_name, tiles, extra)
     SELECT world, landblock, observed_at, character_name, tiles, extra FROM merged
     ON CONFLICT (world, landblock) DO UPDATE
       SET observed_at = excluded.observed_at, character_name = excluded.character_name, tiles = excluded.tiles,
           extra = excluded.extra`,
    // Sorted: one lock order for every writer lane, so lanes cannot deadlock.
    [...maps.values()]
      .sort((a, b) => a.world.localeCompare(b.world) || a.frame.landblock.localeCompare(b.frame.landblock))
      .map(({ world, frame, tiles }) => ({
        world,
        landblock: frame.landblock,
        observed_at: frame.timestamp,
        character_name: frame.character_name,
        tiles: Array.isArray(tiles) ? tiles : [...tiles.values()],
        extra: extraJson(frame.extra)?.value ?? null,
      })),
  );
}
