/**
 * The exact suit search: candidates, dominance pruning, then branch and bound
 * over slots (see README.md for what "exact" means and why the bound holds).
 */

import { FINGER_LEFT, FINGER_RIGHT, GROUP_SLOTS, WRIST_LEFT, WRIST_RIGHT, armorSlotCount, placementMasksOf } from './slots.js';
import {
  NO_SET,
  PRIMARY_CAP,
  SECONDARY_CAP,
  cantripLevelOf,
  chooseSets,
  choiceId,
  describeSuit,
  scoreOf,
  setKey,
  whyOf,
  type WornPiece,
} from './score.js';
import { CANTRIP_LEVELS, RATING_NAMES, SUIT_SLOTS, type FoundSuit, type SearchEvent, type SearchProgress, type SuitItem, type SuitQuery } from './types.js';

const SLOT_COUNT = SUIT_SLOTS.length;
const ALL_SLOTS = (1 << SLOT_COUNT) - 1;
const FL = 31 - Math.clz32(FINGER_LEFT);
const FR = 31 - Math.clz32(FINGER_RIGHT);
const WL = 31 - Math.clz32(WRIST_LEFT);
const WR = 31 - Math.clz32(WRIST_RIGHT);
const PROGRESS_MS = 250;
/** Nodes between two looks at the clock. */
const CLOCK_EVERY = 256;

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
 * Searches the best suits from `items` for `query`, exactly (see README.md),
 * reporting progress, suits entering the best list, and the final list (DONE, last).
 * Throws an Error with a readable message when the locked pieces cannot be worn.
 * Returns the final list.
 */
