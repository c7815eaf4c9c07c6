/** Suits and events for the Suitbuilder's tests. */
import type { SuitDetailFragment, SuitPieceDetailFragment, SuitSlot } from '../graph/generated/graphql';
import type { SuitSearchEvent, SuitSearchProgress } from './ranking';

/** A piece `id` of `owner` in `slots`, with `changes` to its item. */
export function piece(owner: string, id: string, name: string, slots: SuitSlot[], changes: Partial<SuitPieceDetailFragment['item']> & { reduction?: string } = {}): SuitPieceDetailFragment {
  const { reduction = null, ...item } = changes;
  return { slots, reduction, item: { id, name, owner: { name: owner }, setName: null, armorLevel: null, spells: [], equippedSlot: null, ...item } };
}

/** A suit at `rank` of `pieces`, scored `score`; gathered by owner in the order the pieces come. */
export function suit(rank: number, score: number, pieces: SuitPieceDetailFragment[], changes: Partial<SuitDetailFragment> = {}): SuitDetailFragment {
  const owners = [...new Set(pieces.map((entry) => entry.item.owner.name))];
  const gather = owners.map((character) => ({
    character,
    pieces: pieces.filter((entry) => entry.item.owner.name === character).map(({ slots, item }) => ({ slots, item: { id: item.id, name: item.name } })),
  }));
  return {
    rank,
    score,
    scoreParts: { armorLevel: score, sets: 0, cantrips: 0, ratings: 0 },
    why: `Suit ${rank}.`,
    armorLevel: pieces.reduce((total, entry) => total + (entry.item.armorLevel ?? 0), 0),
    pieces,
    sets: [],
    cantrips: [],
    missingCantrips: [],
    ratings: { damage: 0, damageResist: 0, crit: 0, critResist: 0, critDamage: 0, critDamageResist: 0, healBoost: 0, vitality: 0 },
    gather,
    gatherText: gather.map((stop) => `${stop.character}: ${stop.pieces.map((entry) => entry.item.name).join(', ')}`).join('\n'),
    ...changes,
  };
}

/** Counters of a search `elapsedMs` in. */
export function progress(elapsedMs: number, bestScore: number | null = null): SuitSearchProgress {
  return { candidatesBeforePruning: 40, candidates: 25, nodes: elapsedMs * 10, elapsedMs, bestScore };
}

/** A `SUIT` event. */
export function suitEvent(entry: SuitDetailFragment, elapsedMs = 100): SuitSearchEvent {
  return { kind: 'SUIT', progress: progress(elapsedMs, entry.score), suit: entry, done: null };
}

/** A `PROGRESS` event. */
export function progressEvent(elapsedMs: number, bestScore: number | null = null): SuitSearchEvent {
  return { kind: 'PROGRESS', progress: progress(elapsedMs, bestScore), suit: null, done: null };
}

/** The `DONE` event. */
export function doneEvent(suits: SuitDetailFragment[], exhaustive: boolean, message: string, elapsedMs = 500): SuitSearchEvent {
  return { kind: 'DONE', progress: progress(elapsedMs, suits[0]?.score ?? null), suit: null, done: { exhaustive, message, suits } };
}
