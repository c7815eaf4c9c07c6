/**
 * The suit search's oracle: every arrangement of every subset of the items,
 * enumerated, judged by the definition in suitbuilder/README.md word for word.
 * Only for a dozen items or so; shares nothing with the search but the
 * placements (slots.ts) and the score (score.ts).
 */

import { describeSuit, cantripLevelOf, setKey, type WornPiece } from '../suitbuilder/score.js';
import { GROUP_SLOTS, armorSlotCount, placementsOf, slotMask } from '../suitbuilder/slots.js';
import { CANTRIP_LEVELS, RATING_NAMES, type FoundSuit, type SuitItem, type SuitQuery } from '../suitbuilder/types.js';

interface Option {
  mask: number;
  reduction: string | null;
}

/**
 * Every listed-eligible suit, best first (ties by item keys), each in its best
 * arrangement; null when the locked pieces cannot be worn together. The exact
 * answer is its first `query.suits`, but for suits tying the last of them:
 * any of those may stand in its place.
 */
export function oracleRanking(items: readonly SuitItem[], query: SuitQuery): FoundSuit[] | null {
  const excluded = new Set(query.excluded);
  const locked = new Set(query.locked);
  const candidates = items
    .filter((item) => !excluded.has(item.key))
    .map((item) => ({ item, options: placementsOf(item, query.slotGroups).map((p): Option => ({ mask: slotMask(p.slots), reduction: p.reduction })) }))
    .filter((c) => c.options.length > 0)
    .sort((a, b) => (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  if ([...locked].some((key) => !candidates.some((c) => c.item.key === key))) return null;

  const named = [query.primarySet, query.secondarySet].flatMap((choice) => (choice.mode === 'NAMED' ? [setKey(choice.name)] : []));
  const anySet = query.primarySet.mode === 'ANY' || query.secondarySet.mode === 'ANY';
  const setClass = (item: SuitItem): string => {
    if (item.set === null) return '';
    if (anySet) return setKey(item.set);
    return named.includes(setKey(item.set)) ? setKey(item.set) : '';
  };
  const families = query.cantrips.map((c, f) => ({ family: c.family.trim().toLowerCase(), min: CANTRIP_LEVELS.indexOf(query.cantrips[f]!.minLevel) }));
  /** The wanted families an item covers at their minimum level. */
  const covers = (item: SuitItem): boolean[] => families.map(({ family, min }) => cantripLevelOf(item, family) >= min);
  const value = (item: SuitItem, mask: number): number =>
    query.weights.armorLevel * item.armorLevel * armorSlotCount(mask) + query.weights.rating * RATING_NAMES.reduce((sum, name) => sum + item.ratings[name], 0);
  /** q surpasses p at `mask` (both wearable there). */
  const surpasses = (q: SuitItem, p: SuitItem, mask: number): boolean => {
    if (q.key === p.key || setClass(q) !== setClass(p)) return false;
    const cq = covers(q);
    const cp = covers(p);
    if (cp.some((covered, f) => covered && !cq[f])) return false;
    const diffs = [value(q, mask) - value(p, mask), ...(query.minArmorLevel > 0 ? [q.armorLevel - p.armorLevel] : [])];
    if (diffs.some((d) => d < 0)) return false;
    return diffs.some((d) => d > 0) || cq.some((covered, f) => covered && !cp[f]) || q.key < p.key;
  };
  let allowed = 0;
  for (const group of query.slotGroups) allowed |= GROUP_SLOTS[group];

  const arrangements = new Map<string, { suit: FoundSuit; reductions: number; masks: number[] }>();
  const chosen: WornPiece[] = [];
  const visit = (k: number, taken: number): void => {
    if (k === candidates.length) return judge();
    const c = candidates[k] as (typeof candidates)[number];
    if (!locked.has(c.item.key)) visit(k + 1, taken);
    for (const option of c.options) {
      if ((option.mask & taken) !== 0) continue;
      chosen.push({ item: c.item, mask: option.mask, reduction: option.reduction });
      visit(k + 1, taken | option.mask);
      chosen.pop();
    }
  };
  let anyWithLocked = false;
  const judge = (): void => {
    anyWithLocked = true;
    if (chosen.length === 0) return;
    const inSuit = new Set(chosen.map((piece) => piece.item.key));
    for (const piece of chosen) {
      if (locked.has(piece.item.key)) continue;
      for (const other of candidates) {
        if (inSuit.has(other.item.key)) continue;
        if (other.options.some((o) => o.mask === piece.mask) && surpasses(other.item, piece.item, piece.mask)) return;
      }
    }
    // Maximal: no item left out could be worn in the empty slots.
    const empty = allowed & ~chosen.reduce((slots, piece) => slots | piece.mask, 0);
    if (candidates.some((other) => !inSuit.has(other.item.key) && other.options.some((o) => (o.mask & ~empty) === 0))) return;
    const { parts: _parts, ...suit } = describeSuit(chosen, query);
    if (suit.armorLevel < query.minArmorLevel) return;
    const id = [...inSuit].sort().join('\n');
    const reductions = chosen.filter((piece) => piece.reduction !== null).length;
    const masks = chosen.map((piece) => piece.mask);
    const previous = arrangements.get(id);
    if (!previous || better({ score: suit.score, reductions, masks }, { score: previous.suit.score, reductions: previous.reductions, masks: previous.masks })) {
      arrangements.set(id, { suit, reductions, masks });
    }
  };
  visit(0, 0);
  if (!anyWithLocked) return null;

  const keysOf = (suit: FoundSuit): string[] => suit.pieces.map((p) => p.key).sort();
  const listed = [...arrangements.values()].map((a) => a.suit);
  listed.sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    const ka = keysOf(a);
    const kb = keysOf(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return (ka[i] as string) < (kb[i] as string) ? -1 : 1;
    return ka.length - kb.length;
  });
  return listed.map((suit, i) => ({ ...suit, rank: i + 1 }));
}

/** Same items: higher score, then fewer reductions, then lower slot masks piece by piece in key order. */
function better(a: { score: number; reductions: number; masks: number[] }, b: { score: number; reductions: number; masks: number[] }): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.reductions !== b.reductions) return a.reductions < b.reductions;
  for (let i = 0; i < a.masks.length; i++) if (a.masks[i] !== b.masks[i]) return (a.masks[i] as number) < (b.masks[i] as number);
  return false;
}