export function searchSuits(items: readonly SuitItem[], query: SuitQuery, report: (event: SearchEvent) => void, shouldStop?: () => boolean): FoundSuit[] {
  const started = performance.now();
  const limit = Math.max(1, Math.floor(query.suits));
  const excluded = new Set(query.excluded);
  const lockedKeys = new Set(query.locked);
  const byKey = new Map(items.map((item) => [item.key, item]));
  for (const key of lockedKeys) {
    const item = byKey.get(key);
    if (!item) throw new SuitQueryError(`Locked piece ${key} is not among the items searched: check its owner and id, and that its character is chosen.`);
    if (excluded.has(key)) throw new SuitQueryError(`${label(item)} is both locked and excluded: remove it from one of the two lists.`);
  }
  let allowed = 0;
  for (const group of query.slotGroups) allowed |= GROUP_SLOTS[group];

  const candidates: Candidate[] = [];
  for (const item of items) {
    if (excluded.has(item.key)) continue;
    const masks = placementMasksOf(item, query.slotGroups);
    if (masks.length > 0) candidates.push({ item, masks });
    else if (lockedKeys.has(item.key)) {
      throw new SuitQueryError(`Locked piece ${label(item)} fits no slot of the chosen slot groups (${query.slotGroups.join(', ') || 'none'}): unlock it or add its group.`);
    }
  }
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
  checkLocked(lockedIndexes.map((i) => candidates[i] as Candidate));

  // What each item is worth to this query.
  const w = query.weights;
  const F = query.cantrips.length;
  const W = Math.max(1, Math.ceil(F / 32));
  const families = query.cantrips.map((c) => c.family.trim().toLowerCase());
  const minLevels = query.cantrips.map((c) => CANTRIP_LEVELS.indexOf(c.minLevel));
  const anySet = query.primarySet.mode === 'ANY' || query.secondarySet.mode === 'ANY';
  const table: string[] = anySet ? [...new Set(candidates.flatMap((c) => (c.item.set === null ? [] : [setKey(c.item.set)])))].sort() : [];
  const primaryId = choiceId(query.primarySet, table);
  const secondaryId = choiceId(query.secondarySet, table);
  const maxTiers = (primaryId === NO_SET ? 0 : PRIMARY_CAP) + (secondaryId === NO_SET || (secondaryId >= 0 && secondaryId === primaryId) ? 0 : SECONDARY_CAP);
  const T = table.length;
  const itemSet = new Int32Array(n);
  const itemAL = new Float64Array(n);
  const itemRatings = new Int32Array(n * 8);
  const itemRatingSum = new Float64Array(n);
  const itemLevels = new Int8Array(n * F);
  const itemFam = new Uint32Array(n * W);
  candidates.forEach(({ item }, i) => {
    itemSet[i] = item.set === null ? -1 : table.indexOf(setKey(item.set));
    itemAL[i] = item.armorLevel;
    let sum = 0;
    RATING_NAMES.forEach((name, r) => {
      itemRatings[i * 8 + r] = item.ratings[name];
      sum += item.ratings[name];
    });
    itemRatingSum[i] = sum;
    for (let f = 0; f < F; f++) {
      const level = cantripLevelOf(item, families[f] as string);
      itemLevels[i * F + f] = level;
      if (level >= (minLevels[f] as number)) itemFam[i * W + (f >>> 5)]! |= 1 << (f & 31);
    }
  });

  /** Whether q surpasses p wherever both can be worn at the same slots. */
  const surpasses = (q: number, p: number): boolean => {
    if (itemSet[q] !== itemSet[p] || itemAL[q]! < itemAL[p]!) return false;
    let equal = itemAL[q] === itemAL[p];
    for (let r = 0; r < 8; r++) {
      const a = itemRatings[q * 8 + r]!;
      const b = itemRatings[p * 8 + r]!;
      if (a < b) return false;
      if (a !== b) equal = false;
    }
    for (let f = 0; f < F; f++) {
      const a = itemLevels[q * F + f]!;
      const b = itemLevels[p * F + f]!;
      if (a < b) return false;
      if (a !== b) equal = false;
    }
    return !equal || q < p;
  };

  // Dominance pruning, per slot set.
  const byMask = new Map<number, number[]>();
  candidates.forEach((c, i) => {
    for (const { mask } of c.masks) {
      let list = byMask.get(mask);
      if (!list) byMask.set(mask, (list = []));
      list.push(i);
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
  let candidatesBeforePruning = 0;
  for (const c of candidates) if (c.masks.length > 0) candidatesBeforePruning++;
  for (const [mask, group] of byMask) {
    const sorted = [...group].sort((a, b) => itemAL[b]! - itemAL[a]!);
    const room = popcount(allowed & ~mask);
    const blocked = lockedBlocks(mask);
    for (const p of group) {
      const reduction = (candidates[p] as Candidate).masks.find((m) => m.mask === mask)?.reduction ?? null;
      if (isLocked[p]) {
        pItemList.push(p);
        pMaskList.push(mask);
        pReduction.push(reduction);
        pSurpassers.push([]);
        continue;
      }
      if (blocked) continue;
      const found: number[] = [];
      let dropped = false;
      for (const q of sorted) {
        if (itemAL[q]! < itemAL[p]!) break;
        if (q === p || !surpasses(q, p)) continue;
        const avail = unionOf(q, mask);
        if (avail === 0 || found.length + 1 > room) {
          dropped = true;
          break;
        }
        found.push(q);
      }
      if (!dropped && !hallHolds(found.map((q) => unionOf(q, mask)))) dropped = true;
      if (dropped) continue;
      pItemList.push(p);
      pMaskList.push(mask);
      pReduction.push(reduction);
      pSurpassers.push(found);
    }
  }
  const P = pItemList.length;
  const pItem = Int32Array.from(pItemList);
  const pMask = Int32Array.from(pMaskList);
  const pK = new Int32Array(P);
  const pALTotal = new Float64Array(P);
  const pValue = new Float64Array(P);
  const pUpper = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const i = pItem[p]!;
    pK[p] = popcount(pMask[p]!);
    pALTotal[p] = itemAL[i]! * armorSlotCount(pMask[p]!);
    pValue[p] = w.armorLevel * pALTotal[p]! + w.rating * itemRatingSum[i]!;
    let fams = 0;
    for (let x = 0; x < W; x++) fams += popcount(itemFam[i * W + x]!);
    pUpper[p] = (pValue[p]! + w.cantrip * fams + (itemSet[i]! >= 0 ? w.setTier : 0)) / pK[p]!;
  }
  const slotLists: Int32Array[] = [];
  let longest = 1;
  for (let s = 0; s < SLOT_COUNT; s++) {
    const list: number[] = [];
    for (let p = 0; p < P; p++) if (!isLocked[pItem[p]!] && (pMask[p]! & (1 << s)) !== 0) list.push(p);
    list.sort((a, b) => pUpper[b]! - pUpper[a]! || a - b);
    slotLists.push(Int32Array.from(list));
    longest = Math.max(longest, list.length);
  }

  const slotHasSet = new Uint8Array(SLOT_COUNT);
  const slotMaxAL = new Float64Array(SLOT_COUNT);
  slotLists.forEach((list, s) => {
    for (const p of list) {
      if (itemSet[pItem[p]!]! >= 0) slotHasSet[s] = 1;
      slotMaxAL[s] = Math.max(slotMaxAL[s]!, itemAL[pItem[p]!]!);
    }
  });
  /** Whether anything still fits slot s (the bound's scan may stop before it looks at every placement). */
  const fitsAny = (s: number): boolean => {
    const list = slotLists[s] as Int32Array;
    for (let x = 0; x < list.length; x++) {
      const p = list[x]!;
      if ((pMask[p]! & closed) === 0 && used[pItem[p]!] === 0) return true;
    }
    return false;
  };

  // Search state.
  const used = new Uint8Array(n);
  const filledBy = new Int32Array(SLOT_COUNT).fill(-1);
  const setCount = new Int32Array(T);
  const covCount = new Int32Array(F);
  const uncovered = new Uint32Array(W);
  for (let f = 0; f < F; f++) uncovered[f >>> 5]! |= 1 << (f & 31);
  const chosen = new Int32Array(3);
  const placed = new Int32Array(SLOT_COUNT + lockedIndexes.length + 1);
  let placedCount = 0;
  let closed = ALL_SLOTS & ~allowed;
  let curAL = 0;
  let curRatings = 0;
  let covered = 0;
  const candBuf = Array.from({ length: SLOT_COUNT + 1 }, () => new Int32Array(longest));
  const gainBuf = Array.from({ length: SLOT_COUNT + 1 }, () => new Float64Array(longest));

  const place = (p: number): void => {
    const i = pItem[p]!;
    used[i] = 1;
    closed |= pMask[p]!;
    for (let m = pMask[p]!; m !== 0; m &= m - 1) filledBy[31 - Math.clz32(m & -m)] = p;
    placed[placedCount++] = p;
    curAL += pALTotal[p]!;
    curRatings += itemRatingSum[i]!;
    if (itemSet[i]! >= 0) setCount[itemSet[i]!]! += 1;
    for (let x = 0; x < W; x++) {
      let bits = itemFam[i * W + x]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const f = x * 32 + 31 - Math.clz32(low);
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
    for (let m = pMask[p]!; m !== 0; m &= m - 1) filledBy[31 - Math.clz32(m & -m)] = -1;
    placedCount--;
    curAL -= pALTotal[p]!;
    curRatings -= itemRatingSum[i]!;
    if (itemSet[i]! >= 0) setCount[itemSet[i]!]! -= 1;
    for (let x = 0; x < W; x++) {
      let bits = itemFam[i * W + x]!;
      while (bits !== 0) {
        const low = bits & -bits;
        const f = x * 32 + 31 - Math.clz32(low);
        if (--covCount[f]! === 0) {
          covered--;
          uncovered[x]! |= low;
        }
        bits ^= low;
      }
    }
  };

  // The best list.
  const best: Entry[] = [];
  const bestById = new Map<string, Entry>();
  let nodes = 0;
  let stopped = false;
  let lastProgress = started;
  const progress = (): SearchProgress => ({
    candidatesBeforePruning,
    candidates: P,
    nodes,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
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

  const leaf = (): void => {
    if (placedCount === 0) return;
    if (!canonicalPair(FL, FR) || !canonicalPair(WL, WR)) return;
    if (curAL < query.minArmorLevel) return;
    for (let x = 0; x < placedCount; x++) {
      const p = placed[x]!;
      for (const q of pSurpassers[p] as number[]) if (!used[q]) return;
    }
    chooseSets(setCount, primaryId, secondaryId, chosen);
    offer(scoreOf({ armorLevel: curAL, setTiers: chosen[0]!, cantrips: covered, ratings: curRatings }, w));
  };
  /** Bracelets and rings fill the left side first, the lower item key on the left. */
  const canonicalPair = (left: number, right: number): boolean => {
    const r = filledBy[right]!;
    if (r < 0) return true;
    const l = filledBy[left]!;
    return l >= 0 && pItem[l]! < pItem[r]!;
  };

  const threshold = (): number => (best.length === limit ? (best[limit - 1] as Entry).score : -Infinity);

  const dfs = (depth: number): void => {
    if (stopped) return;
    if (++nodes % CLOCK_EVERY === 0) {
      const now = performance.now();
      if (now - started >= query.timeBudgetMs || shouldStop?.()) {
        stopped = true;
        return;
      }
      if (now - lastProgress >= PROGRESS_MS) {
        lastProgress = now;
        report({ kind: 'PROGRESS', progress: progress() });
      }
    }
    if (closed === ALL_SLOTS) return leaf();
    chooseSets(setCount, primaryId, secondaryId, chosen);
    const tiersNow = chosen[0]!;
    let sumA = 0;
    let sumV = 0;
    let setSlots = 0;
    let alRoom = 0;
    let slot = -1;
    let slotSize = Infinity;
    let dead = 0;
    for (let s = 0; s < SLOT_COUNT; s++) {
      if ((closed & (1 << s)) !== 0) continue;
      const list = slotLists[s] as Int32Array;
      let any = false;
      let bestA = 0;
      let bestV = 0;
      // The list runs from the highest static bound down: once that is below the best found, nothing later beats it.
      for (let x = 0; x < list.length; x++) {
        const p = list[x]!;
        if (pUpper[p]! <= bestA) {
          if (pUpper[p]! > bestV) bestV = pUpper[p]!;
          break;
        }
        const i = pItem[p]!;
        if ((pMask[p]! & closed) !== 0 || used[i] === 1) continue;
        any = true;
        let fresh = 0;
        for (let y = 0; y < W; y++) {
          const bits = itemFam[i * W + y]! & uncovered[y]!;
          if (bits !== 0) fresh += popcount(bits);
        }
        const k = pK[p]!;
        const v = pValue[p]!;
        const a = (v + w.cantrip * fresh + (itemSet[i]! >= 0 ? w.setTier : 0)) / k;
        if (a > bestA) bestA = a;
        if (v / k > bestV) bestV = v / k;
      }
      if (!any) {
        if (!fitsAny(s)) {
          dead |= 1 << s;
          continue;
        }
      }
      sumA += bestA;
      sumV += bestV;
      if (slotHasSet[s] === 1) setSlots++;
      alRoom += slotMaxAL[s]!;
      const waits = (s === FR && (closed & FINGER_LEFT) === 0) || (s === WR && (closed & WRIST_LEFT) === 0);
      if (!waits && list.length < slotSize) {
        slotSize = list.length;
        slot = s;
      }
    }
    if ((dead & FINGER_LEFT) !== 0) dead |= FINGER_RIGHT & ~closed;
    if ((dead & WRIST_LEFT) !== 0) dead |= WRIST_RIGHT & ~closed;
    if (curAL + alRoom < query.minArmorLevel) return;
    const capped = sumV + w.setTier * Math.min(maxTiers - tiersNow, setSlots) + w.cantrip * (F - covered);
    const bound = w.armorLevel * curAL + w.setTier * tiersNow + w.cantrip * covered + w.rating * curRatings + Math.min(sumA, capped);
    const floor = threshold();
    if (bound < floor - 1e-9 * Math.max(1, Math.abs(floor))) return;
    if (slot < 0) {
      // Nothing fits any open slot: close them all.
      const before = closed;
      closed = ALL_SLOTS;
      leaf();
      closed = before;
      return;
    }
    if (dead !== 0) {
      const before = closed;
      closed |= dead;
      dfs(depth + 1);
      closed = before;
      return;
    }
    // Candidates for the slot, most promising first.
    const cands = candBuf[depth] as Int32Array;
    const gains = gainBuf[depth] as Float64Array;
    const list = slotLists[slot] as Int32Array;
    const pairLeft = slot === FR ? filledBy[FL]! : slot === WR ? filledBy[WL]! : -1;
    const minItem = pairLeft >= 0 ? pItem[pairLeft]! : -1;
    let m = 0;
    for (let x = 0; x < list.length; x++) {
      const p = list[x]!;
      const i = pItem[p]!;
      if ((pMask[p]! & closed) !== 0 || used[i] === 1 || i <= minItem) continue;
      let fresh2 = 0;
      for (let y = 0; y < W; y++) fresh2 += popcount(itemFam[i * W + y]! & uncovered[y]!);
      const g = pValue[p]! + w.cantrip * fresh2 + (itemSet[i]! >= 0 ? w.setTier : 0);
      let at = m++;
      while (at > 0 && gains[at - 1]! < g) {
        gains[at] = gains[at - 1]!;
        cands[at] = cands[at - 1]!;
        at--;
      }
      gains[at] = g;
      cands[at] = p;
    }
    for (let x = 0; x < m; x++) {
      const p = cands[x]!;
      place(p);
      dfs(depth + 1);
      unplace(p);
      if (stopped) return;
    }
    // Leave the slot empty; an empty left side leaves the right side empty too.
    const before = closed;
    closed |= 1 << slot;
    if (slot === FL) closed |= FINGER_RIGHT;
    if (slot === WL) closed |= WRIST_RIGHT;
    dfs(depth + 1);
    closed = before;
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
  lastProgress = performance.now();
  report({ kind: 'PROGRESS', progress: progress() });
  lockDown(0);

  const suits = ranked();
  const elapsed = Math.round(performance.now() - started);
  const message = stopped
    ? `Stopped after ${elapsed.toLocaleString('en-US')} ms (${nodes.toLocaleString('en-US')} nodes): the best ${suits.length} suits found so far, not necessarily the best possible.`
    : `Searched every suit of ${P.toLocaleString('en-US')} placements in ${elapsed.toLocaleString('en-US')} ms: ${suits.length === 0 ? 'no suit meets the query.' : `these are the best ${suits.length}.`}`;
  report({ kind: 'DONE', progress: progress(), exhaustive: !stopped, message, suits });
  return suits;
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
