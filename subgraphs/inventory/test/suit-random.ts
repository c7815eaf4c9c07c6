/**
 * Random small inventories and queries for the suit search's property tests:
 * few items, many ties and clashes, every naming style the plugins use.
 */

import { RATING_NAMES, type CantripLevel, type Ratings, type SetChoice, type SuitItem, type SuitQuery, type SuitSlotGroup } from '../suitbuilder/types.js';

/** A small seeded PRNG (mulberry32): the same seed gives the same case. */
export class Prng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Kinds of pieces: name, then how the plugin may describe where it goes (one style is picked per item). */
const kinds: readonly { name: string; coverage?: string[]; validSlots?: string[]; equipped?: string; objectClass: string }[] = [
  { name: 'Helm', coverage: ['Head'], validSlots: ['HeadWear'], equipped: 'HeadWear', objectClass: 'Armor' },
  { name: 'Breastplate', coverage: ['OuterwearChest'], validSlots: ['ChestArmor'], equipped: 'ChestArmor', objectClass: 'Armor' },
  { name: 'Cuirass', coverage: ['Chest', 'Abdomen'], validSlots: ['ChestArmor', 'AbdomenArmor'], objectClass: 'Armor' },
  { name: 'Coat', coverage: ['Chest', 'Abdomen', 'UpperArms', 'LowerArms'], objectClass: 'Armor' },
  { name: 'Robe', coverage: ['Chest', 'Abdomen', 'UpperArms', 'LowerArms', 'UpperLegs', 'LowerLegs'], objectClass: 'Clothing' },
  { name: 'Girth', coverage: ['Abdomen'], validSlots: ['Abdomen Armor'], objectClass: 'Armor' },
  { name: 'Sleeves', coverage: ['upper_arms', 'lower_arms'], validSlots: ['UpperArmArmor', 'LowerArmArmor'], objectClass: 'Armor' },
  { name: 'Pauldrons', coverage: ['UpperArms'], objectClass: 'Armor' },
  { name: 'Vambraces', coverage: ['OuterwearLowerArms'], objectClass: 'Armor' },
  { name: 'Gauntlets', coverage: ['Hands'], validSlots: ['HandWear'], equipped: 'HandWear', objectClass: 'Armor' },
  { name: 'Leggings', coverage: ['UpperLegs', 'LowerLegs'], validSlots: ['UpperLegArmor', 'LowerLegArmor'], objectClass: 'Armor' },
  { name: 'Tassets', coverage: ['UpperLegs'], objectClass: 'Armor' },
  { name: 'Greaves', coverage: ['LowerLegs'], objectClass: 'Armor' },
  { name: 'Boots', coverage: ['LowerLegs', 'Feet'], objectClass: 'Armor' },
  { name: 'Sollerets', coverage: ['Feet'], validSlots: ['FootWear'], equipped: 'FootWear', objectClass: 'Armor' },
  { name: 'Skirt', coverage: ['Abdomen', 'UpperLegs', 'LowerLegs'], objectClass: 'Armor' },
  { name: 'Shirt', coverage: ['UnderwearChest', 'UnderwearUpperArms'], validSlots: ['ChestWear', 'UpperArmWear'], equipped: 'ChestWear', objectClass: 'Clothing' },
  { name: 'Pants', coverage: ['UnderwearUpperLegs', 'UnderwearLowerLegs'], validSlots: ['UpperLegWear'], equipped: 'UpperLegWear', objectClass: 'Clothing' },
  { name: 'Ring', validSlots: ['FingerWearLeft', 'FingerWearRight'], equipped: 'FingerWearRight', objectClass: 'Jewelry' },
  { name: 'Bracelet', validSlots: ['WristWearLeft', 'WristWearRight'], equipped: 'WristWearLeft', objectClass: 'Jewelry' },
  { name: 'Necklace', validSlots: ['NeckWear'], equipped: 'NeckWear', objectClass: 'Jewelry' },
  { name: 'Compass', validSlots: ['TrinketOne'], equipped: 'TrinketOne', objectClass: 'Jewelry' },
  { name: 'Sword', validSlots: ['MeleeWeapon'], equipped: 'MeleeWeapon', objectClass: 'MeleeWeapon' },
];

