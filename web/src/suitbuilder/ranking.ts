/**
 * What a running suit search shows, built from its events: the current best
 * list (a suit enters at its rank and pushes the ones below down), the last
 * progress, and at `DONE` the final ranking and how the search ended.
 */
import type { SuitDetailFragment, SuitSearchSubscription } from '../graph/generated/graphql';

/** One event of `suitSearch`. */
export type SuitSearchEvent = SuitSearchSubscription['suitSearch'];
/** The search's counters. */
export type SuitSearchProgress = SuitSearchEvent['progress'];

/** How a search ended: the graph's word (exact, or stopped at the time budget), the user's Stop, or a lost connection. */
export type SuitSearchOutcome =
  | { kind: 'exhaustive' | 'stopped'; message: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'interrupted'; message: string };

/** The window's view of one search. */
export interface SuitSearchState {
  suits: SuitDetailFragment[];
  progress?: SuitSearchProgress;
  outcome?: SuitSearchOutcome;
}

/**
 * `suits` with `suit` inserted at its rank (after the last one when the list is
 * shorter), the ones below moved down one and renumbered, cut to `limit`.
 */
export function insertAtRank(suits: readonly SuitDetailFragment[], suit: SuitDetailFragment, limit: number): SuitDetailFragment[] {
  const at = Math.min(Math.max(suit.rank, 1) - 1, suits.length);
  const next = [...suits.slice(0, at), suit, ...suits.slice(at)].slice(0, Math.max(limit, 0));
  return next.map((entry, index) => (entry.rank === index + 1 ? entry : { ...entry, rank: index + 1 }));
}

/** The state after `event`; `limit` is how many suits the search was asked for. */
export function applySearchEvent(state: SuitSearchState, event: SuitSearchEvent, limit: number): SuitSearchState {
  const progress = event.progress;
  if (event.kind === 'SUIT' && event.suit) return { ...state, progress, suits: insertAtRank(state.suits, event.suit, limit) };
  if (event.kind === 'DONE' && event.done) {
    const { exhaustive, message, suits } = event.done;
    return { progress, suits: [...suits], outcome: { kind: exhaustive ? 'exhaustive' : 'stopped', message } };
  }
  return { ...state, progress };
}

/** Identifies a suit by its pieces, whatever its rank: the selection follows a suit as others push it down. */
export function suitKey(suit: Pick<SuitDetailFragment, 'pieces'>): string {
  return suit.pieces
    .map((piece) => `${piece.item.owner.name}/${piece.item.id}`)
    .sort()
    .join('|');
}
