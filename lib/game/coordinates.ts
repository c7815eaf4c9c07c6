/**
 * Dereth's map coordinates as the game writes them, the landblock grid laid
 * over them, and landblock cell ids, and Minecraft's block coordinates: facts
 * of the game worlds, the same for the server (what ingest stores, what the
 * graph and the alerts say) and the dashboard (what the map draws). No Node
 * APIs: the dashboard bundles it.
 */

/** The games a character plays, as `Character.game` names them. */
export type Game = 'ASHERONS_CALL' | 'MINECRAFT';

/** The world runs from -DERETH_EXTENT to +DERETH_EXTENT on both axes. */
export const DERETH_EXTENT = 101.95;

/** Metres per map coordinate unit (the game's 240 m). */
export const METRES_PER_UNIT = 240;

/** The width of one landblock, in coordinate units (192 m of 240 m per unit). */
export const LANDBLOCK_SIZE = 0.8;

/** Landblocks per axis (`0x00`..`0xFF`). */
export const LANDBLOCKS_PER_AXIS = 256;

/** One coordinate with a hemisphere letter: `12.3N`, `4.0W`; halves round away from zero, and -0.04 reads `0.0N`, never `0.0S`. */
function formatAxis(value: number, positive: string, negative: string): string {
  const tenths = Math.round(Math.abs(value) * 10);
  return `${(tenths / 10).toFixed(1)}${value < 0 && tenths > 0 ? negative : positive}`;
}

/** A north-south coordinate alone: `12.3N`, `4.5S`. */
export const formatNorthSouth = (ns: number): string => formatAxis(ns, 'N', 'S');

/** An east-west coordinate alone: `45.6E`, `7.8W`. */
export const formatEastWest = (ew: number): string => formatAxis(ew, 'E', 'W');

/** The game's notation for a place: `12.3N, 45.6E` (north-south first; south and west are `S` and `W`). */
export function formatCoordinates(ns: number, ew: number): string {
  return `${formatNorthSouth(ns)}, ${formatEastWest(ew)}`;
}

/** A place on Lifestone's map: east-west, north-south, altitude (for Minecraft: `ew` = x, `ns` = −z, `z` = y). */
export interface MapPlace {
  ew: number;
  ns: number;
  z: number;
}

/** A Minecraft place as the game writes it, in whole blocks: x (east), y (height), z (south): `x 12, y 64, z -30`. */
export function formatBlockCoordinates(place: MapPlace): string {
  return `x ${Math.floor(place.ew)}, y ${Math.floor(place.z)}, z ${-Math.ceil(place.ns) || 0}`;
}

/**
 * A place as the players of `game` write it: `12.3N, 45.6E` in Dereth,
 * `x 12, y 64, z -30` in Minecraft. A character whose game is not known
 * (null) is of the first game, as ingest records it.
 */
export function formatPlace(game: Game | null | undefined, place: MapPlace): string {
  return game === 'MINECRAFT' ? formatBlockCoordinates(place) : formatCoordinates(place.ns, place.ew);
}

/** A landblock's column (`x`, from east-west) and row (`y`, from north-south), 0..255 each. */
export interface Landblock {
  x: number;
  y: number;
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

/** A landblock cell id as text: hex, `0x` optional, 1 to 8 digits. */
export const LANDBLOCK_CELL = /^(?:0[xX])?([0-9A-Fa-f]{1,8})$/;

/** The landblock cell id `text` names (`0xXXYYCCCC`), or undefined when it is not hex. */
export function parseLandblockCell(text: string | null | undefined): number | undefined {
  const hex = LANDBLOCK_CELL.exec(text?.trim() ?? '')?.[1];
  return hex === undefined ? undefined : Number.parseInt(hex, 16);
}

/** A cell id in the form Lifestone stores and serves: `0x` and 8 upper-case hex digits (`0xA9B40019`); a negative id is read as the same 32 bits. */
export function formatLandblockCell(cell: number): string {
  return `0x${(cell >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** `text` as a stored cell id (`"a9b40019"` becomes `"0xA9B40019"`), or undefined when it is not hex. */
export function normalisedLandblockCell(text: string): string | undefined {
  const cell = parseLandblockCell(text);
  return cell === undefined ? undefined : formatLandblockCell(cell);
}
