import type { PoolClient } from 'pg';
import { combatIncrease, type CombatSnapshot, type ElementIncrease } from '../derived/combat.js';
import { sessionKey } from '../derived/cumulative.js';
import type { EventOf } from '../accepted-event.js';
import { lockSessionRows, queryRecordSets, sessionRowKey } from './upserts.js';

interface StoredSession { character_name: string; session_key: string; started_at: Date; updated_at: Date; snapshot: CombatSnapshot }

/**
 * Stores each session's latest cumulative snapshot in `combat_sessions` and
 * adds every snapshot's increase over the one before it to the lifetime
 * tables, in arrival order, so re-sent snapshots add nothing and a new
 * `session_id` starts from zero. The sessions' rows are locked first (in key
 * order) so that two writers cannot count the same increase twice.
 */
export async function updateCombat(client: PoolClient, events: readonly EventOf<'combat_stats'>[]): Promise<void> {
  if (events.length === 0) return;
  const keyOf = sessionRowKey;
  const sessions = await lockSessionRows<StoredSession>(client, 'combat_sessions', ['started_at', 'updated_at', 'snapshot'], events.map(({ frame }) => frame));
  const touched = new Set<string>();
  const kills = new Map<string, { character_name: string; monster: string; kills: number }>();
  const elements = new Map<string, ElementIncrease & { character_name: string }>();
  for (const { frame, receivedAt } of events) {
    const key = keyOf(frame.character_name, sessionKey(frame.session_id));
    const previous = sessions.get(key);
    const snapshot: CombatSnapshot = frame.session;
    const increase = combatIncrease(previous?.snapshot, snapshot);
    for (const [monster, count] of increase.kills) {
      const k = keyOf(frame.character_name, monster);
      const sum = kills.get(k) ?? { character_name: frame.character_name, monster, kills: 0 };
      sum.kills += count;
      kills.set(k, sum);
    }
    for (const element of increase.elements) addElement(elements, frame.character_name, element);
    sessions.set(key, {
      character_name: frame.character_name,
      session_key: sessionKey(frame.session_id),
      started_at: previous?.started_at ?? frame.timestamp,
      updated_at: receivedAt,
      snapshot,
    });
    touched.add(key);
  }
  // The three tables in one statement: one round trip.
  await queryRecordSets(
    client,
    `WITH sessions AS (
       INSERT INTO combat_sessions (character_name, session_key, started_at, updated_at, snapshot)
       SELECT * FROM json_to_recordset($1::json) AS r(character_name text, session_key text, started_at timestamptz,
         updated_at timestamptz, snapshot jsonb)
       ON CONFLICT (character_name, session_key) DO UPDATE
         SET updated_at = excluded.updated_at, snapshot = excluded.snapshot
     ), monsters AS (
       INSERT INTO combat_lifetime_monsters AS m (character_name, monster, kills)
       SELECT * FROM json_to_recordset($2::json) AS r(character_name text, monster text, kills bigint)
       ON CONFLICT (character_name, monster) DO UPDATE SET kills = m.kills + excluded.kills
     )
     INSERT INTO combat_lifetime_elements AS e (character_name, monster, element, offense_hits, offense_misses, offense_crits,
       offense_damage, offense_max_hit, defense_hits, defense_evades, defense_resists, defense_damage)
     SELECT * FROM json_to_recordset($3::json) AS r(character_name text, monster text, element text, offense_hits bigint,
       offense_misses bigint, offense_crits bigint, offense_damage float8, offense_max_hit float8, defense_hits bigint,
       defense_evades bigint, defense_resists bigint, defense_damage float8)
     ON CONFLICT (character_name, monster, element) DO UPDATE
       SET offense_hits = e.offense_hits + excluded.offense_hits,
           offense_misses = e.offense_misses + excluded.offense_misses,
           offense_crits = e.offense_crits + excluded.offense_crits,
           offense_damage = e.offense_damage + excluded.offense_damage,
           offense_max_hit = greatest(e.offense_max_hit, excluded.offense_max_hit),
           defense_hits = e.defense_hits + excluded.defense_hits,
           defense_evades = e.defense_evades + excluded.defense_evades,
           defense_resists = e.defense_resists + excluded.defense_resists,
           defense_damage = e.defense_damage + excluded.defense_damage`,
    [[...touched].map((key) => sessions.get(key) as StoredSession), [...kills.values()], [...elements.values()]],
  );
}

/** Folds one increase into the batch's running sums (one row per character, monster and element). */
function addElement(sums: Map<string, ElementIncrease & { character_name: string }>, character: string, increase: ElementIncrease): void {
  const key = `${character}\u0000${increase.monster}\u0000${increase.element}`;
  const sum = sums.get(key);
  if (!sum) {
    sums.set(key, { character_name: character, ...increase });
    return;
  }
  sum.offense_hits += increase.offense_hits;
  sum.offense_misses += increase.offense_misses;
  sum.offense_crits += increase.offense_crits;
  sum.offense_damage += increase.offense_damage;
  sum.offense_max_hit = Math.max(sum.offense_max_hit, increase.offense_max_hit);
  sum.defense_hits += increase.defense_hits;
  sum.defense_evades += increase.defense_evades;
  sum.defense_resists += increase.defense_resists;
  sum.defense_damage += increase.defense_damage;
}
