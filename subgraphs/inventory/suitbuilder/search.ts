/**
 * The exact suit search: candidates, dominance pruning, then branch and bound
 * over the slots in a fixed order, bounded by a dynamic programme over the
 * same order (see README.md for what "exact" means and why the bound holds).
 */

import { FINGER_LEFT, FINGER_RIGHT, GROUP_SLOTS, WRIST_LEFT, WRIST_RIGHT, armorSlotCount, placementMasksOf } from './slots.js';
import { PRIMARY_CAP, SECONDARY_CAP, chooseSets, choiceId, describeSuit, parseCantrip, scoreOf, setKey, whyOf, type WornPiece } from './score.js';
import { CANTRIP_LEVELS, RATING_NAMES, SUIT_SLOTS, type FoundSuit, type SearchEvent, type SearchProgress, type SuitItem, type SuitQuery } from './types.js';

const SLOT_COUNT = SUIT_SLOTS.length;
const ALL_SLOTS = (1 << SLOT_COUNT) - 1;
const slotIndex = (bit: number): number => 31 - Math.clz32(bit);
const FL = slotIndex(FINGER_LEFT);
const FR = slotIndex(FINGER_RIGHT);
const WL = slotIndex(WRIST_LEFT);
const WR = slotIndex(WRIST_RIGHT);
const PROGRESS_MS = 250;
/** Nodes between two looks at the clock. */
const CLOCK_EVERY = 256;
/** The bound's table keys at most this many wanted families exactly; the others are bounded one by one. */
const MAX_TABLE_FAMILIES = 12;
/** Table entries times transitions the bound may cost to build. */
const TABLE_BUDGET = 12_000_000;

/**
 * The order slots are decided in. Pieces that cover several slots cover a run
 * of this order (a coat: upper arms to abdomen; leggings; boots; a robe), so
 * the bound can follow them exactly.
 */
const ORDER = ['HEAD', 'HANDS', 'UPPER_ARMS', 'LOWER_ARMS', 'CHEST', 'ABDOMEN', 'UPPER_LEGS', 'LOWER_LEGS', 'FEET', 'SHIRT', 'PANTS', 'NECK', 'TRINKET', 'WRIST_LEFT', 'WRIST_RIGHT', 'FINGER_LEFT', 'FINGER_RIGHT'].map(
  (slot) => SUIT_SLOTS.indexOf(slot as (typeof SUIT_SLOTS)[number]),
);
const POSITION = new Int32Array(SLOT_COUNT);
ORDER.forEach((slot, position) => (POSITION[slot] = position));

const popcount = (x: number): number => {
  let n = 0;
  while (x !== 0) {
    x &= x - 1;
    n++;
  }
  return n;
};

/** A query the search cannot run as asked (locked pieces that cannot be worn): the person asking must change it. */
export class SuitQueryError extends Error {
  override name = 'SuitQueryError';
}

const label = (item: SuitItem): string => `"${item.name}" of ${item.owner} (id ${item.id})`;

/** One candidate item with what the query cares about. */
interface Candidate {
  item: SuitItem;
  masks: { mask: number; reduction: string | null }[];
}

/** A suit in the current best list. */
interface Entry {
  score: number;
  /** Item indexes, ascending (= item keys ascending). */
  items: number[];
  id: string;
  /** Placement index per item, in `items` order. */
  placements: number[];
  reductions: number;
  found: FoundSuit | null;
}

/** Ranking order: higher score first, then the smaller sorted item-key list. */
function compareRank(a: Entry, b: Entry): number {
  if (a.score !== b.score) return b.score - a.score;
  const n = Math.min(a.items.length, b.items.length);
  for (let i = 0; i < n; i++) if (a.items[i] !== b.items[i]) return (a.items[i] as number) - (b.items[i] as number);
  return a.items.length - b.items.length;
}

/**
 * How the bound counts set pieces: two counters, each of the pieces that
 * may count toward one bonus, each capped. An `ANY` choice is split into one
 * variant per set it could pick, the other counter taking every other set:
 * whichever sets the suit ends up counting, one variant counts at least as
 * many, so the bound, the largest over the variants, stays at least the real score.
 */
interface SetVariant {
  capA: number;
  capB: number;
  /** Per item: counts toward A, toward B. */
  inA: Uint8Array;
  inB: Uint8Array;
}

function setVariants(query: SuitQuery, itemSet: Int32Array, sets: number, primaryId: number, secondaryId: number, pairs = false): SetVariant[] {
  const n = itemSet.length;
  const p = query.primarySet.mode;
  const s = query.secondarySet.mode;
  const sameNamed = p === 'NAMED' && s === 'NAMED' && primaryId === secondaryId;
  const capA = p === 'NONE' ? 0 : PRIMARY_CAP;
  const capB = s === 'NONE' || sameNamed ? 0 : SECONDARY_CAP;
  /** A counter: the named set, or (ANY) the set `pick`, or (ANY, pick -1) every set but `other`. */
  const counts = (mode: string, named: number, pick: number, other: number) => (set: number): number => {
    if (set < 0 || mode === 'NONE') return 0;
    if (mode === 'NAMED') return set === named ? 1 : 0;
    return pick >= 0 ? (set === pick ? 1 : 0) : set !== other ? 1 : 0;
  };
  const variant = (a: (set: number) => number, b: (set: number) => number): SetVariant => {
    const inA = new Uint8Array(n);
    const inB = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      inA[i] = a(itemSet[i] as number);
      inB[i] = b(itemSet[i] as number);
    }
    return { capA, capB: sameNamed ? 0 : capB, inA, inB };
  };
  const ids = Array.from({ length: sets }, (_, id) => id);
  if (pairs && p === 'ANY' && s === 'ANY' && sets > 1) {
    // Every pair of sets in turn: the bound then counts exactly what the suit's two best sets would.
    return ids.flatMap((first) => ids.filter((second) => second !== first).map((second) => variant(counts('ANY', -1, first, -1), counts('ANY', -1, second, -1))));
  }
  if (p === 'ANY') {
    // The primary is one set (each in turn); the secondary is the named one, or any other.
    const picks = ids.filter((id) => s !== 'NAMED' || id !== secondaryId);
    return (picks.length > 0 ? picks : [-1]).map((pick) => variant(counts('ANY', -1, pick, -1), counts(s, secondaryId, -1, pick)));
  }
  if (s === 'ANY') {
    const picks = ids.filter((id) => p !== 'NAMED' || id !== primaryId);
    return (picks.length > 0 ? picks : [-1]).map((pick) => variant(counts(p, primaryId, -1, -1), counts('ANY', -1, pick, -1)));
  }
  return [variant(counts(p, primaryId, -1, -1), counts(s, secondaryId, -1, -1))];
}

