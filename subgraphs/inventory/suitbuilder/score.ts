/**
 * What a suit is worth: cantrip parsing, set tiers, the score from its integer
 * parts, and the suit as the graph reports it. The search and its test oracle
 * both score through `scoreOf`, so equal suits get bit-identical floats.
 */

import { armorSlotCount, slotsOf } from './slots.js';
import {
  CANTRIP_LEVELS,
  RATING_NAMES,
  type CantripLevel,
  type FoundCantrip,
  type FoundSet,
  type FoundSuit,
  type Ratings,
  type SetChoice,
  type SuitItem,
  type SuitQuery,
  type SuitWeights,
} from './types.js';

/** The integer parts of a suit's score. */
export interface ScoreParts {
  /** Suit armour level. */
  armorLevel: number;
  /** Primary tier plus secondary tier. */
  setTiers: number;
  /** Wanted families covered at their minimum level. */
  cantrips: number;
  /** Sum of every rating over the pieces. */
  ratings: number;
}

/** The score: each part times its weight, always summed in this order. */
export function scoreOf(parts: ScoreParts, weights: SuitWeights): number {
  return weights.armorLevel * parts.armorLevel + weights.setTier * parts.setTiers + weights.cantrip * parts.cantrips + weights.rating * parts.ratings;
}

/** Most pieces counted toward the primary and the secondary set bonus. */
export const PRIMARY_CAP = 5;
export const SECONDARY_CAP = 4;

const levelWords = new Map<string, number>(CANTRIP_LEVELS.map((level, i) => [level.toLowerCase(), i]));

/**
 * A spell as a cantrip: `Legendary Strength` is the family `strength` at LEGENDARY
 * (index 4 in `CANTRIP_LEVELS`); a name without a level word is the whole name at MODERATE.
 * Families come back lower-cased, as they are compared.
 */
export function parseCantrip(spell: string): { family: string; level: number } {
  const words = spell.trim().split(/\s+/);
  const level = levelWords.get((words[0] ?? '').toLowerCase());
  if (level !== undefined && words.length > 1) return { family: words.slice(1).join(' ').toLowerCase(), level };
  return { family: words.join(' ').toLowerCase(), level: CANTRIP_LEVELS.indexOf('MODERATE') };
}

/** The best level (index in `CANTRIP_LEVELS`) of `family` (lower-case) among an item's spells; -1 when it has none. */
export function cantripLevelOf(item: SuitItem, family: string): number {
  let best = -1;
  for (const spell of item.spells) {
    const parsed = parseCantrip(spell);
    if (parsed.family === family && parsed.level > best) best = parsed.level;
  }
  return best;
}

/** Set choices as ids into a table of set names: `ANY_SET`, `NO_SET` or a set's index. */
export const ANY_SET = -2;
export const NO_SET = -1;

/**
 * Picks the primary and secondary sets from per-set piece counts and writes
 * [tiers, primary id or -1, secondary id or -1] into `out`. The two roles go to
 * different sets; among equal counts the lower id wins.
 */
export function chooseSets(counts: ArrayLike<number>, primary: number, secondary: number, out: Int32Array): void {
  let p = -1;
  let s = -1;
  if (primary >= 0) p = primary;
  if (secondary >= 0 && secondary !== p) s = secondary;
  if (primary === ANY_SET) p = largest(counts, s, PRIMARY_CAP);
  if (secondary === ANY_SET) s = largest(counts, p, SECONDARY_CAP);
  const tp = p >= 0 ? Math.min(counts[p] ?? 0, PRIMARY_CAP) : 0;
  const ts = s >= 0 ? Math.min(counts[s] ?? 0, SECONDARY_CAP) : 0;
  out[0] = tp + ts;
  out[1] = tp > 0 || primary >= 0 ? p : -1;
  out[2] = ts > 0 || (secondary >= 0 && secondary !== p) ? s : -1;
}

function largest(counts: ArrayLike<number>, except: number, cap: number): number {
  let best = -1;
  let bestCount = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = Math.min(counts[i] as number, cap);
    if (i !== except && count > bestCount) {
      best = i;
      bestCount = count;
    }
  }
  return best;
}

/** Set names as the search compares them. */
export const setKey = (name: string): string => name.trim().toLowerCase();

/** The id of a set choice in a table of set keys (adding a named set that no item has). */
export function choiceId(choice: SetChoice, table: string[]): number {
  if (choice.mode === 'ANY') return ANY_SET;
  if (choice.mode === 'NONE') return NO_SET;
  const key = setKey(choice.name);
  let id = table.indexOf(key);
  if (id < 0) id = table.push(key) - 1;
  return id;
}

/** One piece of a suit being described: the item and the slots (bit mask) it fills. */
export interface WornPiece {
  item: SuitItem;
  mask: number;
  reduction: string | null;
}

const zeroRatings = (): Ratings => Object.fromEntries(RATING_NAMES.map((name) => [name, 0])) as Ratings;

