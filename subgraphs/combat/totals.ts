import type { CombatTotals, DefenseTotals, ElementCombat, MonsterCombat, OffenseTotals } from './generated/resolvers.js';
import type { LifetimeElementRow, StoredMonster, StoredSnapshot } from './sql.js';

/**
 * A session's snapshot and a lifetime's rows come in two shapes; both are
 * read into per-monster, per-element sums first, so that one function makes
 * `CombatTotals` of either and the two always agree.
 */
interface MonsterSums {
  kills: number;
  elements: Map<string, ElementSums>;
}

interface ElementSums {
  offense: OffenseSums;
  defense: DefenseSums;
}

interface OffenseSums { hits: number; misses: number; crits: number; damage: number; maxHit: number }
interface DefenseSums { hits: number; evades: number; resists: number; damage: number }

const noOffense = (): OffenseSums => ({ hits: 0, misses: 0, crits: 0, damage: 0, maxHit: 0 });
const noDefense = (): DefenseSums => ({ hits: 0, evades: 0, resists: 0, damage: 0 });

/** The totals of a session's cumulative snapshot (`combat_sessions.snapshot`). */
export function sessionTotals(snapshot: StoredSnapshot): CombatTotals {
  const monsters = new Map<string, MonsterSums>();
  for (const [monster, reported] of Object.entries(snapshot.monsters ?? {})) monsters.set(monster, monsterSums(reported));
  return totalsOf(monsters);
}

/** The totals of a character's lifetime rows (`combat_lifetime_elements`, `combat_lifetime_monsters`). */
export function lifetimeTotals(elements: readonly LifetimeElementRow[], kills: Record<string, number>): CombatTotals {
  const monsters = new Map<string, MonsterSums>();
  const monsterOf = (name: string): MonsterSums => {
    let sums = monsters.get(name);
    if (!sums) {
      sums = { kills: 0, elements: new Map() };
      monsters.set(name, sums);
    }
    return sums;
  };
  for (const [monster, count] of Object.entries(kills)) monsterOf(monster).kills += Number(count);
  for (const row of elements) {
    monsterOf(row.monster).elements.set(row.element, {
      offense: {
        hits: Number(row.offense_hits),
        misses: Number(row.offense_misses),
        crits: Number(row.offense_crits),
        damage: Number(row.offense_damage),
        maxHit: Number(row.offense_max_hit),
      },
      defense: {
        hits: Number(row.defense_hits),
        evades: Number(row.defense_evades),
        resists: Number(row.defense_resists),
        damage: Number(row.defense_damage),
      },
    });
  }
  return totalsOf(monsters);
}

function monsterSums(reported: StoredMonster): MonsterSums {
  const elements = new Map<string, ElementSums>();
  const elementOf = (name: string): ElementSums => {
    let sums = elements.get(name);
    if (!sums) {
      sums = { offense: noOffense(), defense: noDefense() };
      elements.set(name, sums);
    }
    return sums;
  };
  for (const [element, offense] of Object.entries(reported.offense ?? {})) {
    elementOf(element).offense = {
      hits: offense.hits ?? 0,
      misses: offense.misses ?? 0,
      crits: offense.crits ?? 0,
      damage: offense.damage ?? 0,
      maxHit: offense.max_hit ?? 0,
    };
  }
  for (const [element, defense] of Object.entries(reported.defense ?? {})) {
    elementOf(element).defense = { hits: defense.hits ?? 0, evades: defense.evades ?? 0, resists: defense.resists ?? 0, damage: defense.damage ?? 0 };
  }
  return { kills: reported.kills ?? 0, elements };
}

/**
 * Totals overall, per element and per monster. Elements with nothing in them
 * and monsters with neither kills nor elements are left out: lifetime rows
 * exist only for what grew, and a session must read the same.
 */
function totalsOf(monsters: ReadonlyMap<string, MonsterSums>): CombatTotals {
  const overall = { offense: noOffense(), defense: noDefense() };
  const perElement = new Map<string, ElementSums>();
  const byMonster: MonsterCombat[] = [];
  let kills = 0;
  for (const [monster, sums] of monsters) {
    const elements = [...sums.elements].filter(([, element]) => !isEmpty(element));
    if (sums.kills === 0 && elements.length === 0) continue;
    const monsterTotal = { offense: noOffense(), defense: noDefense() };
    for (const [name, element] of elements) {
      add(monsterTotal, element);
      add(overall, element);
      let across = perElement.get(name);
      if (!across) {
        across = { offense: noOffense(), defense: noDefense() };
        perElement.set(name, across);
      }
      add(across, element);
    }
    kills += sums.kills;
    byMonster.push({
      monster,
      kills: sums.kills,
      offense: offenseTotals(monsterTotal.offense),
      defense: defenseTotals(monsterTotal.defense),
      byElement: elementList(elements),
    });
  }
  byMonster.sort((a, b) => b.kills - a.kills || b.offense.damage - a.offense.damage || compareNames(a.monster, b.monster));
  return {
    kills,
    offense: offenseTotals(overall.offense),
    defense: defenseTotals(overall.defense),
    byElement: elementList([...perElement]),
    byMonster,
  };
}

function isEmpty({ offense, defense }: ElementSums): boolean {
  return offense.hits + offense.misses + offense.crits + offense.damage + offense.maxHit + defense.hits + defense.evades + defense.resists + defense.damage === 0;
}

function add(sum: ElementSums, element: ElementSums): void {
  sum.offense.hits += element.offense.hits;
  sum.offense.misses += element.offense.misses;
  sum.offense.crits += element.offense.crits;
  sum.offense.damage += element.offense.damage;
  sum.offense.maxHit = Math.max(sum.offense.maxHit, element.offense.maxHit);
  sum.defense.hits += element.defense.hits;
  sum.defense.evades += element.defense.evades;
  sum.defense.resists += element.defense.resists;
  sum.defense.damage += element.defense.damage;
}

/** Elements by damage dealt (most first), then damage taken, then name. */
function elementList(elements: ReadonlyArray<readonly [string, ElementSums]>): ElementCombat[] {
  return elements
    .map(([element, sums]) => ({ element, offense: offenseTotals(sums.offense), defense: defenseTotals(sums.defense) }))
    .sort((a, b) => b.offense.damage - a.offense.damage || b.defense.damage - a.defense.damage || compareNames(a.element, b.element));
}

function offenseTotals(sums: OffenseSums): OffenseTotals {
  const attacks = sums.hits + sums.misses;
  return {
    ...sums,
    accuracy: attacks > 0 ? sums.hits / attacks : null,
    critRate: sums.hits > 0 ? sums.crits / sums.hits : null,
    averageHit: sums.hits > 0 ? sums.damage / sums.hits : null,
  };
}

function defenseTotals(sums: DefenseSums): DefenseTotals {
  return { ...sums };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
