import { describe, expect, it } from 'vitest';
import { DUNGEON_DEPTH, DUNGEON_LEVEL_HEIGHT, altitude, dungeonFloorAt, huntingGrounds, landblockOffset } from './world.js';

const dungeons = huntingGrounds.flatMap((ground) => (ground.dungeon ? [{ ground, dungeon: ground.dungeon }] : []));

describe('dungeon layouts', () => {
  it('lay their entrance under the hunting ground, where its map coordinates fall in the landblock', () => {
    expect(dungeons.length).toBe(10);
    for (const { ground, dungeon } of dungeons) {
      const [entrance] = dungeon.tiles;
      const offset = landblockOffset(dungeon.block, ground.ew, ground.ns);
      expect(entrance?.kind).toBe('portal');
      expect(Math.abs((entrance?.x ?? NaN) - offset.x)).toBeLessThanOrEqual(5);
      expect(Math.abs((entrance?.y ?? NaN) - offset.y)).toBeLessThanOrEqual(5);
      // A character at the entrance stands on its floor.
      expect(dungeonFloorAt(dungeon, ground.ew, ground.ns)).toBe(entrance?.z);
    }
  });

  it('spread over up to three levels 6 m apart, with rotations and environment ids', () => {
    let multiLevel = 0;
    for (const { ground, dungeon } of dungeons) {
      const floor = Math.round((altitude(ground.ew, ground.ns) - DUNGEON_DEPTH) * 100) / 100;
      const levels = new Set(dungeon.tiles.map((tile) => Math.round((tile.z - floor) / DUNGEON_LEVEL_HEIGHT)));
      for (const level of levels) expect([-1, 0, 1]).toContain(level);
      if (levels.size > 1) multiLevel++;
      for (const tile of dungeon.tiles) {
        expect([0, 90, 180, 270]).toContain(tile.rotation);
        expect(tile.environment_id >>> 16).toBe(0x0d00);
        expect(Math.abs(tile.x % 10)).toBe(0);
        expect(Math.abs(tile.y % 10)).toBe(0);
      }
    }
    expect(multiLevel).toBeGreaterThanOrEqual(5);
  });
});
