/**
 * Where an item may be worn: its placements (slot sets), with the tailoring
 * reductions the game allows, as Mag-SuitBuilder models them.
 */

import { SUIT_SLOTS, type SuitItem, type SuitSlot, type SuitSlotGroup } from './types.js';

/** One way to wear an item: the slots it fills and the reduction it needs (null when worn as it is). */
export interface Placement {
  slots: SuitSlot[];
  reduction: string | null;
}

const bit = (slot: SuitSlot): number => 1 << SUIT_SLOTS.indexOf(slot);

export const HEAD = bit('HEAD');
export const HANDS = bit('HANDS');
export const FEET = bit('FEET');
export const CHEST = bit('CHEST');
export const ABDOMEN = bit('ABDOMEN');
export const UPPER_ARMS = bit('UPPER_ARMS');
export const LOWER_ARMS = bit('LOWER_ARMS');
export const UPPER_LEGS = bit('UPPER_LEGS');
export const LOWER_LEGS = bit('LOWER_LEGS');
export const SHIRT = bit('SHIRT');
export const PANTS = bit('PANTS');
export const NECK = bit('NECK');
export const WRIST_LEFT = bit('WRIST_LEFT');
export const WRIST_RIGHT = bit('WRIST_RIGHT');
export const FINGER_LEFT = bit('FINGER_LEFT');
export const FINGER_RIGHT = bit('FINGER_RIGHT');
export const TRINKET = bit('TRINKET');

export const ARMOR_SLOTS = HEAD | HANDS | FEET | CHEST | ABDOMEN | UPPER_ARMS | LOWER_ARMS | UPPER_LEGS | LOWER_LEGS;
export const UNDERCLOTHES_SLOTS = SHIRT | PANTS;
export const JEWELRY_SLOTS = NECK | WRIST_LEFT | WRIST_RIGHT | FINGER_LEFT | FINGER_RIGHT | TRINKET;

/** The slots of each group, as a bit mask over `SUIT_SLOTS`. */
export const GROUP_SLOTS: Record<SuitSlotGroup, number> = { ARMOR: ARMOR_SLOTS, UNDERCLOTHES: UNDERCLOTHES_SLOTS, JEWELRY: JEWELRY_SLOTS };

/** A slot set as a bit mask over `SUIT_SLOTS` (bit i is `SUIT_SLOTS[i]`). */
export function slotMask(slots: readonly SuitSlot[]): number {
  let mask = 0;
  for (const slot of slots) mask |= bit(slot);
  return mask;
}

/** The slots of a mask, in `SUIT_SLOTS` order. */
export function slotsOf(mask: number): SuitSlot[] {
  return SUIT_SLOTS.filter((_, i) => (mask & (1 << i)) !== 0);
}

/** Slots of a mask whose armour level counts: armour and underclothes. */
export function armorSlotCount(mask: number): number {
  let m = mask & (ARMOR_SLOTS | UNDERCLOTHES_SLOTS);
  let n = 0;
  while (m !== 0) {
    m &= m - 1;
    n++;
  }
  return n;
}

// Underclothes coverage, kept apart from armour: shirts and pants are worn under it.
const U_CHEST = 1;
const U_ABDOMEN = 2;
const U_UPPER_ARMS = 4;
const U_LOWER_ARMS = 8;
const U_UPPER_LEGS = 16;
const U_LOWER_LEGS = 32;

type Token = { armor: number } | { under: number } | { jewel: 'NECK' | 'WRIST' | 'FINGER' | 'TRINKET' };

const armorNames: Record<string, number> = {
  head: HEAD, hands: HANDS, feet: FEET, chest: CHEST, abdomen: ABDOMEN,
  upperarms: UPPER_ARMS, lowerarms: LOWER_ARMS, upperlegs: UPPER_LEGS, lowerlegs: LOWER_LEGS,
};
const underNames: Record<string, number> = {
  chest: U_CHEST, abdomen: U_ABDOMEN, upperarms: U_UPPER_ARMS, lowerarms: U_LOWER_ARMS, upperlegs: U_UPPER_LEGS, lowerlegs: U_LOWER_LEGS,
};

