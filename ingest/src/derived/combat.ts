import type { CombatElementTotals } from '@lifestone/lib/db';
import { cumulativeIncrease } from './cumulative.js';

/** Offense against one monster with one damage element, cumulative over a session. */
export interface OffenseTotals { hits: number; misses: number; crits: number; damage: number; max_hit: number }
/** Defense against one monster's damage element, cumulative over a session. */
export interface DefenseTotals { hits: number; evades: number; resists: number; damage: number }
export interface MonsterTotals {
  kills: number;
  offense?: Record<string, OffenseTotals> | null;
  defense?: Record<string, DefenseTotals> | null;
}
/** The `session` of a `combat_stats` frame: cumulative totals per monster. */
export interface CombatSnapshot { monsters: Record<string, MonsterTotals> }

/**
 * What one snapshot adds to a character's lifetime totals for one monster and
 * element; `offense_max_hit` is not an increase but the session's highest hit,
 * folded into the lifetime maximum.
 */
export type ElementIncrease = CombatElementTotals;

export interface CombatIncrease {
  kills: Map<string, number>;
  elements: ElementIncrease[];
}

/**
 * The increase of `next` over `previous`, the session's last snapshot (none for
 * a new session), field by field, so that a re-sent snapshot adds nothing.
 */
export function combatIncrease(previous: CombatSnapshot | undefined, next: CombatSnapshot): CombatIncrease {
  const kills = new Map<string, number>();
  const elements: ElementIncrease[] = [];
  for (const [monster, totals] of Object.entries(next.monsters)) {
    const before = previous?.monsters[monster];
    const killIncrease = cumulativeIncrease(before?.kills, totals.kills);
    if (killIncrease > 0) kills.set(monster, killIncrease);
    const names = new Set([...Object.keys(totals.offense ?? {}), ...Object.keys(totals.defense ?? {})]);
    for (const element of names) {
      const offense = totals.offense?.[element];
      const defense = totals.defense?.[element];
      const offenseBefore = before?.offense?.[element];
      const defenseBefore = before?.defense?.[element];
      const increase: ElementIncrease = {
        monster,
        element,
        offense_hits: offense ? cumulativeIncrease(offenseBefore?.hits, offense.hits) : 0,
        offense_misses: offense ? cumulativeIncrease(offenseBefore?.misses, offense.misses) : 0,
        offense_crits: offense ? cumulativeIncrease(offenseBefore?.crits, offense.crits) : 0,
        offense_damage: offense ? cumulativeIncrease(offenseBefore?.damage, offense.damage) : 0,
        offense_max_hit: offense?.max_hit ?? 0,
        defense_hits: defense ? cumulativeIncrease(defenseBefore?.hits, defense.hits) : 0,
        defense_evades: defense ? cumulativeIncrease(defenseBefore?.evades, defense.evades) : 0,
        defense_resists: defense ? cumulativeIncrease(defenseBefore?.resists, defense.resists) : 0,
        defense_damage: defense ? cumulativeIncrease(defenseBefore?.damage, defense.damage) : 0,
      };
      const grew =
        increase.offense_hits + increase.offense_misses + increase.offense_crits + increase.offense_damage +
        increase.defense_hits + increase.defense_evades + increase.defense_resists + increase.defense_damage > 0;
      if (grew || increase.offense_max_hit > (offenseBefore?.max_hit ?? 0)) elements.push(increase);
    }
  }
  return { kills, elements };
}
