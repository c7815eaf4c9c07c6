/**
 * Every SQL statement of the combat subgraph. Values always travel as
 * parameters.
 */
import type { CombatElementTotals } from '@lifestone/lib/db';

/** A character's combat data as {@link combatOf} returns it; every part null when there is none. */
export interface CombatRow {
  character_name: string;
  session_key: string | null;
  started_at: Date | null;
  updated_at: Date | null;
  /** The latest session's cumulative snapshot, as `combat_stats` carries it in `session`. */
  snapshot: StoredSnapshot | null;
  /** Lifetime totals per monster and element. */
  elements: LifetimeElementRow[] | null;
  /** Lifetime kills per monster. */
  kills: Record<string, number> | null;
}

/** A cumulative snapshot: per monster, kills and per-element offense and defense (wire names). */
export interface StoredSnapshot {
  monsters: Record<string, StoredMonster>;
}

export interface StoredMonster {
  kills?: number | null;
  offense?: Record<string, { hits?: number; misses?: number; crits?: number; damage?: number; max_hit?: number }> | null;
  defense?: Record<string, { hits?: number; evades?: number; resists?: number; damage?: number }> | null;
}

/** A row of `combat_lifetime_elements`, as ingest writes it. */
export type LifetimeElementRow = CombatElementTotals;

/**
 * For each character of `$1`: its latest session (reported last; ties by
 * start, then key) with its snapshot, and its lifetime totals, in one
 * statement.
 */
export const combatOf = `
  SELECT c.name AS character_name, s.session_key, s.started_at, s.updated_at, s.snapshot,
    (SELECT json_agg(json_build_object(
              'monster', e.monster, 'element', e.element,
              'offense_hits', e.offense_hits, 'offense_misses', e.offense_misses, 'offense_crits', e.offense_crits,
              'offense_damage', e.offense_damage, 'offense_max_hit', e.offense_max_hit,
              'defense_hits', e.defense_hits, 'defense_evades', e.defense_evades,
              'defense_resists', e.defense_resists, 'defense_damage', e.defense_damage))
       FROM combat_lifetime_elements e WHERE e.character_name = c.name) AS elements,
    (SELECT json_object_agg(m.monster, m.kills) FROM combat_lifetime_monsters m WHERE m.character_name = c.name) AS kills
  FROM unnest($1::text[]) AS c(name)
  LEFT JOIN LATERAL (
    SELECT session_key, started_at, updated_at, snapshot FROM combat_sessions
     WHERE character_name = c.name
     ORDER BY updated_at DESC, started_at DESC, session_key DESC
     LIMIT 1
  ) s ON TRUE`;

/** A character's lifetime kills and damage dealt, as {@link combatLeaders} returns them. */
export interface LeaderRow {
  character_name: string;
  kills: number;
  damage: number;
}

/** The `$1` characters with the most lifetime kills, then damage dealt, then by name. */
export const combatLeaders = `
  WITH character_kills AS (SELECT character_name, sum(kills) AS kills FROM combat_lifetime_monsters GROUP BY character_name),
       character_damage AS (SELECT character_name, sum(offense_damage) AS damage FROM combat_lifetime_elements GROUP BY character_name)
  SELECT character_name, COALESCE(k.kills, 0)::float8 AS kills, COALESCE(d.damage, 0)::float8 AS damage
    FROM character_kills k FULL JOIN character_damage d USING (character_name)
   ORDER BY kills DESC, damage DESC, character_name
   LIMIT $1`;
