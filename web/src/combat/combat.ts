/**
 * What the Combat window derives from `CombatTotals`: the monster table's
 * sort columns, element names as the game writes them, and rates.
 */
import type { SortValue } from '../components/sort';
import type { CombatSpanFragment } from '../graph/generated/graphql';

type MonsterCombat = CombatSpanFragment['byMonster'][number];

/** Columns of the per-monster table. */
export type MonsterColumn = 'monster' | 'kills' | 'dealt' | 'accuracy' | 'averageHit' | 'taken';

export const monsterColumns: Record<MonsterColumn, (row: MonsterCombat) => SortValue> = {
  monster: (row) => row.monster,
  kills: (row) => row.kills,
  dealt: (row) => row.offense.damage,
  accuracy: (row) => row.offense.accuracy,
  averageHit: (row) => row.offense.averageHit,
  taken: (row) => row.defense.damage,
};

/** `slash` → `Slash`; the plugin's names are lower case. */
export function elementLabel(element: string): string {
  return element ? element[0]!.toUpperCase() + element.slice(1) : element;
}

/**
 * The share of attacks received that did not land: evaded or resisted over
 * all attacks received; null when none were.
 */
export function avoidRate(defense: { hits: number; evades: number; resists: number }): number | null {
  const attacks = defense.hits + defense.evades + defense.resists;
  return attacks ? (defense.evades + defense.resists) / attacks : null;
}
