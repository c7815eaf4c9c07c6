/**
 * A session's combat record: per monster, the kills and every swing traded,
 * per damage element. Only ever grows; `combat_stats` frames are snapshots of it.
 */

import { damageElements, type DamageElement, type MonsterTally } from './frames.js';
import type { Monster } from './world.js';
import type { Random } from './random.js';

// Offense row: hits, misses, crits, damage, max_hit; defense row: hits, evades, resists, damage.
const OFFENSE = 5;
const DEFENSE = 4;
const ELEMENTS = damageElements.length;

interface MonsterRecord {
  readonly name: string;
  kills: number;
  readonly offense: Float64Array;
  readonly defense: Float64Array;
}

/** How hard a character hits and how often it is missed, from its level. */
export interface Fighter {
  readonly level: number;
  readonly element: DamageElement;
  /** Casters' attacks can be resisted rather than evaded. */
  readonly caster: boolean;
}

export class CombatSession {
  private readonly records: MonsterRecord[] = [];
  private readonly byName = new Map<string, MonsterRecord>();

  /** True before the first fight of the session. */
  get empty(): boolean {
    return this.records.length === 0;
  }

  /**
   * The fight that ended in a kill: the character's swings until the monster's
   * health is gone, and the monster's attacks meanwhile. Returns the damage taken.
   */
  recordKill(random: Random, fighter: Fighter, monster: Monster): number {
    const record = this.recordOf(monster.name);
    record.kills++;
    const power = fighter.level / 275;
    const meanHit = (fighter.caster ? 260 : 180) * (0.35 + 0.65 * power);
    const element = damageElements.indexOf(fighter.element);
    let remaining = monster.health;
    let swings = 0;
    const o = element * OFFENSE;
    while (remaining > 0 && swings < 60) {
      swings++;
      if (random.chance(0.12)) {
        record.offense[o + 1]!++;
        continue;
      }
      const crit = random.chance(0.1);
      const damage = Math.round(meanHit * random.range(0.6, 1.3) * (crit ? 2 : 1));
      remaining -= damage;
      record.offense[o]!++;
      if (crit) record.offense[o + 2]!++;
      record.offense[o + 3]! += damage;
      if (damage > (record.offense[o + 4] as number)) record.offense[o + 4] = damage;
    }
    let taken = 0;
    const attacks = Math.max(1, Math.round(swings * random.range(0.4, 1.2)));
    for (let i = 0; i < attacks; i++) {
      const attackElement = random.pick(monster.attacks);
      const d = damageElements.indexOf(attackElement) * DEFENSE;
      const physical = attackElement === 'slash' || attackElement === 'pierce' || attackElement === 'bludgeon';
      if (random.chance(0.5)) {
        record.defense[d + 1]!++;
      } else if (!physical && random.chance(0.3)) {
        record.defense[d + 2]!++;
      } else {
        const damage = Math.round((20 + monster.health / 25) * random.range(0.5, 1.4) * (1.2 - 0.5 * power));
        record.defense[d]!++;
        record.defense[d + 3]! += damage;
        taken += damage;
      }
    }
    return taken;
  }

  /** The `combat_stats` session payload: fresh objects, so earlier snapshots never change. */
  snapshot(): { monsters: { [name: string]: MonsterTally } } {
    const out: { [name: string]: MonsterTally } = {};
    for (const record of this.records) {
      const tally: MonsterTally = { kills: record.kills, offense: {}, defense: {} };
      for (let e = 0; e < ELEMENTS; e++) {
        const element = damageElements[e] as DamageElement;
        const o = e * OFFENSE;
        if (record.offense[o]! + record.offense[o + 1]! > 0) {
          tally.offense[element] = {
            hits: record.offense[o] as number,
            misses: record.offense[o + 1] as number,
            crits: record.offense[o + 2] as number,
            damage: record.offense[o + 3] as number,
            max_hit: record.offense[o + 4] as number,
          };
        }
        const d = e * DEFENSE;
        if (record.defense[d]! + record.defense[d + 1]! + record.defense[d + 2]! > 0) {
          tally.defense[element] = {
            hits: record.defense[d] as number,
            evades: record.defense[d + 1] as number,
            resists: record.defense[d + 2] as number,
            damage: record.defense[d + 3] as number,
          };
        }
      }
      out[record.name] = tally;
    }
    return { monsters: out };
  }

  private recordOf(name: string): MonsterRecord {
    let record = this.byName.get(name);
    if (!record) {
      record = { name, kills: 0, offense: new Float64Array(ELEMENTS * OFFENSE), defense: new Float64Array(ELEMENTS * DEFENSE) };
      this.records.push(record);
      this.byName.set(name, record);
    }
    return record;
  }
}