/** How a search is stopped and timed. */
export interface SearchOptions {
  /** Asked now and then; true ends the search as the time budget does. */
  shouldStop?: () => boolean;
  /** Milliseconds from some fixed point. @default performance.now */
  clock?: () => number;
  /** Nodes between two looks at the clock. @default 256 */
  clockEvery?: number;
  /**
   * Called between small steps of the search (an item, a placement, a node):
   * it may block to let other work have the cores first. The time spent in it
   * counts toward `timeBudgetMs`.
   */
  pause?: () => void;
}

/**
 * Searches the best suits from `items` for `query`, exactly (see README.md),
 * reporting progress, suits entering the best list, and the final list (DONE, last).
 * Throws a {@link SuitQueryError} with a readable message when the locked pieces
 * cannot be worn. Returns the final list.
 */
export function searchSuits(items: readonly SuitItem[], query: SuitQuery, report: (event: SearchEvent) => void, options: SearchOptions = {}): FoundSuit[] {
  const { shouldStop, clock = () => performance.now(), clockEvery = CLOCK_EVERY, pause = () => {} } = options;
  const started = clock();
  const { candidates, lockedKeys } = lockedChecked(items, query, pause);
  candidates.sort((a, b) => (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  const table = itemTableOf(candidates, lockedKeys, query, pause);
  const placements = prunedPlacements(candidates, table, query, pause);
  const bound = boundOf(table, placements, query, pause);
  return new BranchAndBound(candidates, table, placements, bound, query, report, { shouldStop, clock, clockEvery, pause, started }).run();
}

/** What each candidate (by index, in key order) is worth to the query, in flat arrays. */
interface ItemTable {
  n: number;
  /** The slots the query's slot groups allow. */
  allowed: number;
  isLocked: Uint8Array;
  lockedIndexes: number[];
  /** Wanted families, and the 32-bit words of an item's family bits. */
  F: number;
  W: number;
  /** Distinct sets among the candidates, and the query's two set choices among them. */
  T: number;
  primaryId: number;
  secondaryId: number;
  itemSet: Int32Array;
  /** The set as far as the query can count it: any set with an ANY choice, else the named ones; -1 for none. */
  itemSetClass: Int32Array;
  itemAL: Float64Array;
  itemRatingSum: Float64Array;
  itemFam: Uint32Array;
  familyCount: Int32Array;
}

/** The candidates phase: each item's set, armour, ratings and wanted families. */
function itemTableOf(candidates: readonly Candidate[], lockedKeys: ReadonlySet<string>, query: SuitQuery, pause: () => void): ItemTable {
  let allowed = 0;
  for (const group of query.slotGroups) allowed |= GROUP_SLOTS[group];
  const n = candidates.length;
  const isLocked = new Uint8Array(n);
  const lockedIndexes: number[] = [];
  candidates.forEach((c, i) => {
    if (lockedKeys.has(c.item.key)) {
      isLocked[i] = 1;
      lockedIndexes.push(i);
    }
  });
  const F = query.cantrips.length;
  const W = Math.max(1, Math.ceil(F / 32));
  const families = query.cantrips.map((c) => c.family.trim().toLowerCase());
  const minLevels = query.cantrips.map((c) => CANTRIP_LEVELS.indexOf(c.minLevel));
  /** Where each family stands in the query (a family asked twice counts twice, as the score counts it). */
  const familyIndexes = new Map<string, number[]>();
  families.forEach((family, f) => familyIndexes.set(family, [...(familyIndexes.get(family) ?? []), f]));
  const anySet = query.primarySet.mode === 'ANY' || query.secondarySet.mode === 'ANY';
  const table: string[] = [...new Set(candidates.flatMap((c) => (c.item.set === null ? [] : [setKey(c.item.set)])))].sort();
  const primaryId = choiceId(query.primarySet, table);
  const secondaryId = choiceId(query.secondarySet, table);
  const itemSet = new Int32Array(n);
  const itemSetClass = new Int32Array(n);
  const itemAL = new Float64Array(n);
  const itemRatingSum = new Float64Array(n);
  const itemFam = new Uint32Array(n * W);
  // A fleet has a few hundred distinct spells on tens of thousands of items.
  const spellCache = new Map<string, { family: string; level: number }>();
  candidates.forEach(({ item }, i) => {
    pause();
    const set = item.set === null ? -1 : table.indexOf(setKey(item.set));
    itemSet[i] = set;
    itemSetClass[i] = set < 0 ? -1 : anySet || set === primaryId || set === secondaryId ? set : -1;
    itemAL[i] = item.armorLevel;
    let sum = 0;
    for (const name of RATING_NAMES) sum += item.ratings[name];
    itemRatingSum[i] = sum;
    if (F > 0) {
      // Each spell parsed once: an item has a few, the query may want dozens of families.
      for (const spell of item.spells) {
        let parsed = spellCache.get(spell);
        if (!parsed) spellCache.set(spell, (parsed = parseCantrip(spell)));
        const { family, level } = parsed;
        for (const f of familyIndexes.get(family) ?? []) if (level >= (minLevels[f] as number)) itemFam[i * W + (f >>> 5)]! |= 1 << (f & 31);
      }
    }
  });
  const familyCount = new Int32Array(n);
  for (let i = 0; i < n; i++) for (let x = 0; x < W; x++) familyCount[i]! += popcount(itemFam[i * W + x]!);
  return { n, allowed, isLocked, lockedIndexes, F, W, T: table.length, primaryId, secondaryId, itemSet, itemSetClass, itemAL, itemRatingSum, itemFam, familyCount };
}

/** The placements left after pruning, in flat arrays by placement index. */
interface Placements {
  P: number;
  pItem: Int32Array;
  pMask: Int32Array;
  pReduction: (string | null)[];
  /** The items that surpass each placement's: a suit with the placement and room for one of them unused is not maximal. */
  pSurpassers: number[][];
  pALTotal: Float64Array;
  pValue: Float64Array;
  pFirst: Int32Array;
  /** The position after the run the placement covers; for a placement whose slots are no run, the position after its first (the bound then lets the others be filled again). */
  pNext: Int32Array;
}

/** What pruning one slot set needs, and where it puts the placements it keeps. */
interface Pruning {
  candidates: readonly Candidate[];
  items: ItemTable;
  countsAL: boolean;
  /** Each item's value at the slot set being pruned. */
  valueHere: Float64Array;
  /** The tailoring reduction of each (item, slot set), by item index then mask. */
  reductionAt: Map<number, string | null>;
  pause: () => void;
  kept: { item: number[]; mask: number[]; reduction: (string | null)[]; surpassers: number[][] };
}

/** The pruning phase: per slot set, the placements no others surpass (dominance), then what the bound and the search read of each. */
function prunedPlacements(candidates: readonly Candidate[], items: ItemTable, query: SuitQuery, pause: () => void): Placements {
  const byMask = new Map<number, number[]>();
  const reductionAt = new Map<number, string | null>();
  candidates.forEach((c, i) => {
    for (const { mask, reduction } of c.masks) {
      let list = byMask.get(mask);
      if (!list) byMask.set(mask, (list = []));
      list.push(i);
      if (reduction !== null) reductionAt.set(i * (ALL_SLOTS + 1) + mask, reduction);
    }
  });
  const pruning: Pruning = {
    candidates,
    items,
    countsAL: query.minArmorLevel > 0,
    valueHere: new Float64Array(items.n),
    reductionAt,
    pause,
    kept: { item: [], mask: [], reduction: [], surpassers: [] },
  };
  for (const [mask, group] of byMask) pruneSlotSet(pruning, query, mask, group);
  const { kept } = pruning;
  const w = query.weights;
  const P = kept.item.length;
  const pItem = Int32Array.from(kept.item);
  const pMask = Int32Array.from(kept.mask);
  const pALTotal = new Float64Array(P);
  const pValue = new Float64Array(P);
  const pFirst = new Int32Array(P);
  const pNext = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    const i = pItem[p]!;
    const mask = pMask[p]!;
    pALTotal[p] = items.itemAL[i]! * armorSlotCount(mask);
    pValue[p] = w.armorLevel * pALTotal[p]! + w.rating * items.itemRatingSum[i]!;
    let first: number = SLOT_COUNT;
    let last = -1;
    for (let m = mask; m !== 0; m &= m - 1) {
      const position = POSITION[slotIndex(m & -m)]!;
      first = Math.min(first, position);
      last = Math.max(last, position);
    }
    pFirst[p] = first;
    pNext[p] = last - first + 1 === popcount(mask) ? last + 1 : first + 1;
  }
  return { P, pItem, pMask, pReduction: kept.reduction, pSurpassers: kept.surpassers, pALTotal, pValue, pFirst, pNext };
}

/** The slots item `i` could take outside `outside`, all its placements that avoid them together. */
function unionOf(candidates: readonly Candidate[], i: number, outside: number): number {
  let union = 0;
  for (const { mask } of (candidates[i] as Candidate).masks) if ((mask & outside) === 0) union |= mask;
  return union;
}

/** Keeps the placements at slot set `mask` of the items of `group` that no others surpass there. */
function pruneSlotSet(pruning: Pruning, query: SuitQuery, mask: number, group: readonly number[]): void {
  const { candidates, items, countsAL, valueHere, reductionAt, pause, kept } = pruning;
  const { W, itemFam, itemSetClass, itemAL, itemRatingSum, familyCount, isLocked, lockedIndexes, allowed } = items;
  const w = query.weights;
  for (const i of group) valueHere[i] = w.armorLevel * itemAL[i]! * armorSlotCount(mask) + w.rating * itemRatingSum[i]!;
  // Every surpasser of an item comes before it: more value, or as much and more families, or as much of both and more armour, or the lower key.
  const sorted = [...group].sort((a, b) => valueHere[b]! - valueHere[a]! || familyCount[b]! - familyCount[a]! || (countsAL ? itemAL[b]! - itemAL[a]! : 0) || a - b);
  const room = popcount(allowed & ~mask);
  const blocked = lockedIndexes.some((l) => unionOf(candidates, l, mask) === 0);
  // The items before p in `sorted` (each worth at least as much), by set class and wanted families: p's surpassers are among those whose families hold p's.
  const buckets = new Map<number, { fam: Uint32Array; items: number[] }[]>();
  const bucketByKey = new Map<string, number[]>();
  const bucketOf = (i: number): number[] => {
    const fam = itemFam.subarray(i * W, i * W + W);
    const key = `${itemSetClass[i]} ${fam.join(' ')}`;
    let bucket = bucketByKey.get(key);
    if (!bucket) {
      let list = buckets.get(itemSetClass[i]!);
      if (!list) buckets.set(itemSetClass[i]!, (list = []));
      list.push({ fam: Uint32Array.from(fam), items: (bucket = []) });
      bucketByKey.set(key, bucket);
    }
    return bucket;
  };
  for (const p of sorted) {
    pause();
    const reduction = reductionAt.get(p * (ALL_SLOTS + 1) + mask) ?? null;
    const keep = (surpassers: number[]): void => {
      kept.item.push(p);
      kept.mask.push(mask);
      kept.reduction.push(reduction);
      kept.surpassers.push(surpassers);
    };
    if (isLocked[p]) keep([]);
    else if (!blocked) {
      const found: number[] = [];
      let dropped = false;
      search: for (const bucket of buckets.get(itemSetClass[p]!) ?? []) {
        let holds = true;
        for (let x = 0; x < W; x++) if ((itemFam[p * W + x]! & ~bucket.fam[x]!) !== 0) holds = false;
        if (!holds) continue;
        for (const q of bucket.items) {
          if (!surpasses(items, valueHere, countsAL, q, p)) continue;
          if (unionOf(candidates, q, mask) === 0 || found.length + 1 > room) {
            dropped = true;
            break search;
          }
          found.push(q);
          if (found.length > 1 && !hallHolds(found.map((o) => unionOf(candidates, o, mask)))) {
            dropped = true;
            break search;
          }
        }
      }
      if (!dropped) keep(found);
    }
    bucketOf(p).push(p);
  }
}

/** Whether q surpasses p at the slot set whose values `valueHere` holds (both can be worn there). */
function surpasses(items: ItemTable, valueHere: Float64Array, countsAL: boolean, q: number, p: number): boolean {
  const { W, itemFam, itemSetClass, itemAL } = items;
  if (q === p || itemSetClass[q] !== itemSetClass[p]) return false;
  for (let x = 0; x < W; x++) if ((itemFam[p * W + x]! & ~itemFam[q * W + x]!) !== 0) return false;
  const vq = valueHere[q]!;
  const vp = valueHere[p]!;
  if (vq < vp || (countsAL && itemAL[q]! < itemAL[p]!)) return false;
  if (vq > vp || (countsAL && itemAL[q]! > itemAL[p]!)) return true;
  for (let x = 0; x < W; x++) if (itemFam[p * W + x] !== itemFam[q * W + x]) return true;
  return q < p;
}

const A1 = PRIMARY_CAP + 1;
const B1 = SECONDARY_CAP + 1;
const stateOf = (m: number, a: number, b: number): number => (m * A1 + a) * B1 + b;
const maskOfK = (k: number): number => (k === 0 ? 0 : (1 << k) - 1);
/** The bits of word `x` of a family set past the table's families (`kmask`). */
const restMaskOf = (kmask: number, x: number): number => (x === 0 ? ~kmask : -1) >>> 0;

/** Transitions of a variant: per starting position, distinct (next, table families, A, B) with their best value. */
interface Transition {
  next: number;
  fam: number;
  inA: number;
  inB: number;
  value: number;
}

/** The bound: per set variant, a table over (position, wanted families covered, set pieces counted). */
interface Bound {
  variants: SetVariant[];
  tables: Float64Array[];
  KMASK: number;
  STATES: number;
  /** Per position, the families past the table's K that placements from there on can add (bounded one by one). */
  restOf: Uint32Array;
  hasRest: boolean;
}

/** The bound phase: the set variants, the families the tables key exactly (as many as the budget affords), and the tables. */
function boundOf(items: ItemTable, placements: Placements, query: SuitQuery, pause: () => void): Bound {
  const { F, W, T, itemSet, itemFam, primaryId, secondaryId } = items;
  const { P, pItem, pFirst } = placements;
  let variants = setVariants(query, itemSet, T, primaryId, secondaryId);
  let K = Math.min(F, MAX_TABLE_FAMILIES);
  let transitions = variants.map((variant) => transitionsOf(items, placements, variant, maskOfK(K), pause));
  const tableCost = (k: number): number =>
    (variants as SetVariant[]).reduce((sum, variant, v) => sum + (1 << k) * (variant.capA + 1) * (variant.capB + 1) * transitions[v]!.reduce((count, list) => count + list.length, 0), 0);
  if (tableCost(K) > TABLE_BUDGET) {
    while (K > 0 && tableCost(K) > TABLE_BUDGET) K--;
    transitions = variants.map((variant) => transitionsOf(items, placements, variant, maskOfK(K), pause));
  }
  if (query.primarySet.mode === 'ANY' && query.secondarySet.mode === 'ANY' && T > 1 && tableCost(K) * (T - 1) <= TABLE_BUDGET) {
    // Affordable: one variant per pair of sets rather than per set, a far tighter bound.
    variants = setVariants(query, itemSet, T, primaryId, secondaryId, true);
    transitions = variants.map((variant) => transitionsOf(items, placements, variant, maskOfK(K), pause));
  }
  const KMASK = maskOfK(K);
  const STATES = (1 << K) * A1 * B1;
  const restOf = new Uint32Array((SLOT_COUNT + 1) * W);
  const hasRest = F > K;
  if (hasRest) {
    for (let p = 0; p < P; p++) for (let x = 0; x < W; x++) restOf[pFirst[p]! * W + x]! |= itemFam[pItem[p]! * W + x]! & restMaskOf(KMASK, x);
    for (let position = SLOT_COUNT - 1; position >= 0; position--) for (let x = 0; x < W; x++) restOf[position * W + x]! |= restOf[(position + 1) * W + x]!;
  }
  const tables = variants.map((variant, v) => tableOf(variant, transitions[v]!, K, query.weights, pause));
  return { variants, tables, KMASK, STATES, restOf, hasRest };
}

function transitionsOf(items: ItemTable, placements: Placements, variant: SetVariant, kmask: number, pause: () => void): Transition[][] {
  const { W, itemFam } = items;
  const { P, pItem, pNext, pFirst, pValue } = placements;
  const seen: Map<string, Transition>[] = Array.from({ length: SLOT_COUNT }, () => new Map());
  for (let p = 0; p < P; p++) {
    pause();
    const i = pItem[p]!;
    const fam = itemFam[i * W]! & kmask;
    const key = `${pNext[p]} ${fam} ${variant.inA[i]} ${variant.inB[i]}`;
    const at = seen[pFirst[p]!]!;
    const known = at.get(key);
    if (!known) at.set(key, { next: pNext[p]!, fam, inA: variant.inA[i]!, inB: variant.inB[i]!, value: pValue[p]! });
    else if (pValue[p]! > known.value) known.value = pValue[p]!;
  }
  // A transition another one beats (same run and set counting, at least its families, at least its value) adds nothing to the table.
  return seen.map((map) => {
    const list = [...map.values()].sort((a, b) => b.value - a.value || popcount(b.fam) - popcount(a.fam));
    const kept: Transition[] = [];
    for (const t of list) {
      if (!kept.some((k) => k.next === t.next && k.inA === t.inA && k.inB === t.inB && (t.fam & ~k.fam) === 0)) kept.push(t);
    }
    return kept;
  });
}

/** A variant's table: the most the positions from each one on can add, per state (families covered, set pieces counted), by dynamic programme from the last position. */
function tableOf(variant: SetVariant, transitions: readonly Transition[][], K: number, w: SuitQuery['weights'], pause: () => void): Float64Array {
  const M = 1 << K;
  const STATES = M * A1 * B1;
  const table = new Float64Array((SLOT_COUNT + 1) * STATES);
  for (let position = SLOT_COUNT - 1; position >= 0; position--) {
    const here = position * STATES;
    const after = (position + 1) * STATES;
    for (let state = 0; state < STATES; state++) table[here + state] = table[after + state]!;
    const { capA, capB } = variant;
    const AB = A1 * B1;
    for (const t of transitions[position]!) {
      pause();
      const next = t.next * STATES;
      for (let m = 0; m < M; m++) {
        const gain = t.value + w.cantrip * popcount(t.fam & ~m);
        const from = here + m * AB;
        const to = next + (m | t.fam) * AB;
        for (let a = 0; a <= capA; a++) {
          const a2 = t.inA && a < capA ? a + 1 : a;
          const gainA = gain + w.setTier * (a2 - a);
          const row = from + a * B1;
          const rowTo = to + a2 * B1;
          for (let b = 0; b <= capB; b++) {
            const b2 = t.inB && b < capB ? b + 1 : b;
            const value = gainA + w.setTier * (b2 - b) + table[rowTo + b2]!;
            if (value > table[row + b]!) table[row + b] = value;
          }
        }
      }
    }
  }
  return table;
}

/** How the branch and bound is stopped, timed and paused. */
interface Timing {
  shouldStop: (() => boolean) | undefined;
  clock: () => number;
  clockEvery: number;
  pause: () => void;
  started: number;
}

/**
 * The branch phase: a depth-first search over the slots in {@link ORDER},
 * each slot filled by a placement starting there (best bound first) or left
 * empty, a branch searched only while its bound beats the list's last score.
 * The state is kept incrementally (place, unplace) so that a node allocates
 * nothing but its candidates' closures.
 */
class BranchAndBound {
  private readonly W: number;
  private readonly itemSet: Int32Array;
  private readonly itemRatingSum: Float64Array;
  private readonly itemFam: Uint32Array;
  private readonly pItem: Int32Array;
  private readonly pMask: Int32Array;
  private readonly pValue: Float64Array;
  private readonly pALTotal: Float64Array;
  private readonly pNext: Int32Array;
  private readonly variants: SetVariant[];
  private readonly V: number;
  private readonly tables: Float64Array[];
  private readonly KMASK: number;
  private readonly STATES: number;
  private readonly restOf: Uint32Array;
  private readonly hasRest: boolean;
  private readonly w: SuitQuery['weights'];
  private readonly limit: number;
  private readonly allowed: number;
  /** Placements by the position they start at, best first. */
  private readonly startLists: Int32Array[] = [];
  /** The armour level the placements from a position on can still add at most, for `minArmorLevel`. */
  private readonly alRoom = new Float64Array(SLOT_COUNT + 1);
  /** For maximality: every distinct slot set an item can take, with how many items can take it. */
  private readonly fitCount = new Map<number, number>();
  private readonly fitMasks: number[];
  // Search state.
  private readonly used: Uint8Array;
  private readonly filledBy = new Int32Array(SLOT_COUNT).fill(-1);
  private readonly setCount: Int32Array;
  private readonly covCount: Int32Array;
  private readonly uncovered: Uint32Array;
  private readonly chosen = new Int32Array(3);
  private readonly placed = new Int32Array(SLOT_COUNT + 1);
  private placedCount = 0;
  private closed: number;
  private curValue = 0;
  private curAL = 0;
  private curRatings = 0;
  private covered = 0;
  /** Set pieces each variant counts so far, toward A and B. */
  private readonly countA: Int32Array;
  private readonly countB: Int32Array;
  private readonly candBuf: Int32Array[];
  private readonly gainBuf: Float64Array[];
  // The best list.
  private readonly best: Entry[] = [];
  private readonly bestById = new Map<string, Entry>();
  private nodes = 0;
  private stopped = false;
  private lastProgress: number;

  constructor(
    private readonly candidates: readonly Candidate[],
    private readonly items: ItemTable,
    private readonly placements: Placements,
    bound: Bound,
    private readonly query: SuitQuery,
    private readonly report: (event: SearchEvent) => void,
    private readonly timing: Timing,
  ) {
    ({ W: this.W, itemSet: this.itemSet, itemRatingSum: this.itemRatingSum, itemFam: this.itemFam, allowed: this.allowed } = items);
    ({ pItem: this.pItem, pMask: this.pMask, pValue: this.pValue, pALTotal: this.pALTotal, pNext: this.pNext } = placements);
    // The bound's arrays as fields of their own: boundFrom reads them for every child of every node.
    ({ variants: this.variants, tables: this.tables, KMASK: this.KMASK, STATES: this.STATES, restOf: this.restOf, hasRest: this.hasRest } = bound);
    this.V = this.variants.length;
    this.w = query.weights;
    this.limit = Math.max(1, Math.floor(query.suits));
    const { P, pFirst } = placements;
    let longest = 1;
    for (let position = 0; position < SLOT_COUNT; position++) {
      const list: number[] = [];
      for (let p = 0; p < P; p++) if (pFirst[p] === position && !items.isLocked[this.pItem[p]!]) list.push(p);
      list.sort((a, b) => this.pValue[b]! - this.pValue[a]! || a - b);
      this.startLists.push(Int32Array.from(list));
      longest = Math.max(longest, list.length);
    }
    for (let position = SLOT_COUNT - 1; position >= 0; position--) {
      let most = 0;
      for (let p = 0; p < P; p++) if ((this.pMask[p]! & (1 << ORDER[position]!)) !== 0) most = Math.max(most, items.itemAL[this.pItem[p]!]! * (armorSlotCount(1 << ORDER[position]!)));
      this.alRoom[position] = this.alRoom[position + 1]! + most;
    }
    for (const c of candidates) for (const { mask } of c.masks) this.fitCount.set(mask, (this.fitCount.get(mask) ?? 0) + 1);
    this.fitMasks = [...this.fitCount.keys()];
    this.used = new Uint8Array(items.n);
    this.setCount = new Int32Array(items.T);
    this.covCount = new Int32Array(items.F);
    this.uncovered = new Uint32Array(this.W);
    for (let f = 0; f < items.F; f++) this.uncovered[f >>> 5]! |= 1 << (f & 31);
    this.closed = ALL_SLOTS & ~this.allowed;
    this.countA = new Int32Array(this.V);
    this.countB = new Int32Array(this.V);
    this.candBuf = Array.from({ length: SLOT_COUNT + 2 }, () => new Int32Array(longest + 1));
    this.gainBuf = Array.from({ length: SLOT_COUNT + 2 }, () => new Float64Array(longest + 1));
    this.lastProgress = timing.started;
  }

  /** Searches around every arrangement of the locked pieces, then reports DONE and returns the list. */
  run(): FoundSuit[] {
    const { P, pItem } = this.placements;
    const lockedPlacements = this.items.lockedIndexes.map((i) => {
      const list: number[] = [];
      for (let p = 0; p < P; p++) if (pItem[p] === i) list.push(p);
      return list;
    });
    const lockDown = (k: number): void => {
      if (this.stopped) return;
      if (k === lockedPlacements.length) return this.dfs(0);
      for (const p of lockedPlacements[k] as number[]) {
        if ((this.pMask[p]! & this.closed) !== 0) continue;
        this.place(p);
        lockDown(k + 1);
        this.unplace(p);
      }
    };
    const { clock, started } = this.timing;
    this.lastProgress = clock();
    this.report({ kind: 'PROGRESS', progress: this.progress() });
    lockDown(0);

    const suits = this.ranked();
    const elapsed = Math.round(clock() - started);
    const message = this.stopped
      ? `Stopped after ${elapsed.toLocaleString('en-US')} ms (${this.nodes.toLocaleString('en-US')} nodes): the best ${suits.length} suits found so far, not necessarily the best possible.`
      : `Searched every suit of ${P.toLocaleString('en-US')} placements in ${elapsed.toLocaleString('en-US')} ms: ${suits.length === 0 ? 'no suit meets the query.' : `these are the best ${suits.length}.`}`;
    this.report({ kind: 'DONE', progress: this.progress(), exhaustive: !this.stopped, message, suits });
    return suits;
  }

  private place(p: number): void {
    const { pItem, pMask, itemSet, itemFam, W, V, variants, countA, countB, covCount, uncovered } = this;
    const i = pItem[p]!;
    this.used[i] = 1;
    this.closed |= pMask[p]!;
    for (let m = pMask[p]!; m !== 0; m &= m - 1) this.filledBy[slotIndex(m & -m)] = p;
    this.placed[this.placedCount++] = p;
    this.curValue += this.pValue[p]!;
    this.curAL += this.pALTotal[p]!;
    this.curRatings += this.itemRatingSum[i]!;
    if (itemSet[i]! >= 0) this.setCount[itemSet[i]!]! += 1;
    for (let v = 0; v < V; v++) {
      countA[v]! += variants[v]!.inA[i]!;
      countB[v]! += variants[v]!.inB[i]!;
    }
    for (let x = 0; x < W; x++) {
      let bits = itemFam[i * W + x]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const f = x * 32 + slotIndex(low);
        if (covCount[f]!++ === 0) {
          this.covered++;
          uncovered[x]! &= ~low;
        }
        bits ^= low;
      }
    }
  }

  private unplace(p: number): void {
    const { pItem, pMask, itemSet, itemFam, W, V, variants, countA, countB, covCount, uncovered } = this;
    const i = pItem[p]!;
    this.used[i] = 0;
    this.closed &= ~pMask[p]!;
    for (let m = pMask[p]!; m !== 0; m &= m - 1) this.filledBy[slotIndex(m & -m)] = -1;
    this.placedCount--;
    this.curValue -= this.pValue[p]!;
    this.curAL -= this.pALTotal[p]!;
    this.curRatings -= this.itemRatingSum[i]!;
    if (itemSet[i]! >= 0) this.setCount[itemSet[i]!]! -= 1;
    for (let v = 0; v < V; v++) {
      countA[v]! -= variants[v]!.inA[i]!;
      countB[v]! -= variants[v]!.inB[i]!;
    }
    for (let x = 0; x < W; x++) {
      let bits = itemFam[i * W + x]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const f = x * 32 + slotIndex(low);
        if (--covCount[f]! === 0) {
          this.covered--;
          uncovered[x]! |= low;
        }
        bits ^= low;
      }
    }
  }

  /**
   * The most any suit completing the current one from `position` on can
   * score, with `value` and `coveredNow` its value and families so far, `fam`
   * its table families, and item `extra` (a child not yet placed, or -1) counted in.
   */
  private boundFrom(position: number, value: number, coveredNow: number, fam: number, extra: number, restCovered: (x: number) => number): number {
    const { W, V, variants, tables, KMASK, STATES, restOf, hasRest, w, countA, countB } = this;
    let restGain = 0;
    if (hasRest) for (let x = 0; x < W; x++) restGain += popcount(restOf[position * W + x]! & ~restCovered(x) & restMaskOf(KMASK, x));
    let sets = -Infinity;
    const at = position * STATES;
    const m = fam & KMASK;
    for (let v = 0; v < V; v++) {
      const variant = variants[v]!;
      const a = Math.min(countA[v]! + (extra >= 0 ? variant.inA[extra]! : 0), variant.capA);
      const b = Math.min(countB[v]! + (extra >= 0 ? variant.inB[extra]! : 0), variant.capB);
      const here = w.setTier * (a + b) + tables[v]![at + stateOf(m, a, b)]!;
      if (here > sets) sets = here;
    }
    return value + w.cantrip * (coveredNow + restGain) + sets;
  }

  private progress(): SearchProgress {
    return {
      candidatesBeforePruning: this.candidates.length,
      candidates: this.placements.P,
      nodes: this.nodes,
      elapsedMs: Math.round((this.timing.clock() - this.timing.started) * 10) / 10,
      bestScore: this.best.length > 0 ? (this.best[0] as Entry).score : null,
    };
  }

  private foundOf(entry: Entry): FoundSuit {
    if (!entry.found) {
      const worn: WornPiece[] = entry.placements.map((p) => ({ item: (this.candidates[this.pItem[p]!] as Candidate).item, mask: this.pMask[p]!, reduction: this.placements.pReduction[p] as string | null }));
      const { parts: _parts, ...found } = describeSuit(worn, this.query);
      entry.found = found;
    }
    return entry.found;
  }

  private ranked(): FoundSuit[] {
    const list = this.best.map((entry, i) => ({ ...this.foundOf(entry), rank: i + 1 }));
    for (const suit of list) suit.why = whyOf(suit, list, this.query);
    return list;
  }

  /** Same items, another arrangement: the better one (score, fewer reductions, lower slots in key order) stays. */
  private betterArrangement(a: Entry, b: Entry): boolean {
    if (a.score !== b.score) return a.score > b.score;
    if (a.reductions !== b.reductions) return a.reductions < b.reductions;
    for (let x = 0; x < a.placements.length; x++) {
      const ma = this.pMask[a.placements[x]!]!;
      const mb = this.pMask[b.placements[x]!]!;
      if (ma !== mb) return ma < mb;
    }
    return false;
  }

  /** The current suit, scoring `score`, into the best list if it belongs there (reported as SUIT). */
  private offer(score: number): void {
    const { best, bestById, limit, pItem } = this;
    const { pReduction } = this.placements;
    if (best.length === limit && score < (best[limit - 1] as Entry).score) return;
    const order = Array.from(this.placed.subarray(0, this.placedCount)).sort((a, b) => pItem[a]! - pItem[b]!);
    const entry: Entry = {
      score,
      items: order.map((p) => pItem[p]!),
      id: '',
      placements: order,
      reductions: order.reduce((sum, p) => sum + (pReduction[p] === null ? 0 : 1), 0),
      found: null,
    };
    entry.id = entry.items.join(',');
    const existing = bestById.get(entry.id);
    if (existing) {
      if (!this.betterArrangement(entry, existing)) return;
      best.splice(best.indexOf(existing), 1);
      bestById.delete(entry.id);
    } else if (best.length === limit && compareRank(entry, best[limit - 1] as Entry) >= 0) return;
    let at = best.length;
    while (at > 0 && compareRank(entry, best[at - 1] as Entry) < 0) at--;
    best.splice(at, 0, entry);
    bestById.set(entry.id, entry);
    if (best.length > limit) bestById.delete((best.pop() as Entry).id);
    const suit = { ...this.foundOf(entry), rank: at + 1 };
    const list = best.map((e, i) => (e === entry ? suit : { ...this.foundOf(e), rank: i + 1 }));
    suit.why = whyOf(suit, list, this.query);
    this.report({ kind: 'SUIT', progress: this.progress(), suit });
  }

  /** No item outside the suit could be worn in its empty slots (a suit with room for more is a lesser copy of the one that has it). */
  private maximal(): boolean {
    const empty = this.allowed & ~this.pieceSlots();
    if (empty === 0) return true;
    for (const mask of this.fitMasks) {
      if ((mask & ~empty) !== 0) continue;
      let inSuit = 0;
      for (let x = 0; x < this.placedCount; x++) if ((this.candidates[this.pItem[this.placed[x]!]!] as Candidate).masks.some((m) => m.mask === mask)) inSuit++;
      if ((this.fitCount.get(mask) as number) > inSuit) return false;
    }
    return true;
  }

  private pieceSlots(): number {
    let slots = 0;
    for (let x = 0; x < this.placedCount; x++) slots |= this.pMask[this.placed[x]!]!;
    return slots;
  }

  private leaf(): void {
    if (this.placedCount === 0) return;
    if (this.curAL < this.query.minArmorLevel) return;
    const { pSurpassers } = this.placements;
    for (let x = 0; x < this.placedCount; x++) {
      const p = this.placed[x]!;
      for (const q of pSurpassers[p] as number[]) if (!this.used[q]) return;
    }
    if (!this.maximal()) return;
    chooseSets(this.setCount, this.items.primaryId, this.items.secondaryId, this.chosen);
    this.offer(scoreOf({ armorLevel: this.curAL, setTiers: this.chosen[0]!, cantrips: this.covered, ratings: this.curRatings }, this.w));
  }

  /**
   * What a branch must beat to be searched: once the list is full, more than
   * its last score. A suit that only ties the last one cannot change the
   * list's scores, so ties at the bottom are not searched for (which of them
   * is listed is the first found). The bound is summed in another order than
   * the score, so a hair's breadth is allowed for rounding.
   */
  private threshold(): number {
    if (this.best.length < this.limit) return -Infinity;
    const floor = (this.best[this.limit - 1] as Entry).score;
    return floor + 1e-9 * Math.max(1, Math.abs(floor));
  }

  /** Whether the search must stop now (time budget, `shouldStop`); reports PROGRESS on the way. Read every `clockEvery` nodes. */
  private timeIsUp(): boolean {
    const { clock, started, shouldStop } = this.timing;
    const now = clock();
    if (now - started >= this.query.timeBudgetMs || shouldStop?.()) return true;
    if (now - this.lastProgress >= PROGRESS_MS) {
      this.lastProgress = now;
      this.report({ kind: 'PROGRESS', progress: this.progress() });
    }
    return false;
  }

  private dfs(position: number): void {
    if (this.stopped) return;
    this.timing.pause();
    if (++this.nodes % this.timing.clockEvery === 0 && this.timeIsUp()) {
      this.stopped = true;
      return;
    }
    while (position < SLOT_COUNT && (this.closed & (1 << ORDER[position]!)) !== 0) position++;
    if (position === SLOT_COUNT) return this.leaf();
    if (this.curAL + this.alRoom[position]! < this.query.minArmorLevel) return;
    const { pItem, pMask, pValue, pNext, itemFam, W, used, uncovered, filledBy } = this;
    const slot = ORDER[position]!;
    // Bracelets and rings fill the left side first, the lower item key on the left.
    const pairLeft = slot === FR ? filledBy[FL]! : slot === WR ? filledBy[WL]! : -2;
    const minItem = pairLeft >= 0 ? pItem[pairLeft]! : -1;
    const floor = this.threshold();
    const cands = this.candBuf[position] as Int32Array;
    const gains = this.gainBuf[position] as Float64Array;
    let m = 0;
    const add = (p: number, g: number): void => {
      let at = m++;
      while (at > 0 && gains[at - 1]! < g) {
        gains[at] = gains[at - 1]!;
        cands[at] = cands[at - 1]!;
        at--;
      }
      gains[at] = g;
      cands[at] = p;
    };
    if (pairLeft !== -1) {
      const list = this.startLists[position] as Int32Array;
      const closed = this.closed;
      for (let x = 0; x < list.length; x++) {
        const p = list[x]!;
        const i = pItem[p]!;
        if ((pMask[p]! & closed) !== 0 || used[i] === 1 || i <= minItem) continue;
        let fresh = 0;
        for (let y = 0; y < W; y++) fresh += popcount(itemFam[i * W + y]! & uncovered[y]!);
        const childFam = (~uncovered[0]! | itemFam[i * W]!) >>> 0;
        const g = this.boundFrom(pNext[p]!, this.curValue + pValue[p]!, this.covered + fresh, childFam, i, (y) => ~uncovered[y]! | itemFam[i * W + y]!);
        if (g <= floor) continue;
        add(p, g);
      }
    }
    // Leaving the slot empty; an empty left side leaves the right side empty too.
    const emptyBound = this.boundFrom(position + 1, this.curValue, this.covered, ~uncovered[0]! >>> 0, -1, (y) => ~uncovered[y]!);
    if (emptyBound > floor) add(-1, emptyBound - 1e-12 * Math.max(1, Math.abs(emptyBound)));
    for (let x = 0; x < m; x++) {
      const p = cands[x]!;
      if (gains[x]! <= this.threshold()) break;
      if (p < 0) {
        const before = this.closed;
        this.closed |= 1 << slot;
        if (slot === FL) this.closed |= FINGER_RIGHT;
        if (slot === WL) this.closed |= WRIST_RIGHT;
        this.dfs(position + 1);
        this.closed = before;
      } else {
        this.place(p);
        this.dfs(position + 1);
        this.unplace(p);
      }
      if (this.stopped) return;
    }
  }
}

