/**
 * Dereth's map coordinates as the game writes them, and the landblock grid
 * laid over them. Map latitude is the north-south coordinate and longitude the
 * east-west one (Leaflet `CRS.Simple`: one map unit per coordinate unit at
 * zoom 0).
 */

/** The world runs from -DERETH_EXTENT to +DERETH_EXTENT on both axes. */
export const DERETH_EXTENT = 101.95;

/** The width of one landblock, in coordinate units (192 m of 240 m per unit). */
export const LANDBLOCK_SIZE = 0.8;

/** Landblocks per axis (`0x00`..`0xFF`). */
export const LANDBLOCKS_PER_AXIS = 256;

/** The rectangle the map covers, as Leaflet bounds ([south, west], [north, east]). */
export const DERETH_BOUNDS: [[number, number], [number, number]] = [
  [-DERETH_EXTENT, -DERETH_EXTENT],
  [DERETH_EXTENT, DERETH_EXTENT],
];

/** A landblock's column (`x`, from east-west) and row (`y`, from north-south), 0..255 each. */
export interface Landblock {
  x: number;
  y: number;
}

/** One coordinate with a hemisphere letter: `12.3N`, `4.0W`; halves round away from zero, and -0.04 reads `0.0N`, never `0.0S`. */
function formatAxis(value: number, positive: string, negative: string): string {
  const tenths = Math.round(Math.abs(value) * 10);
  return `${(tenths / 10).toFixed(1)}${value < 0 && tenths > 0 ? negative : positive}`;
}

/** A north-south coordinate alone: `12.3N`, `4.5S`. */
export const formatNorthSouth = (ns: number): string => formatAxis(ns, 'N', 'S');

/** An east-west coordinate alone: `45.6E`, `7.8W`. */
export const formatEastWest = (ew: number): string => formatAxis(ew, 'E', 'W');

/** The game's notation for a place: `12.3N, 45.6E` (south and west are `S` and `W`). */
export function formatCoordinates(ns: number, ew: number): string {
  return `${formatNorthSouth(ns)}, ${formatEastWest(ew)}`;
}

function landblockIndex(coordinate: number): number {
  const index = Math.floor((coordinate + DERETH_EXTENT) / LANDBLOCK_SIZE + 1e-9);
  return Math.min(LANDBLOCKS_PER_AXIS - 1, Math.max(0, index));
}

/** The landblock a place is in; places beyond the edge count in the edge landblock. */
export function landblockOf(ns: number, ew: number): Landblock {
  return { x: landblockIndex(ew), y: landblockIndex(ns) };
}

/** A landblock as the game's hex id of its outdoor cells: `0xA9B4` (x byte, then y byte). */
export function formatLandblock({ x, y }: Landblock): string {
  const hex = (value: number) => value.toString(16).toUpperCase().padStart(2, '0');
  return `0x${hex(x)}${hex(y)}`;
}

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
