/**
 * Dungeons as the game numbers them: a landblock cell id is `0xXXYYCCCC`,
 * and cells from `0x0100` up are inside (dungeons, buildings' interiors);
 * below are the 64 outdoor cells. A dungeon's map is stored under its
 * landblock with the cell part zero (`0x01D90000`).
 */
import { METRES_PER_UNIT, type MapPoint } from '../radar/radarGeometry';

/** The first cell number of a landblock's interior cells. */
export const FIRST_INSIDE_CELL = 0x0100;

/** The landblock cell id as a number, or undefined when it is not hex (`0x` optional). */
export function parseLandblock(landblock: string | null | undefined): number | undefined {
  const hex = /^(?:0x)?([0-9a-f]{1,8})$/i.exec(landblock?.trim() ?? '')?.[1];
  return hex === undefined ? undefined : Number.parseInt(hex, 16);
}

/** Whether the cell id is inside (a dungeon): its low 16 bits are 0x0100 or more. */
export function isInside(landblock: string | null | undefined): boolean {
  const cell = parseLandblock(landblock);
  return cell !== undefined && (cell & 0xffff) >= FIRST_INSIDE_CELL;
}

/** The landblock a dungeon map of this cell is stored under: `0xXXYY0000`. */
export function dungeonLandblockOf(landblock: string): string {
  const cell = parseLandblock(landblock) ?? 0;
  return `0x${(cell >>> 16).toString(16).toUpperCase().padStart(4, '0')}0000`;
}

/**
 * Where map coordinates fall in the landblock, in metres from its south-west
 * corner, as the game computes them (192 m landblocks counted from -101.95):
 * the frame dungeon tiles' `x` and `y` are given in.
 */
export function landblockOffset(landblock: number, point: MapPoint): { x: number; y: number } {
  const blockX = landblock >>> 24;
  const blockY = (landblock >>> 16) & 0xff;
  const cellsPerUnit = METRES_PER_UNIT / 24;
  return { x: ((point.ew + 101.95) * cellsPerUnit - blockX * 8) * 24, y: ((point.ns + 101.95) * cellsPerUnit - blockY * 8) * 24 };
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
