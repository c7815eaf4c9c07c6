import { describe, expect, it } from 'vitest';
import { BlockIndex } from './blockIndex';

describe('BlockIndex', () => {
  it('keeps the latest block of each place, removes one that went to air, and finds blocks by box', () => {
    const index = new BlockIndex();
    index.apply([
      { x: 0, y: 0, z: 4, kind: 'grass_block' },
      { x: 40, y: -3, z: 5, kind: 'stone' },
      { x: -1, y: 1, z: 3, kind: 'water' },
    ]);
    index.apply([{ x: 0, y: 0, z: 5, kind: 'oak_leaves' }, { x: -1, y: 1, z: null, kind: 'air' }, { x: 7, y: 7, z: null, kind: 'air' }]);
    expect(index.size).toBe(2);
    expect(index.at(0.5, -0.5)).toEqual({ x: 0, y: 0, z: 5, kind: 'oak_leaves' });
    expect(index.at(-0.5, 0.5)).toBeUndefined();
    expect([...index.within(-5, -5, 5, 5)].map((tile) => tile.kind)).toEqual(['oak_leaves']);
    expect([...index.within(30, -10, 50, 0)].map((tile) => tile.kind)).toEqual(['stone']);
    index.clear();
    expect(index.size).toBe(0);
  });
});
