import { describe, expect, it } from 'vitest';
import { blockSliceFrames, nearbyObjectsFrame, regionLandblock, SliceMemory, sliceSquare } from '../src/surroundings.js';

const context = { server: 'survival', session: 'survival-1', at: new Date('2026-11-24T18:00:00.000Z') };
const envelope = { character_name: 'Alice', timestamp: '2026-11-24T18:00:00.000Z', session_id: 'survival-1', game: 'MINECRAFT', server: 'survival' };

describe('nearbyObjectsFrame', () => {
  it('lists the entities within 32 blocks, nearest first, at map coordinates', () => {
    const frame = nearbyObjectsFrame('Alice', { x: 0.5, y: 64, z: 0.5 }, [
      { id: 7, name: 'zombie', type: 'hostile', position: { x: 10.5, y: 64, z: -3.5 } },
      { id: 3, name: 'Bob', type: 'player', position: { x: 2.5, y: 64, z: 0.5 } },
      { id: 9, name: 'cow', type: 'animal', position: { x: 40, y: 64, z: 0 } },
    ], context);
    expect(frame).toEqual({
      ...envelope,
      type: 'nearby_objects',
      objects: [
        { id: 3, name: 'Bob', object_class: 'player', ew: 2, ns: 0, z: 64, distance: 2 },
        { id: 7, name: 'zombie', object_class: 'hostile', ew: 10, ns: 4, z: 64, distance: 10.8 },
      ],
    });
  });
});

describe('block slices', () => {
  it('takes a 32 x 32 square around a player', () => {
    const square = sliceSquare(100.7, -5.2, 16);
    expect(square).toHaveLength(1024);
    expect(square[0]).toEqual({ x: 84, z: -22 });
    expect(square[1023]).toEqual({ x: 115, z: 9 });
  });

  it('names 32 x 32 regions by their east and north index', () => {
    expect(regionLandblock(0, -1)).toBe('0x80007FFF');
    expect(regionLandblock(31, 0)).toBe('0x80008000');
    expect(regionLandblock(-33, 64)).toBe('0x7FFE8002');
  });

  it('sends a slice whole without its air, then only what changed, and a block gone as air', () => {
    const memory = new SliceMemory();
    const first = memory.changes([
      { x: 0, z: 0, y: 4, kind: 'grass_block' },
      { x: 1, z: 0, y: 3, kind: 'water' },
      { x: 2, z: 0, y: -12, kind: 'air' },
    ]);
    expect(first.map((column) => column.kind)).toEqual(['grass_block', 'water']);
    expect(memory.changes([{ x: 0, z: 0, y: 4, kind: 'grass_block' }, { x: 1, z: 0, y: 3, kind: 'water' }])).toEqual([]);
    expect(memory.changes([
      { x: 0, z: 0, y: 5, kind: 'stone' },
      { x: 1, z: 0, y: -12, kind: 'cave_air' },
      { x: 2, z: 0, y: -12, kind: 'air' },
    ])).toEqual([{ x: 0, z: 0, y: 5, kind: 'stone' }, { x: 1, z: 0, y: -12, kind: 'cave_air' }]);
  });

  it('sends one dungeon_map frame per region, tiles at map coordinates', () => {
    const frames = blockSliceFrames('Alice', [
      { x: 31, z: 0, y: 4, kind: 'grass_block' },
      { x: 32, z: 0, y: 3, kind: 'lava' },
      { x: 33, z: 0, y: -12, kind: 'cave_air' },
    ], 'overworld', context);
    expect(frames).toEqual([
      { ...envelope, type: 'dungeon_map', dimension: 'overworld', landblock: '0x80008000', tiles: [{ x: 31, y: 0, z: 4, kind: 'grass_block' }] },
      {
        ...envelope, type: 'dungeon_map', dimension: 'overworld', landblock: '0x80018000',
        tiles: [{ x: 32, y: 0, z: 3, kind: 'lava' }, { x: 33, y: 0, z: -12, kind: 'air' }],
      },
    ]);
  });
});