const tokens = new Map<string, Token>();
for (const [name, mask] of Object.entries(armorNames)) {
  tokens.set(name, { armor: mask });
  tokens.set(`outerwear${name}`, { armor: mask });
}
for (const [name, mask] of Object.entries(underNames)) tokens.set(`underwear${name}`, { under: mask });
for (const [name, mask] of Object.entries({
  headwear: HEAD, handwear: HANDS, footwear: FEET, chestarmor: CHEST, abdomenarmor: ABDOMEN,
  upperarmarmor: UPPER_ARMS, lowerarmarmor: LOWER_ARMS, upperlegarmor: UPPER_LEGS, lowerlegarmor: LOWER_LEGS,
})) {
  tokens.set(name, { armor: mask });
}
for (const [name, mask] of Object.entries({
  chestwear: U_CHEST, abdomenwear: U_ABDOMEN, upperarmwear: U_UPPER_ARMS, lowerarmwear: U_LOWER_ARMS, upperlegwear: U_UPPER_LEGS, lowerlegwear: U_LOWER_LEGS,
})) {
  tokens.set(name, { under: mask });
}
for (const name of ['neckwear', 'neck']) tokens.set(name, { jewel: 'NECK' });
for (const name of ['wristwearleft', 'wristwearright', 'wristwear', 'wrist']) tokens.set(name, { jewel: 'WRIST' });
for (const name of ['fingerwearleft', 'fingerwearright', 'fingerwear', 'finger']) tokens.set(name, { jewel: 'FINGER' });
for (const name of ['trinketone', 'trinket']) tokens.set(name, { jewel: 'TRINKET' });

const normalize = (name: string): string => name.toLowerCase().replace(/[\s_]/g, '');

/** Object classes that are never part of a suit, whatever else the item says. */
const notWorn = new Set(['meleeweapon', 'missileweapon', 'wandstafforb', 'ammunition', 'caster']);

/** Jewellery the plugin reports with neither slots nor coverage (carried, not worn): known by its name. */
const jewelByName: readonly (readonly [RegExp, 'NECK' | 'WRIST' | 'FINGER' | 'TRINKET'])[] = [
  [/\bring\b/i, 'FINGER'],
  [/\b(bracelet|bangle)\b/i, 'WRIST'],
  [/\b(necklace|amulet|gorget|pendant|locket|torc|collar)\b/i, 'NECK'],
  [/\b(scarab|compass|watch|puzzle box|trinket)\b/i, 'TRINKET'],
];

interface Worn {
  armor: number;
  under: number;
  jewels: Set<'NECK' | 'WRIST' | 'FINGER' | 'TRINKET'>;
}

function read(names: readonly string[]): Worn {
  const worn: Worn = { armor: 0, under: 0, jewels: new Set() };
  for (const name of names) {
    const token = tokens.get(normalize(name));
    if (!token) continue;
    if ('armor' in token) worn.armor |= token.armor;
    else if ('under' in token) worn.under |= token.under;
    else worn.jewels.add(token.jewel);
  }
  return worn;
}

const isEmpty = (worn: Worn): boolean => worn.armor === 0 && worn.under === 0 && worn.jewels.size === 0;

function wornOf(item: SuitItem): Worn {
  const sources = [item.validSlots, item.coverage, item.equippedSlot === null ? [] : [item.equippedSlot]];
  for (const names of sources) {
    const worn = read(names);
    if (!isEmpty(worn)) return worn;
  }
  const worn: Worn = { armor: 0, under: 0, jewels: new Set() };
  if (normalize(item.objectClass ?? '') === 'jewelry') {
    const found = jewelByName.find(([pattern]) => pattern.test(item.name));
    if (found) worn.jewels.add(found[1]);
  }
  return worn;
}