/**
 * The items the search may use, each with its placements, once the locked
 * pieces are known to fit: throws a {@link SuitQueryError} saying which
 * locked pieces are missing, excluded, fit no wanted slot or clash.
 */
function lockedChecked(items: readonly SuitItem[], query: SuitQuery, pause: () => void = () => {}): { candidates: Candidate[]; lockedKeys: Set<string> } {
  const excluded = new Set(query.excluded);
  const lockedKeys = new Set(query.locked);
  const byKey = new Map(items.map((item) => [item.key, item]));
  for (const key of lockedKeys) {
    const item = byKey.get(key);
    if (!item) throw new SuitQueryError(`Locked piece ${key} is not among the items searched: check its owner and id, and that its character is chosen.`);
    if (excluded.has(key)) throw new SuitQueryError(`${label(item)} is both locked and excluded: remove it from one of the two lists.`);
  }
  const candidates: Candidate[] = [];
  const locked: Candidate[] = [];
  for (const item of items) {
    pause();
    if (excluded.has(item.key)) continue;
    const masks = placementMasksOf(item, query.slotGroups);
    if (masks.length > 0) candidates.push({ item, masks });
    if (!lockedKeys.has(item.key)) continue;
    if (masks.length === 0) {
      throw new SuitQueryError(`Locked piece ${label(item)} fits no slot of the chosen slot groups (${query.slotGroups.join(', ') || 'none'}): unlock it or add its group.`);
    }
    locked.push({ item, masks });
  }
  checkLocked(locked);
  return { candidates, lockedKeys };
}

