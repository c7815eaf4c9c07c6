import { describe, expect, it } from 'vitest';
import { addRares, type RareFind } from './rareFeed';

const find = (character: string, second: string, name: string, tier: RareFind['tier'] = 'GREAT'): RareFind => ({ character, name, tier, time: `2026-05-01T12:00:${second}.000Z` });

describe('addRares', () => {
  it('lists finds newest first, whatever order they arrive in', () => {
    const feed = addRares([], [find('A', '01', 'Staff of All Aphus'), find('B', '05', 'Pearl of Blood Drinking', 'COMMON')], 10);
    expect(addRares(feed, [find('C', '03', 'Ring of Channeling')], 10).map((rare) => rare.name)).toEqual(['Pearl of Blood Drinking', 'Ring of Channeling', 'Staff of All Aphus']);
  });

  it('keeps one of each find when history and the live feed overlap', () => {
    const feed = addRares([], [find('A', '01', 'Staff of All Aphus')], 10);
    expect(addRares(feed, [find('A', '01', 'Staff of All Aphus'), find('B', '01', 'Staff of All Aphus')], 10).map((rare) => rare.character)).toEqual(['A', 'B']);
  });

  it('keeps the newest when over the limit', () => {
    const feed = addRares([], [find('A', '01', 'one'), find('A', '02', 'two'), find('A', '03', 'three')], 2);
    expect(feed.map((rare) => rare.name)).toEqual(['three', 'two']);
  });
});
