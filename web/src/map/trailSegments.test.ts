import { describe, expect, it } from 'vitest';
import { trailRuns } from './trailSegments';

describe('trail runs', () => {
  it('keeps a walk in one run', () => {
    expect(trailRuns([[0, 0], [0.5, 0.5], [1, 1.2]])).toEqual([[[0, 0], [0.5, 0.5], [1, 1.2]]]);
  });

  it('breaks at a recall and drops the lone points left between jumps', () => {
    const walk: Array<[number, number]> = [[10, 10], [10.4, 10.1], [50, 50], [-20, 30], [-20.5, 30], [-20.9, 30.2]];
    expect(trailRuns(walk)).toEqual([
      [[10, 10], [10.4, 10.1]],
      [[-20, 30], [-20.5, 30], [-20.9, 30.2]],
    ]);
    expect(trailRuns(walk, 100)).toEqual([walk]);
  });

  it('draws nothing for fewer than two points', () => {
    expect(trailRuns([])).toEqual([]);
    expect(trailRuns([[1, 1]])).toEqual([]);
  });
});
