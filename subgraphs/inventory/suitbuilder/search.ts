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
  const limit = Math.max(1, Math.floor(query.suits));
  const { candidates, lockedKeys } = lockedChecked(items, query, pause);
  let allowed = 0;
  for (const group of query.slotGroups) allowed |= GROUP_SLOTS[group];
  candidates.sort((a, b) => (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0));
  const n = candidates.length;
  const isLocked = new Uint8Array(n);
  const lockedIndexes: number[] = [];
  candidates.forEach((c, i) => {
    if (lockedKeys.has(c.item.key)) {
      isLocked[i] = 1;
      lockedIndexes.push(i);
    }
  });

  // What each item is worth to this query.
  const w = query.weights;
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
  const T = table.length;
  const itemSet = new Int32Array(n);
  /** The set as far as the query can count it: any set with an ANY choice, else the named ones; -1 for none. */
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
  const famCovers = (q: number, p: number): boolean => {
    for (let x = 0; x < W; x++) if ((itemFam[p * W + x]! & ~itemFam[q * W + x]!) !== 0) return false;
    return true;
  };
  const famEqual = (q: number, p: number): boolean => {
    for (let x = 0; x < W; x++) if (itemFam[p * W + x] !== itemFam[q * W + x]) return false;
    return true;
  };
  const valueAt = (i: number, mask: number): number => w.armorLevel * itemAL[i]! * armorSlotCount(mask) + w.rating * itemRatingSum[i]!;
  const countsAL = query.minArmorLevel > 0;
  /** Each item's value at the slot set being pruned. */
  const valueHere = new Float64Array(n);
  /** Whether q surpasses p at the slot set whose values `valueHere` holds (both can be worn there). */
  const surpasses = (q: number, p: number): boolean => {
    if (q === p || itemSetClass[q] !== itemSetClass[p] || !famCovers(q, p)) return false;
    const vq = valueHere[q]!;
    const vp = valueHere[p]!;
    if (vq < vp || (countsAL && itemAL[q]! < itemAL[p]!)) return false;
    return vq > vp || (countsAL && itemAL[q]! > itemAL[p]!) || !famEqual(q, p) || q < p;
  };

  const familyCount = new Int32Array(n);
  for (let i = 0; i < n; i++) for (let x = 0; x < W; x++) familyCount[i]! += popcount(itemFam[i * W + x]!);

  // Dominance pruning, per slot set.
  const byMask = new Map<number, number[]>();
  /** The tailoring reduction of each (item, slot set), by item index then mask. */
  const reductionAt = new Map<number, string | null>();
  candidates.forEach((c, i) => {
    for (const { mask, reduction } of c.masks) {
      let list = byMask.get(mask);
      if (!list) byMask.set(mask, (list = []));
      list.push(i);
      if (reduction !== null) reductionAt.set(i * (ALL_SLOTS + 1) + mask, reduction);
    }
  });
  const unionOf = (i: number, outside: number): number => {
    let union = 0;
    for (const { mask } of (candidates[i] as Candidate).masks) if ((mask & outside) === 0) union |= mask;
    return union;
  };
  const lockedBlocks = (mask: number): boolean => lockedIndexes.some((l) => unionOf(l, mask) === 0);
  const pItemList: number[] = [];
  const pMaskList: number[] = [];
  const pReduction: (string | null)[] = [];
  const pSurpassers: number[][] = [];
  for (const [mask, group] of byMask) {
    for (const i of group) valueHere[i] = valueAt(i, mask);
    // Every surpasser of an item comes before it: more value, or as much and more families, or as much of both and more armour, or the lower key.
    const sorted = [...group].sort((a, b) => valueHere[b]! - valueHere[a]! || familyCount[b]! - familyCount[a]! || (countsAL ? itemAL[b]! - itemAL[a]! : 0) || a - b);
    const room = popcount(allowed & ~mask);
    const blocked = lockedBlocks(mask);
    // The items before p in `sorted` (each worth at least as much), by set class and wanted families: p's surpassers are among those whose families hold p's.
    const buckets = new Map<number, { fam: Uint32Array; items: number[] }[]>();
    const bucketByKey = new Map<string, number[]>();
    const bucketOf = (i: number): number[] => {
      const fam = itemFam.subarray(i * W, i * W + W);
      const key = `${itemSetClass[i]} ${fam.join(' ')}`;
      let items = bucketByKey.get(key);
      if (!items) {
        let list = buckets.get(itemSetClass[i]!);
        if (!list) buckets.set(itemSetClass[i]!, (list = []));
        list.push({ fam: Uint32Array.from(fam), items: (items = []) });
        bucketByKey.set(key, items);
      }
      return items;
    };
    for (const p of sorted) {
      pause();
      const reduction = reductionAt.get(p * (ALL_SLOTS + 1) + mask) ?? null;
      const keep = (surpassers: number[]): void => {
        pItemList.push(p);
        pMaskList.push(mask);
        pReduction.push(reduction);
        pSurpassers.push(surpassers);
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
            if (!surpasses(q, p)) continue;
            if (unionOf(q, mask) === 0 || found.length + 1 > room) {
              dropped = true;
              break search;
            }
            found.push(q);
            if (found.length > 1 && !hallHolds(found.map((o) => unionOf(o, mask)))) {
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
  const P = pItemList.length;
  const pItem = Int32Array.from(pItemList);
  const pMask = Int32Array.from(pMaskList);
  const pALTotal = new Float64Array(P);
  const pValue = new Float64Array(P);
  const pFirst = new Int32Array(P);
  /** The position after the run the placement covers; for a placement whose slots are no run, the position after its first (the bound then lets the others be filled again). */
  const pNext = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    const i = pItem[p]!;
    const mask = pMask[p]!;
    pALTotal[p] = itemAL[i]! * armorSlotCount(mask);
    pValue[p] = w.armorLevel * pALTotal[p]! + w.rating * itemRatingSum[i]!;
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

  // The bound: per set variant, a table over (position, wanted families covered, set pieces counted).
  let variants = setVariants(query, itemSet, T, primaryId, secondaryId);
  const A1 = PRIMARY_CAP + 1;
  const B1 = SECONDARY_CAP + 1;
  /** Transitions of a variant: per starting position, distinct (next, table families, A, B) with their best value. */
  interface Transition {
    next: number;
    fam: number;
    inA: number;
    inB: number;
    value: number;
  }
  const transitionsOf = (variant: SetVariant, kmask: number): Transition[][] => {
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
  };
  const maskOfK = (k: number): number => (k === 0 ? 0 : (1 << k) - 1);
  let K = Math.min(F, MAX_TABLE_FAMILIES);
  let transitions = variants.map((variant) => transitionsOf(variant, maskOfK(K)));
  const tableCost = (k: number): number =>
    (variants as SetVariant[]).reduce((sum, variant, v) => sum + (1 << k) * (variant.capA + 1) * (variant.capB + 1) * transitions[v]!.reduce((count, list) => count + list.length, 0), 0);
  if (tableCost(K) > TABLE_BUDGET) {
    while (K > 0 && tableCost(K) > TABLE_BUDGET) K--;
    transitions = variants.map((variant) => transitionsOf(variant, maskOfK(K)));
  }
  if (query.primarySet.mode === 'ANY' && query.secondarySet.mode === 'ANY' && T > 1 && tableCost(K) * (T - 1) <= TABLE_BUDGET) {
    // Affordable: one variant per pair of sets rather than per set, a far tighter bound.
    variants = setVariants(query, itemSet, T, primaryId, secondaryId, true);
    transitions = variants.map((variant) => transitionsOf(variant, maskOfK(K)));
  }
  const V = variants.length;
  const KMASK = maskOfK(K);
  const M = 1 << K;
  const STATES = M * A1 * B1;
  const stateOf = (m: number, a: number, b: number): number => (m * A1 + a) * B1 + b;
  /** Per position, the families past the table's K that placements from there on can add (bounded one by one). */
  const restOf = new Uint32Array((SLOT_COUNT + 1) * W);
  const hasRest = F > K;
  const restMask = (x: number): number => (x === 0 ? ~KMASK : -1) >>> 0;
  if (hasRest) {
    for (let p = 0; p < P; p++) for (let x = 0; x < W; x++) restOf[pFirst[p]! * W + x]! |= itemFam[pItem[p]! * W + x]! & restMask(x);
    for (let position = SLOT_COUNT - 1; position >= 0; position--) for (let x = 0; x < W; x++) restOf[position * W + x]! |= restOf[(position + 1) * W + x]!;
  }
  const tables = variants.map((variant, v) => {
    const table = new Float64Array((SLOT_COUNT + 1) * STATES);
    for (let position = SLOT_COUNT - 1; position >= 0; position--) {
      const here = position * STATES;
      const after = (position + 1) * STATES;
      for (let state = 0; state < STATES; state++) table[here + state] = table[after + state]!;
      const { capA, capB } = variant;
      const AB = A1 * B1;
      for (const t of transitions[v]![position]!) {
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
  });

  // Placements by the position they start at, best first.
  const startLists: Int32Array[] = [];
  let longest = 1;
  for (let position = 0; position < SLOT_COUNT; position++) {
    const list: number[] = [];
    for (let p = 0; p < P; p++) if (pFirst[p] === position && !isLocked[pItem[p]!]) list.push(p);
    list.sort((a, b) => pValue[b]! - pValue[a]! || a - b);
    startLists.push(Int32Array.from(list));
    longest = Math.max(longest, list.length);
  }
  /** The armour level the placements from a position on can still add at most, for `minArmorLevel`. */
  const alRoom = new Float64Array(SLOT_COUNT + 1);
  for (let position = SLOT_COUNT - 1; position >= 0; position--) {
    let best = 0;
    for (let p = 0; p < P; p++) if ((pMask[p]! & (1 << ORDER[position]!)) !== 0) best = Math.max(best, itemAL[pItem[p]!]! * (armorSlotCount(1 << ORDER[position]!)));
    alRoom[position] = alRoom[position + 1]! + best;
  }
  // For maximality: every distinct slot set an item can take, with how many items can take it.
  const fitCount = new Map<number, number>();
  for (const c of candidates) for (const { mask } of c.masks) fitCount.set(mask, (fitCount.get(mask) ?? 0) + 1);
  const fitMasks = [...fitCount.keys()];

  // Search state.
  const used = new Uint8Array(n);
  const filledBy = new Int32Array(SLOT_COUNT).fill(-1);
  const setCount = new Int32Array(T);
  const covCount = new Int32Array(F);
  const uncovered = new Uint32Array(W);
  for (let f = 0; f < F; f++) uncovered[f >>> 5]! |= 1 << (f & 31);
  const chosen = new Int32Array(3);
  const placed = new Int32Array(SLOT_COUNT + 1);
  let placedCount = 0;
  let closed = ALL_SLOTS & ~allowed;
  let curValue = 0;
  let curAL = 0;
  let curRatings = 0;
  let covered = 0;
  /** Set pieces each variant counts so far, toward A and B. */
  const countA = new Int32Array(V);
  const countB = new Int32Array(V);
  const candBuf = Array.from({ length: SLOT_COUNT + 2 }, () => new Int32Array(longest + 1));
  const gainBuf = Array.from({ length: SLOT_COUNT + 2 }, () => new Float64Array(longest + 1));

  const place = (p: number): void => {
    const i = pItem[p]!;
    used[i] = 1;
    closed |= pMask[p]!;
    for (let m = pMask[p]!; m !== 0; m &= m - 1) filledBy[slotIndex(m & -m)] = p;
    placed[placedCount++] = p;
    curValue += pValue[p]!;
    curAL += pALTotal[p]!;
    curRatings += itemRatingSum[i]!;
    if (itemSet[i]! >= 0) setCount[itemSet[i]!]! += 1;
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
          covered++;
          uncovered[x]! &= ~low;
        }
        bits ^= low;
      }
    }
  };
  const unplace = (p: number): void => {
    const i = pItem[p]!;
    used[i] = 0;
    closed &= ~pMask[p]!;
    for (let m = pMask[p]!; m !== 0; m &= m - 1) filledBy[slotIndex(m & -m)] = -1;
    placedCount--;
    curValue -= pValue[p]!;
    curAL -= pALTotal[p]!;
    curRatings -= itemRatingSum[i]!;
    if (itemSet[i]! >= 0) setCount[itemSet[i]!]! -= 1;
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
          covered--;
          uncovered[x]! |= low;
        }
        bits ^= low;
      }
    }
  };

  /**
   * The most any suit completing the current one from `position` on can
   * score, with `value` and `coveredNow` its value and families so far, `fam`
   * its table families, and item `extra` (a child not yet placed, or -1) counted in.
   */
  const boundFrom = (position: number, value: number, coveredNow: number, fam: number, extra: number, restCovered: (x: number) => number): number => {
    let restGain = 0;
    if (hasRest) for (let x = 0; x < W; x++) restGain += popcount(restOf[position * W + x]! & ~restCovered(x) & restMask(x));
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
  };

  // The best list.
  const best: Entry[] = [];
  const bestById = new Map<string, Entry>();
  let nodes = 0;
  let stopped = false;
  let lastProgress = started;
  const candidatesBeforePruning = candidates.length;
  const progress = (): SearchProgress => ({
    candidatesBeforePruning,
    candidates: P,
    nodes,
    elapsedMs: Math.round((clock() - started) * 10) / 10,
    bestScore: best.length > 0 ? (best[0] as Entry).score : null,
  });
  const wornOf = (entry: Entry): WornPiece[] =>
    entry.placements.map((p) => ({ item: (candidates[pItem[p]!] as Candidate).item, mask: pMask[p]!, reduction: pReduction[p] as string | null }));
  const foundOf = (entry: Entry): FoundSuit => {
    if (!entry.found) {
      const { parts: _parts, ...found } = describeSuit(wornOf(entry), query);
      entry.found = found;
    }
    return entry.found;
  };
  const ranked = (): FoundSuit[] => {
    const list = best.map((entry, i) => ({ ...foundOf(entry), rank: i + 1 }));
    for (const suit of list) suit.why = whyOf(suit, list, query);
    return list;
  };
  /** Same items, another arrangement: the better one (score, fewer reductions, lower slots in key order) stays. */
  const betterArrangement = (a: Entry, b: Entry): boolean => {
    if (a.score !== b.score) return a.score > b.score;
    if (a.reductions !== b.reductions) return a.reductions < b.reductions;
    for (let x = 0; x < a.placements.length; x++) {
      const ma = pMask[a.placements[x]!]!;
      const mb = pMask[b.placements[x]!]!;
      if (ma !== mb) return ma < mb;
    }
    return false;
  };
  const offer = (score: number): void => {
    if (best.length === limit && score < (best[limit - 1] as Entry).score) return;
    const order = Array.from(placed.subarray(0, placedCount)).sort((a, b) => pItem[a]! - pItem[b]!);
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
      if (!betterArrangement(entry, existing)) return;
      best.splice(best.indexOf(existing), 1);
      bestById.delete(entry.id);
    } else if (best.length === limit && compareRank(entry, best[limit - 1] as Entry) >= 0) return;
    let at = best.length;
    while (at > 0 && compareRank(entry, best[at - 1] as Entry) < 0) at--;
    best.splice(at, 0, entry);
    bestById.set(entry.id, entry);
    if (best.length > limit) bestById.delete((best.pop() as Entry).id);
    const suit = { ...foundOf(entry), rank: at + 1 };
    const list = best.map((e, i) => (e === entry ? suit : { ...foundOf(e), rank: i + 1 }));
    suit.why = whyOf(suit, list, query);
    report({ kind: 'SUIT', progress: progress(), suit });
  };

  /** No item outside the suit could be worn in its empty slots (a suit with room for more is a lesser copy of the one that has it). */
  const maximal = (): boolean => {
    const empty = allowed & ~pieceSlots();
    if (empty === 0) return true;
    for (const mask of fitMasks) {
      if ((mask & ~empty) !== 0) continue;
      let inSuit = 0;
      for (let x = 0; x < placedCount; x++) if ((candidates[pItem[placed[x]!]!] as Candidate).masks.some((m) => m.mask === mask)) inSuit++;
      if ((fitCount.get(mask) as number) > inSuit) return false;
    }
    return true;
  };
  const pieceSlots = (): number => {
    let slots = 0;
    for (let x = 0; x < placedCount; x++) slots |= pMask[placed[x]!]!;
    return slots;
  };

  const leaf = (): void => {
    if (placedCount === 0) return;
    if (curAL < query.minArmorLevel) return;
    for (let x = 0; x < placedCount; x++) {
      const p = placed[x]!;
      for (const q of pSurpassers[p] as number[]) if (!used[q]) return;
    }
    if (!maximal()) return;
    chooseSets(setCount, primaryId, secondaryId, chosen);
    offer(scoreOf({ armorLevel: curAL, setTiers: chosen[0]!, cantrips: covered, ratings: curRatings }, w));
  };

  /**
   * What a branch must beat to be searched: once the list is full, more than
   * its last score. A suit that only ties the last one cannot change the
   * list's scores, so ties at the bottom are not searched for (which of them
   * is listed is the first found). The bound is summed in another order than
   * the score, so a hair's breadth is allowed for rounding.
   */
  const threshold = (): number => {
    if (best.length < limit) return -Infinity;
    const floor = (best[limit - 1] as Entry).score;
    return floor + 1e-9 * Math.max(1, Math.abs(floor));
  };

  const dfs = (position: number): void => {
    if (stopped) return;
    pause();
    if (++nodes % clockEvery === 0) {
      const now = clock();
      if (now - started >= query.timeBudgetMs || shouldStop?.()) {
        stopped = true;
        return;
      }
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        report({ kind: 'PROGRESS', progress: progress() });
      }
    }
    while (position < SLOT_COUNT && (closed & (1 << ORDER[position]!)) !== 0) position++;
    if (position === SLOT_COUNT) return leaf();
    if (curAL + alRoom[position]! < query.minArmorLevel) return;
    const slot = ORDER[position]!;
    // Bracelets and rings fill the left side first, the lower item key on the left.
    const pairLeft = slot === FR ? filledBy[FL]! : slot === WR ? filledBy[WL]! : -2;
    const minItem = pairLeft >= 0 ? pItem[pairLeft]! : -1;
    const floor = threshold();
    const cands = candBuf[position] as Int32Array;
    const gains = gainBuf[position] as Float64Array;
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
      const list = startLists[position] as Int32Array;
      for (let x = 0; x < list.length; x++) {
        const p = list[x]!;
        const i = pItem[p]!;
        if ((pMask[p]! & closed) !== 0 || used[i] === 1 || i <= minItem) continue;
        let fresh = 0;
        for (let y = 0; y < W; y++) fresh += popcount(itemFam[i * W + y]! & uncovered[y]!);
        const childFam = (~uncovered[0]! | itemFam[i * W]!) >>> 0;
        const g = boundFrom(pNext[p]!, curValue + pValue[p]!, covered + fresh, childFam, i, (y) => ~uncovered[y]! | itemFam[i * W + y]!);
        if (g <= floor) continue;
        add(p, g);
      }
    }
    // Leaving the slot empty; an empty left side leaves the right side empty too.
    const emptyBound = boundFrom(position + 1, curValue, covered, ~uncovered[0]! >>> 0, -1, (y) => ~uncovered[y]!);
    if (emptyBound > floor) add(-1, emptyBound - 1e-12 * Math.max(1, Math.abs(emptyBound)));
    for (let x = 0; x < m; x++) {
      const p = cands[x]!;
      if (gains[x]! <= threshold()) break;
      if (p < 0) {
        const before = closed;
        closed |= 1 << slot;
        if (slot === FL) closed |= FINGER_RIGHT;
        if (slot === WL) closed |= WRIST_RIGHT;
        dfs(position + 1);
        closed = before;
      } else {
        place(p);
        dfs(position + 1);
        unplace(p);
      }
      if (stopped) return;
    }
  };

  // Every arrangement of the locked pieces, each searched around.
  const lockedPlacements = lockedIndexes.map((i) => {
    const list: number[] = [];
    for (let p = 0; p < P; p++) if (pItem[p] === i) list.push(p);
    return list;
  });
  const lockDown = (k: number): void => {
    if (stopped) return;
    if (k === lockedPlacements.length) return dfs(0);
    for (const p of lockedPlacements[k] as number[]) {
      if ((pMask[p]! & closed) !== 0) continue;
      place(p);
      lockDown(k + 1);
      unplace(p);
    }
  };
  lastProgress = clock();
  report({ kind: 'PROGRESS', progress: progress() });
  lockDown(0);

  const suits = ranked();
  const elapsed = Math.round(clock() - started);
  const message = stopped
    ? `Stopped after ${elapsed.toLocaleString('en-US')} ms (${nodes.toLocaleString('en-US')} nodes): the best ${suits.length} suits found so far, not necessarily the best possible.`
    : `Searched every suit of ${P.toLocaleString('en-US')} placements in ${elapsed.toLocaleString('en-US')} ms: ${suits.length === 0 ? 'no suit meets the query.' : `these are the best ${suits.length}.`}`;
  report({ kind: 'DONE', progress: progress(), exhaustive: !stopped, message, suits });
  return suits;
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
