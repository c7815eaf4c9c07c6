/**
 * What the bridge tells ingest of a followed player's surroundings: the
 * entities near it as radar objects (`nearby_objects`, as the other game's
 * radar), and a top-down slice of the blocks around it on the path dungeon
 * maps take (`dungeon_map`). Pure: the spectator bot reads the world, these
 * functions say what to send.
 */
import { envelope, mapPosition, type BlockPosition, type FrameContext, type OutgoingFrame } from './frames.js';

/** Side of the square of blocks sent around a followed player. */
export const SLICE_SIDE = 32;

/** Side of the square regions a slice is stored in: one `dungeon_map` "landblock" each. */
export const REGION_SIDE = 32;

/** Farthest from its centre that `scan` may look, in blocks (a 129 × 129 square). */
export const SCAN_RADIUS_MAX = 64;

/** How far around a followed player entities are reported, in blocks. */
export const RADAR_RANGE = 32;

/** Blocks that are nothing to see from above. */
const EMPTY_BLOCKS = new Set(['air', 'cave_air', 'void_air', 'light', 'structure_void', 'barrier']);

/** Whether a block name is empty space on a slice. */
export function isEmptyBlock(name: string): boolean {
  return EMPTY_BLOCKS.has(name);
}

/** An entity the bot sees. */
export interface EntitySighting {
  /** The server's entity id. */
  id: number;
  /** A player's name, else the entity's kind (`zombie`, `item`). */
  name: string;
  /** mineflayer's type: `player`, `hostile`, `animal`, `passive`, `object`, `mob`… */
  type: string;
  position: BlockPosition;
}

/** The entities within `RADAR_RANGE` of `center`, nearest first, as a radar frame of `character`. */
export function nearbyObjectsFrame(character: string, center: BlockPosition, entities: readonly EntitySighting[], context: FrameContext): OutgoingFrame {
  const objects = [];
  for (const entity of entities) {
    const distance = Math.hypot(entity.position.x - center.x, entity.position.y - center.y, entity.position.z - center.z);
    const place = mapPosition(entity.position);
    if (distance > RADAR_RANGE || !place) continue;
    objects.push({ id: entity.id, name: entity.name, object_class: entity.type, ...place, distance: Math.round(distance * 10) / 10 });
  }
  objects.sort((a, b) => a.distance - b.distance || a.id - b.id);
  return { ...envelope('nearby_objects', character, context), objects };
}

/** The top block of one column seen from above: where it is and what it is. */
export interface BlockColumn {
  x: number;
  z: number;
  /** The block's height. */
  y: number;
  /** The block's name (`stone`, `water`, `oak_leaves`); `air` when the column is empty. */
  kind: string;
}

/** The square of columns `radius` blocks around (x, z), as block coordinates; SLICE_SIDE / 2 gives a 32 × 32 slice. */
export function sliceSquare(centerX: number, centerZ: number, radius: number): Array<{ x: number; z: number }> {
  const x0 = Math.floor(centerX) - radius;
  const z0 = Math.floor(centerZ) - radius;
  const side = radius * 2;
  const columns = [];
  for (let dz = 0; dz < side; dz++) for (let dx = 0; dx < side; dx++) columns.push({ x: x0 + dx, z: z0 + dz });
  return columns;
}

/**
 * The region a map position is stored in, as the 8 hex digits of a
 * `dungeon_map` landblock: `0x` and the region's east index then its north
 * index, each + 0x8000 (`0x80007FFF` is ew 0..31, ns -32..-1). The world
 * (server and dimension) the frame names keeps two worlds' regions apart.
 */
export function regionLandblock(ew: number, ns: number): string {
  const hex = (index: number) => (index + 0x8000).toString(16).toUpperCase().padStart(4, '0');
  return `0x${hex(Math.floor(ew / REGION_SIDE))}${hex(Math.floor(ns / REGION_SIDE))}`;
}

/**
 * Remembers what was sent of each column of one world, so that a slice is
 * sent whole the first time (air left out) and then only where it changed
 * (a block that went away is sent as `air`).
 */
export class SliceMemory {
  private readonly sent = new Map<string, string>();

  /** The columns of `seen` that differ from what was sent; remembers them as sent. */
  changes(seen: readonly BlockColumn[]): BlockColumn[] {
    const changed = [];
    for (const column of seen) {
      const key = `${column.x},${column.z}`;
      const value = isEmptyBlock(column.kind) ? 'air' : `${column.kind}@${column.y}`;
      const before = this.sent.get(key);
      if (before === value || (before === undefined && value === 'air')) continue;
      this.sent.set(key, value);
      changed.push(column);
    }
    return changed;
  }
}

/**
 * Columns as `dungeon_map` frames, one per region they fall in: tiles at map
 * coordinates (`x` = ew, `y` = ns, `z` = the block's height, `kind` its
 * name). Ingest merges them into what it holds of the region: a tile of
 * kind `air` removes the one stored there.
 */
export function blockSliceFrames(character: string, columns: readonly BlockColumn[], dimension: string, context: FrameContext): OutgoingFrame[] {
  const regions = new Map<string, Array<{ x: number; y: number; z: number; kind: string }>>();
  for (const column of columns) {
    const place = mapPosition({ x: column.x, y: column.y, z: column.z });
    if (!place) continue;
    const landblock = regionLandblock(place.ew, place.ns);
    let tiles = regions.get(landblock);
    if (!tiles) regions.set(landblock, (tiles = []));
    tiles.push({ x: place.ew, y: place.ns, z: place.z, kind: isEmptyBlock(column.kind) ? 'air' : column.kind });
  }
  return [...regions].map(([landblock, tiles]) => ({ ...envelope('dungeon_map', character, context), dimension, landblock, tiles }));
}
