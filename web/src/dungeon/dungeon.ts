/**
 * Dungeons as the game numbers them: a landblock cell id is `0xXXYYCCCC`,
 * and cells from `0x0100` up are inside (dungeons, buildings' interiors);
 * below are the 64 outdoor cells. A dungeon's map is stored under its
 * landblock with the cell part zero (`0x01D90000`).
 */
import { DERETH_EXTENT, formatLandblockCell, METRES_PER_UNIT, parseLandblockCell } from '@lifestone/lib/game/coordinates';
import type { MapPoint } from '../radar/radarGeometry';

/** The first cell number of a landblock's interior cells. */
export const FIRST_INSIDE_CELL = 0x0100;

/** Whether the cell id is inside (a dungeon): its low 16 bits are 0x0100 or more. */
export function isInside(landblock: string | null | undefined): boolean {
  const cell = parseLandblockCell(landblock);
  return cell !== undefined && (cell & 0xffff) >= FIRST_INSIDE_CELL;
}

/** The landblock a dungeon map of this cell is stored under: `0xXXYY0000`. */
export function dungeonLandblockOf(landblock: string): string {
  const cell = parseLandblockCell(landblock) ?? 0;
  return formatLandblockCell(cell - (cell & 0xffff));
}

/**
 * Where map coordinates fall in the landblock, in metres from its south-west
 * corner, as the game computes them (192 m landblocks counted from -DERETH_EXTENT):
 * the frame dungeon tiles' `x` and `y` are given in.
 */
export function landblockOffset(landblock: number, point: MapPoint): { x: number; y: number } {
  const blockX = landblock >>> 24;
  const blockY = (landblock >>> 16) & 0xff;
  const cellsPerUnit = METRES_PER_UNIT / 24;
  return { x: ((point.ew + DERETH_EXTENT) * cellsPerUnit - blockX * 8) * 24, y: ((point.ns + DERETH_EXTENT) * cellsPerUnit - blockY * 8) * 24 };
}

/** A tile as the graph serves it. */
export interface Tile {
  x: number;
  y: number;
  kind?: string | null;
  z?: number | null;
  rotation?: number | null;
  environmentId?: number | null;
}

/** The levels of a map: the distinct tile altitudes, lowest first (tiles without `z` form no level). */
export function levelsOf(tiles: readonly Tile[]): number[] {
  const levels = new Set<number>();
  for (const tile of tiles) if (tile.z != null) levels.add(tile.z);
  return [...levels].sort((a, b) => a - b);
}

/** The level the character stands on: the one nearest its altitude; undefined when the map has no levels or the altitude is unknown. */
export function currentLevel(levels: readonly number[], z: number | null | undefined): number | undefined {
  if (z == null || levels.length === 0) return undefined;
  let best = levels[0] as number;
  for (const level of levels) if (Math.abs(level - z) < Math.abs(best - z)) best = level;
  return best;
}

/** How much of a tile shows: the current level (and tiles without a level) fully, other levels faded. */
export const FADED_OPACITY = 0.22;

/** The opacity of a tile at altitude `z` while the character stands on `level`. */
export function tileOpacity(z: number | null | undefined, level: number | undefined): number {
  if (z == null || level === undefined || z === level) return 1;
  return FADED_OPACITY;
}

/** The tiles' extent in metres (each tile a 10 m square around its `x`, `y`), with `margin` metres around. */
export function tileBounds(tiles: readonly Tile[], margin = 10): { minX: number; maxX: number; minY: number; maxY: number } {
  if (tiles.length === 0) return { minX: -margin, maxX: margin, minY: -margin, maxY: margin };
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const { x, y } of tiles) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const half = TILE_METRES / 2 + margin;
  return { minX: minX - half, maxX: maxX + half, minY: minY - half, maxY: maxY + half };
}

/** A dungeon cell's width, in metres. */
export const TILE_METRES = 10;