/** Every part of a suit, computed from its pieces alone; `rank` and `why` are left for the ranking to fill. */
export function describeSuit(pieces: readonly WornPiece[], query: SuitQuery): FoundSuit & { parts: ScoreParts } {
  let armorLevel = 0;
  const ratings = zeroRatings();
  const setNames = new Map<string, string>();
  for (const { item, mask } of pieces) {
    armorLevel += item.armorLevel * armorSlotCount(mask);
    for (const name of RATING_NAMES) ratings[name] += item.ratings[name];
    if (item.set !== null && !setNames.has(setKey(item.set))) setNames.set(setKey(item.set), item.set);
  }
  const table = [...setNames.keys()].sort();
  const primary = choiceId(query.primarySet, table);
  const secondary = choiceId(query.secondarySet, table);
  const counts = new Int32Array(table.length);
  for (const { item } of pieces) if (item.set !== null) counts[table.indexOf(setKey(item.set))]! += 1;
  const chosen = new Int32Array(3);
  chooseSets(counts, primary, secondary, chosen);
  const sets: FoundSet[] = [];
  table.forEach((key, id) => {
    if (counts[id] === 0) return;
    const role = id === chosen[1] ? 'PRIMARY' : id === chosen[2] ? 'SECONDARY' : null;
    const tier = role === 'PRIMARY' ? Math.min(counts[id]!, PRIMARY_CAP) : role === 'SECONDARY' ? Math.min(counts[id]!, SECONDARY_CAP) : 0;
    sets.push({ name: setNames.get(key) as string, pieces: counts[id]!, tier, role });
  });
  sets.sort((a, b) => b.pieces - a.pieces || b.tier - a.tier || a.name.localeCompare(b.name));
  const cantrips: FoundCantrip[] = [];
  const missingCantrips: FoundCantrip[] = [];
  for (const wanted of query.cantrips) {
    const family = wanted.family.trim().toLowerCase();
    let best = -1;
    for (const { item } of pieces) best = Math.max(best, cantripLevelOf(item, family));
    const found: FoundCantrip = { family: wanted.family, wanted: wanted.minLevel, level: best < 0 ? null : (CANTRIP_LEVELS[best] as CantripLevel) };
    (best >= CANTRIP_LEVELS.indexOf(wanted.minLevel) ? cantrips : missingCantrips).push(found);
  }
  const parts: ScoreParts = {
    armorLevel,
    setTiers: chosen[0]!,
    cantrips: cantrips.length,
    ratings: RATING_NAMES.reduce((sum, name) => sum + ratings[name], 0),
  };
  const w = query.weights;
  const ordered = [...pieces].sort((a, b) => lowestBit(a.mask) - lowestBit(b.mask));
  return {
    rank: 0,
    score: scoreOf(parts, w),
    scoreParts: {
      armorLevel: w.armorLevel * parts.armorLevel,
      sets: w.setTier * parts.setTiers,
      cantrips: w.cantrip * parts.cantrips,
      ratings: w.rating * parts.ratings,
    },
    armorLevel,
    pieces: ordered.map(({ item, mask, reduction }) => ({ key: item.key, slots: slotsOf(mask), reduction })),
    sets,
    cantrips,
    missingCantrips,
    ratings,
    why: '',
    parts,
  };
}

const lowestBit = (mask: number): number => 31 - Math.clz32(mask & -mask);

const number = (value: number): string => Math.round(value).toLocaleString('en-US');

const partNames: Record<keyof FoundSuit['scoreParts'], string> = { armorLevel: 'armour level', sets: 'set bonus', cantrips: 'cantrips', ratings: 'ratings' };

/** Why `suit` ranks where it does in `ranking` (best first, `suit.rank` set), in a sentence. */
export function whyOf(suit: FoundSuit, ranking: readonly FoundSuit[], query: SuitQuery): string {
  const wanted = query.cantrips.length;
  const facts: string[] = [];
  if (wanted > 0) facts.push(`${suit.cantrips.length} of ${wanted} cantrips`);
  const counted = suit.sets.filter((set) => set.role !== null && set.tier > 0);
  if (query.primarySet.mode !== 'NONE' || query.secondarySet.mode !== 'NONE') {
    facts.push(counted.length === 0 ? 'no set bonus' : counted.map((set) => `${set.name} ${set.tier}`).join(' + '));
  }
  facts.push(`armour level ${number(suit.armorLevel)}`);
  const ratingTotal = RATING_NAMES.reduce((sum, name) => sum + suit.ratings[name], 0);
  if (ratingTotal > 0) facts.push(`ratings ${number(ratingTotal)}`);
  const other = ranking[suit.rank === 1 ? 1 : suit.rank - 2];
  let place: string;
  if (!other) place = 'the only suit found';
  else if (other.score === suit.score) place = `same score as #${other.rank}, listed ${suit.rank === 1 ? 'before' : 'after'} it by item keys`;
  else {
    const ahead = suit.rank === 1;
    const gaps = (Object.keys(partNames) as (keyof FoundSuit['scoreParts'])[]).map((part) => ({
      part,
      gap: ahead ? suit.scoreParts[part] - other.scoreParts[part] : other.scoreParts[part] - suit.scoreParts[part],
    }));
    const main = gaps.reduce((a, b) => (b.gap > a.gap ? b : a));
    place = `${ahead ? 'ahead of' : 'behind'} #${other.rank} by ${number(Math.abs(suit.score - other.score))}, mostly on ${partNames[main.part]}`;
  }
  return `${facts.join(', ')}; ${place}`;
}
