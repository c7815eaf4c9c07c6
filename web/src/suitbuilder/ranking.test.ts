import { describe, expect, it } from 'vitest';
import { applySearchEvent, insertAtRank, suitKey, type SuitSearchState } from './ranking';
import { doneEvent, piece, progressEvent, suit, suitEvent } from './test-support';

const helm = (owner: string, id: string) => piece(owner, id, `Helm ${id}`, ['HEAD']);
const a = suit(1, 900, [helm('Zyx', '1')]);
const b = suit(1, 800, [helm('Zyx', '2')]);
const c = suit(1, 700, [helm('Mule', '3')]);
const d = suit(1, 600, [helm('Mule', '4')]);
const ranked = (suits: { rank: number; score: number }[]) => suits.map((entry) => `${entry.rank}:${entry.score}`);

describe('the best list of a running search', () => {
  it('inserts a suit at its rank, moves the ones below down one and renumbers them', () => {
    let list = insertAtRank([], { ...c, rank: 1 }, 3);
    list = insertAtRank(list, { ...a, rank: 1 }, 3);
    expect(ranked(list)).toEqual(['1:900', '2:700']);
    list = insertAtRank(list, { ...b, rank: 2 }, 3);
    expect(ranked(list)).toEqual(['1:900', '2:800', '3:700']);
  });

  it('keeps at most the suits asked for: the last one falls off', () => {
    const list = insertAtRank([a, { ...b, rank: 2 }, { ...d, rank: 3 }], { ...c, rank: 3 }, 3);
    expect(ranked(list)).toEqual(['1:900', '2:800', '3:700']);
  });

  it('appends a suit whose rank is past the end of a shorter list', () => {
    expect(ranked(insertAtRank([a], { ...d, rank: 5 }, 10))).toEqual(['1:900', '2:600']);
  });

  it('leaves the given list alone', () => {
    const list = [a];
    insertAtRank(list, { ...b, rank: 1 }, 10);
    expect(list).toEqual([a]);
  });

  it('folds events: progress, suits as they come, then the final ranking and how the search ended', () => {
    let state: SuitSearchState = { suits: [] };
    state = applySearchEvent(state, progressEvent(250), 2);
    expect(state).toEqual({ suits: [], progress: progressEvent(250).progress });
    state = applySearchEvent(state, suitEvent({ ...c, rank: 1 }, 300), 2);
    state = applySearchEvent(state, suitEvent({ ...a, rank: 1 }, 400), 2);
    state = applySearchEvent(state, suitEvent({ ...b, rank: 2 }, 450), 2);
    expect(ranked(state.suits)).toEqual(['1:900', '2:800']);
    expect(state.progress?.bestScore).toBe(800);
    expect(state.outcome).toBeUndefined();
    const final = [a, { ...b, rank: 2 }];
    state = applySearchEvent(state, doneEvent(final, false, 'Stopped at the time budget of 0.5 s: the best suits found so far.'), 2);
    expect(state).toEqual({ suits: final, progress: doneEvent(final, false, '').progress, outcome: { kind: 'stopped', message: 'Stopped at the time budget of 0.5 s: the best suits found so far.' } });
    expect(applySearchEvent(state, doneEvent(final, true, 'Every suit was considered.'), 2).outcome).toEqual({ kind: 'exhaustive', message: 'Every suit was considered.' });
  });

  it('knows a suit by its pieces, whatever their order and its rank', () => {
    const chest = piece('Mule', '9', 'Coat', ['CHEST']);
    expect(suitKey(suit(3, 1, [helm('Zyx', '1'), chest]))).toBe('Mule/9|Zyx/1');
    expect(suitKey(suit(1, 2, [chest, helm('Zyx', '1')]))).toBe('Mule/9|Zyx/1');
  });
});
