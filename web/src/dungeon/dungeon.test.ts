import { describe, expect, it } from 'vitest';
import { currentLevel, dungeonLandblockOf, FADED_OPACITY, isInside, landblockOffset, levelsOf, tileBounds, tileOpacity } from './dungeon';

describe('dungeon cells', () => {
  it('tells inside cells (0x0100 and up) from the 64 outdoor ones', () => {
    expect(isInside('0x01D90123')).toBe(true);
    expect(isInside('0xA9B40100')).toBe(true);
    expect(isInside('0xA9B40019')).toBe(false);
    expect(isInside('0xA9B400FF')).toBe(false);
    expect(isInside(null)).toBe(false);
    expect(isInside('not hex')).toBe(false);
  });

  it('names the map of a cell by its landblock', () => {
    expect(dungeonLandblockOf('0x01D90123')).toBe('0x01D90000');
    expect(dungeonLandblockOf('a9b40105')).toBe('0xA9B40000');
  });

  it('places map coordinates in a landblock as the game does', () => {
    // Holtburg, 42.1N 33.6E, lies in landblock 0xA9B4.
    const offset = landblockOffset(0xa9b40019, { ew: 33.6, ns: 42.1 });
    expect(offset.x).toBeCloseTo((1355.5 - 0xa9 * 8) * 24, 6);
    expect(offset.y).toBeCloseTo((1440.5 - 0xb4 * 8) * 24, 6);
    expect(offset.x).toBeGreaterThanOrEqual(0);
    expect(offset.x).toBeLessThan(192);
  });
});

describe('dungeon levels', () => {
  const tiles = [
    { x: 0, y: 0, z: -12 },
    { x: 10, y: 0, z: -6 },
    { x: 20, y: 0, z: -6 },
    { x: 30, y: 0, z: null },
    { x: 30, y: 10, z: 0 },
  ];

  it('are the distinct tile altitudes, lowest first', () => {
    expect(levelsOf(tiles)).toEqual([-12, -6, 0]);
    expect(levelsOf([{ x: 0, y: 0 }])).toEqual([]);
  });

  it('put the character on the level nearest its altitude', () => {
    expect(currentLevel([-12, -6, 0], -7.5)).toBe(-6);
    expect(currentLevel([-12, -6, 0], -10)).toBe(-12);
    expect(currentLevel([-12, -6, 0], 40)).toBe(0);
    expect(currentLevel([], 3)).toBeUndefined();
    expect(currentLevel([-6], null)).toBeUndefined();
  });

  it('fade the other levels and keep the current one and level-less tiles whole', () => {
    expect(tileOpacity(-6, -6)).toBe(1);
    expect(tileOpacity(-12, -6)).toBe(FADED_OPACITY);
    expect(tileOpacity(null, -6)).toBe(1);
    expect(tileOpacity(-12, undefined)).toBe(1);
  });

  it('bound the tiles with a margin', () => {
    expect(tileBounds(tiles, 10)).toEqual({ minX: -15, maxX: 45, minY: -15, maxY: 25 });
  });
});
