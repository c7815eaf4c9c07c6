import { rareTier } from '@lifestone/lib/game';
import type {
  Attribute,
  BaseVital,
  CharacterStats,
  Counters,
  DungeonMap,
  DungeonTile,
  Effect,
  NearbyObject,
  PluginHealth,
  Position,
  Quest,
  RareTier,
  Skill,
  Vitals,
} from './generated/resolvers.js';

/**
 * The shapes that published frames and database rows share, and how each
 * becomes a GraphQL object. The SQL in sql.ts names its columns after the
 * frame's fields (`onlinetime_s AS onlinetime`, `quest_name AS name`), so that
 * one function serves a row and a frame alike.
 */

/** Where something is. Every field is nullable in the tables; frames always carry ew, ns and z. */
export interface PositionRecord {
  ew: number | null;
  ns: number | null;
  z: number | null;
  heading?: number | null;
  landblock?: string | null;
}

export interface CounterRecord {
  kills: number | null;
  deaths: number | null;
  rares_found: number | null;
  prismatic_taper_count: number | null;
  kills_per_hour: number | null;
}

export interface PluginRecord {
  /** Seconds online. */
  onlinetime: number | null;
  mem_mb: number | null;
  cpu_pct: number | null;
  latency_ms: number | null;
}

export interface VitalsRecord {
  health_pct: number | null;
  stamina_pct: number | null;
  mana_pct: number | null;
  vitae_pct: number | null;
}

export interface StatsRecord {
  level: number;
  race: string | null;
  gender: string | null;
  birth: string | null;
  total_xp: number | null;
  unassigned_xp: number | null;
  skill_credits: number | null;
  deaths: number | null;
  luminance: number | null;
  title: string | null;
  attributes: Record<string, { base: number; creation?: number | null }> | null;
  vitals: Record<string, { base: number }> | null;
  skills: Record<string, { base: number; training?: string | null }> | null;
  allegiance: { name?: string | null; monarch?: string | null; patron?: string | null; rank?: number | null; followers?: number | null } | null;
}

export interface QuestRecord {
  name: string;
  solves: number | null;
  max_solves: number | null;
  completed_at: Date | string | null;
  available_in_s: number | null;
}

export interface EffectRecord {
  spell_id: number;
  name: string | null;
  duration_s: number | null;
  caster: string | null;
}

export interface NearbyObjectRecord extends PositionRecord {
  id: number;
  name: string | null;
  object_class: string | null;
  distance: number | null;
}

export interface TileRecord {
  x: number;
  y: number;
  kind: string | null;
  /** Absent from tiles stored before the protocol had them. */
  z?: number | null;
  rotation?: number | null;
  environment_id?: number | null;
}

/** A position, or null when the record has no complete one. */
export function positionOf(record: PositionRecord): Position | null {
  const { ew, ns, z } = record;
  if (ew === null || ns === null || z === null) return null;
  return { ew, ns, z, heading: record.heading ?? null, landblock: record.landblock ?? null };
}

/** A position that a frame or a NOT NULL row always has. */
export function requiredPositionOf(record: PositionRecord): Position {
  const position = positionOf(record);
  if (!position) throw new Error('a record that always has a position came without one');
  return position;
}

export function countersOf(record: CounterRecord): Counters {
  return {
    kills: record.kills,
    deaths: record.deaths,
    rares: record.rares_found,
    tapers: record.prismatic_taper_count,
    killsPerHour: record.kills_per_hour,
  };
}

export function pluginHealthOf(record: PluginRecord): PluginHealth {
  return { onlineSeconds: record.onlinetime, memMb: record.mem_mb, cpuPct: record.cpu_pct, latencyMs: record.latency_ms };
}

/** The bars, or null when no vitals were reported; vitae is 0 when none was reported. */
export function vitalsOf(record: VitalsRecord): Vitals | null {
  const { health_pct, stamina_pct, mana_pct } = record;
  if (health_pct === null || stamina_pct === null || mana_pct === null) return null;
  return { healthPct: health_pct, staminaPct: stamina_pct, manaPct: mana_pct, vitaePct: record.vitae_pct ?? 0 };
}

export function requiredVitalsOf(record: VitalsRecord): Vitals {
  const vitals = vitalsOf(record);
  if (!vitals) throw new Error('a vitals frame came without its bars');
  return vitals;
}

/** Entries of a name-keyed map, by name (JSONB does not keep the order they were sent in). */
function byName<V, R>(map: Record<string, V> | null, build: (name: string, value: V) => R): R[] {
  return Object.keys(map ?? {})
    .sort()
    .map((name) => build(name, (map as Record<string, V>)[name] as V));
}

export function statsOf(record: StatsRecord, time: Date | string): CharacterStats {
  const { allegiance } = record;
  return {
    time,
    level: record.level,
    race: record.race,
    gender: record.gender,
    birth: record.birth,
    totalXp: record.total_xp,
    unassignedXp: record.unassigned_xp,
    skillCredits: record.skill_credits,
    deaths: record.deaths,
    luminance: record.luminance,
    title: record.title,
    attributes: byName(record.attributes, (name, { base, creation }): Attribute => ({ name, base, creation: creation ?? null })),
    vitals: byName(record.vitals, (name, { base }): BaseVital => ({ name, base })),
    skills: byName(record.skills, (name, { base, training }): Skill => ({ name, base, training: training ?? null })),
    allegiance: allegiance
      ? {
          name: allegiance.name ?? null,
          monarch: allegiance.monarch ?? null,
          patron: allegiance.patron ?? null,
          rank: allegiance.rank ?? null,
          followers: allegiance.followers ?? null,
        }
      : null,
  };
}

/** A quest timer as reported at `reportedAt` (its frame's timestamp). */
export function questOf(record: QuestRecord, reportedAt: Date | string): Quest {
  return {
    name: record.name,
    solves: record.solves,
    maxSolves: record.max_solves,
    completedAt: record.completed_at,
    availableInSeconds: record.available_in_s,
    reportedAt,
  };
}

/** An active spell as reported at `reportedAt` (its frame's timestamp). */
export function effectOf(record: EffectRecord, reportedAt: Date | string): Effect {
  return { spellId: record.spell_id, name: record.name, durationSeconds: record.duration_s, caster: record.caster, reportedAt };
}

export function nearbyObjectOf(record: NearbyObjectRecord): NearbyObject {
  return {
    id: String(record.id),
    name: record.name ?? null,
    objectClass: record.object_class ?? null,
    position: requiredPositionOf(record),
    distance: record.distance ?? null,
  };
}

export function tileOf(record: TileRecord): DungeonTile {
  return {
    x: record.x,
    y: record.y,
    kind: record.kind ?? null,
    z: record.z ?? null,
    rotation: record.rotation ?? null,
    environmentId: record.environment_id ?? null,
  };
}

/** A stored map (a dungeon, or a region of a Minecraft world) as the graph's DungeonMap. */
export function dungeonMapOf(row: { landblock: string; observed_at: Date; character_name: string; tiles: TileRecord[] }): DungeonMap {
  return { landblock: row.landblock, time: row.observed_at, character: row.character_name, tiles: row.tiles.map(tileOf) };
}

const rareTiers = { common: 'COMMON', great: 'GREAT' } as const satisfies Record<string, RareTier>;

/** The GraphQL tier of a stored tier, or of a rare's item name. */
export function rareTierOf(tier: keyof typeof rareTiers): RareTier {
  return rareTiers[tier];
}

export function rareTierOfName(name: string): RareTier {
  return rareTiers[rareTier(name)];
}