const ROBE = CHEST | ABDOMEN | UPPER_ARMS | LOWER_ARMS | UPPER_LEGS | LOWER_LEGS;

/** Robes cannot be tailored: a name with "Robe", or a covering of chest, abdomen, arms and legs at once. */
export function isRobe(item: SuitItem, armor: number): boolean {
  return /robe/i.test(item.name) || (armor & ROBE) === ROBE;
}

function reductionsOf(armor: number): number[] {
  if (armor === (UPPER_ARMS | LOWER_ARMS)) return [UPPER_ARMS, LOWER_ARMS];
  if (armor === (UPPER_LEGS | LOWER_LEGS)) return [UPPER_LEGS, LOWER_LEGS];
  if (armor === (LOWER_LEGS | FEET)) return [FEET];
  if ((armor & CHEST) !== 0 && armor !== CHEST) return [CHEST];
  if (armor === (ABDOMEN | UPPER_LEGS | LOWER_LEGS)) return [ABDOMEN, UPPER_LEGS, LOWER_LEGS];
  return [];
}

const reductionNames: Record<number, string> = {
  [UPPER_ARMS]: 'Reduce to Upper Arms', [LOWER_ARMS]: 'Reduce to Lower Arms', [UPPER_LEGS]: 'Reduce to Upper Legs',
  [LOWER_LEGS]: 'Reduce to Lower Legs', [FEET]: 'Reduce to Feet', [CHEST]: 'Reduce to Chest', [ABDOMEN]: 'Reduce to Abdomen',
};

/** Placements as bit masks (see `slotMask`), in the order of `placementsOf`. */
export function placementMasksOf(item: SuitItem, groups: readonly SuitSlotGroup[]): { mask: number; reduction: string | null }[] {
  if (notWorn.has(normalize(item.objectClass ?? ''))) return [];
  const worn = wornOf(item);
  const found: { mask: number; reduction: string | null }[] = [];
  if (worn.armor !== 0) {
    found.push({ mask: worn.armor, reduction: null });
    if (item.material !== null && item.material !== '' && !isRobe(item, worn.armor)) {
      for (const mask of reductionsOf(worn.armor)) found.push({ mask, reduction: reductionNames[mask] as string });
    }
  } else if (worn.under !== 0) {
    const shirt = (worn.under & (U_CHEST | U_UPPER_ARMS | U_LOWER_ARMS)) !== 0;
    const pants = (worn.under & (U_UPPER_LEGS | U_LOWER_LEGS)) !== 0;
    // Abdomen underwear alone is part of the pants, as the game's breeches are.
    found.push({ mask: (shirt ? SHIRT : 0) | (pants || !shirt ? PANTS : 0), reduction: null });
  } else {
    if (worn.jewels.has('NECK')) found.push({ mask: NECK, reduction: null });
    if (worn.jewels.has('WRIST')) found.push({ mask: WRIST_LEFT, reduction: null }, { mask: WRIST_RIGHT, reduction: null });
    if (worn.jewels.has('FINGER')) found.push({ mask: FINGER_LEFT, reduction: null }, { mask: FINGER_RIGHT, reduction: null });
    if (worn.jewels.has('TRINKET')) found.push({ mask: TRINKET, reduction: null });
  }
  let allowed = 0;
  for (const group of groups) allowed |= GROUP_SLOTS[group];
  return found.filter((p) => (p.mask & ~allowed) === 0);
}

/**
 * Every way `item` can be worn within the slot `groups`: as it is first, then
 * each tailoring reduction; bracelets and rings once per side. Empty when it
 * is no suit piece (weapons, shields, cloaks, aetheria) or fits no wanted group.
 */
export function placementsOf(item: SuitItem, groups: readonly SuitSlotGroup[]): Placement[] {
  return placementMasksOf(item, groups).map((p) => ({ slots: slotsOf(p.mask), reduction: p.reduction }));
}