const sets = ["Defender's Set", "Soldier's Set", 'Hearty Set'];
const families = ['Strength', 'Invulnerability', 'Flame Ward', 'Heavy Weapon Aptitude'];
const levelWords = ['Minor', 'Moderate', 'Major', 'Epic', 'Legendary', ''];
const cantripLevels: CantripLevel[] = ['MINOR', 'MODERATE', 'MAJOR', 'EPIC', 'LEGENDARY'];

function ratings(random: Prng): Ratings {
  const r = Object.fromEntries(RATING_NAMES.map((name) => [name, 0])) as Ratings;
  if (random.chance(0.3)) r[random.pick(RATING_NAMES)] = random.int(1, 2);
  return r;
}

/** A random piece; ties with other pieces are frequent on purpose. */
export function randomItem(random: Prng, index: number, slotHeavy: readonly number[]): SuitItem {
  const kind = kinds[random.chance(0.6) ? random.pick(slotHeavy) : random.int(0, kinds.length - 1)] as (typeof kinds)[number];
  const style = random.int(0, 2);
  const spells: string[] = [];
  for (let s = random.int(0, 2); s > 0; s--) spells.push(`${random.pick(levelWords)} ${random.pick(families)}`.trim());
  if (random.chance(0.1)) spells.push('Legendary Blood Thirst');
  const set = random.chance(0.6) ? random.pick(sets) : null;
  const owner = random.pick(['Alpha', 'Beta']);
  return {
    key: `${owner}:${100 + index}`,
    owner,
    id: String(100 + index),
    name: kind.name,
    objectClass: kind.objectClass,
    equippedSlot: style === 2 && kind.equipped ? kind.equipped : null,
    coverage: style === 0 || (style === 2 && !kind.equipped) ? (kind.coverage ?? []) : [],
    validSlots: style === 1 ? (kind.validSlots ?? kind.coverage ?? []) : [],
    material: random.chance(0.8) ? 'Steel' : null,
    set: set !== null && random.chance(0.2) ? set.toUpperCase() : set,
    armorLevel: kind.objectClass === 'Jewelry' ? 0 : random.pick([0, 100, 200, 200, 300]),
    spells,
    ratings: ratings(random),
  };
}

function setChoice(random: Prng): SetChoice {
  const mode = random.int(0, 2);
  if (mode === 0) return { mode: 'NAMED', name: random.chance(0.3) ? random.pick(sets).toLowerCase() : random.pick(sets) };
  return mode === 1 ? { mode: 'ANY' } : { mode: 'NONE' };
}

/** A random inventory of a few items and a query over it. */
export function randomCase(seed: number): { items: SuitItem[]; query: SuitQuery } {
  const random = new Prng(seed);
  const count = random.int(2, 9);
  // A few kinds recur, so that pieces compete for the same slots.
  const slotHeavy = [random.int(0, kinds.length - 1), random.int(0, kinds.length - 1), random.int(0, kinds.length - 1)];
  const items = Array.from({ length: count }, (_, i) => randomItem(random, i, slotHeavy));
  const groups: SuitSlotGroup[] = random.chance(0.7) ? ['ARMOR', 'UNDERCLOTHES', 'JEWELRY'] : (['ARMOR', 'UNDERCLOTHES', 'JEWELRY'] as const).filter(() => random.chance(0.6));
  const query: SuitQuery = {
    primarySet: setChoice(random),
    secondarySet: setChoice(random),
    cantrips: Array.from({ length: random.int(0, 3) }, () => ({ family: random.chance(0.2) ? random.pick(families).toUpperCase() : random.pick(families), minLevel: random.pick(cantripLevels) })),
    minArmorLevel: random.chance(0.2) ? random.pick([100, 400, 900]) : 0,
    locked: random.chance(0.2) ? [random.pick(items).key] : [],
    excluded: random.chance(0.2) ? [random.pick(items).key] : [],
    slotGroups: groups,
    weights: {
      armorLevel: random.pick([1, 1, 0, 0.5]),
      setTier: random.pick([400, 400, 0, 150]),
      cantrip: random.pick([2000, 2000, 0, 300]),
      rating: random.pick([100, 100, 0, 7.5]),
    },
    suits: random.chance(0.7) ? 10 : random.int(1, 5),
    timeBudgetMs: 60_000,
  };
  return { items, query };
}
