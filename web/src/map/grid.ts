/**
 * The landblock grid as the map draws it. Map latitude is the north-south
 * coordinate and longitude the east-west one (Leaflet `CRS.Simple`: one map
 * unit per coordinate unit at zoom 0). The game's own facts (the world's
 * extent, landblocks, the coordinates' notation) are `lib/game/coordinates.ts`,
 * which the server shares.
 */
import { DERETH_EXTENT, LANDBLOCK_SIZE, LANDBLOCKS_PER_AXIS } from '@lifestone/lib/game/coordinates';

/** The rectangle the map covers, as Leaflet bounds ([south, west], [north, east]). */
export const DERETH_BOUNDS: [[number, number], [number, number]] = [
  [-DERETH_EXTENT, -DERETH_EXTENT],
  [DERETH_EXTENT, DERETH_EXTENT],
];

/** The coordinate of a landblock boundary, rounded to the hundredth the grid is defined in. */
function boundary(index: number): number {
  return Math.round((index * LANDBLOCK_SIZE - DERETH_EXTENT) * 100) / 100;
}

/**
 * The landblock boundaries between `from` and `to` (inclusive, either order),
 * every `every` landblocks counted from the world's south-west corner, inside
 * the world only: where the map draws its grid lines along one axis.
 * @default every 1
 */
export function gridLines(from: number, to: number, every = 1): number[] {
  const low = Math.max(Math.min(from, to), -DERETH_EXTENT);
  const high = Math.min(Math.max(from, to), DERETH_EXTENT);
  const lines: number[] = [];
  const step = Math.max(1, Math.round(every));
  for (let index = Math.ceil((low + DERETH_EXTENT) / LANDBLOCK_SIZE / step - 1e-9) * step; boundary(index) <= high; index += step) lines.push(boundary(index));
  return lines;
}

/**
 * How many landblocks apart grid lines should be so that neighbours stay at
 * least `minPixels` apart when one coordinate unit spans `pixelsPerUnit`
 * pixels: 1, 2, 4, 8 ... 256.
 * @default minPixels 12
 */
export function gridSpacing(pixelsPerUnit: number, minPixels = 12): number {
  let every = 1;
  while (every < LANDBLOCKS_PER_AXIS && every * LANDBLOCK_SIZE * pixelsPerUnit < minPixels) every *= 2;
  return every;
}
