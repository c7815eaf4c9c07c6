/**
 * Row shapes of tables that one service writes and another reads, declared
 * once so that writer and reader cannot drift apart.
 */

/** One row of `combat_lifetime_elements` without its character: totals for one monster and damage element. */
export interface CombatElementTotals {
  monster: string;
  element: string;
  offense_hits: number;
  offense_misses: number;
  offense_crits: number;
  offense_damage: number;
  offense_max_hit: number;
  defense_hits: number;
  defense_evades: number;
  defense_resists: number;
  defense_damage: number;
}