/** Throws a {@link SuitQueryError} when the locked pieces of `query` cannot all be worn, before a search is started for it. */
export function checkLockedPieces(items: readonly SuitItem[], query: SuitQuery): void {
  lockedChecked(items, query);
}

/** Hall's condition on the regions surpassers could take: each needs a slot of its own. */
function hallHolds(regions: readonly number[]): boolean {
  let union = 0;
  for (const r of regions) union |= r;
  if (popcount(union) < regions.length) return false;
  for (const r of regions) {
    let inside = 0;
    for (const o of regions) if ((o & ~r) === 0) inside++;
    if (inside > popcount(r)) return false;
  }
  return true;
}

/** Throws when the locked pieces cannot all be worn at once, naming the pieces that clash. */
function checkLocked(locked: readonly Candidate[]): void {
  for (let a = 0; a < locked.length; a++) {
    for (let b = a + 1; b < locked.length; b++) {
      const x = locked[a] as Candidate;
      const y = locked[b] as Candidate;
      if (!x.masks.some((mx) => y.masks.some((my) => (mx.mask & my.mask) === 0))) {
        throw new SuitQueryError(`Locked pieces ${label(x.item)} and ${label(y.item)} need the same slot: unlock one of them.`);
      }
    }
  }
  const fits = (k: number, closed: number): boolean =>
    k === locked.length || (locked[k] as Candidate).masks.some(({ mask }) => (mask & closed) === 0 && fits(k + 1, closed | mask));
  if (!fits(0, 0)) throw new SuitQueryError(`The ${locked.length} locked pieces cannot all be worn at once (too many for the same slots): unlock some of them.`);
}
