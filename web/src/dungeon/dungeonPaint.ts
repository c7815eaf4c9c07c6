/**
 * Paints a dungeon map: its tiles (10 m cells, north up), the current level
 * whole and the others faded, the character and its radar's objects on top.
 */
import { RADAR_CLASS_COLOURS, type RadarClass } from '../radar/radarClasses';
import { TILE_METRES, tileBounds, tileOpacity, type Tile } from './dungeon';

/** Tile colours by kind; any other kind gets `other`. */
const TILE_COLOURS: Readonly<Record<string, string>> = {
  room: '#3d5066',
  corridor: '#2c3b4b',
  stairs: '#b8922a',
  door: '#a8784a',
  portal: '#8a63c9',
  other: '#3a4553',
};

/** A point on the map, in metres in the landblock. */
export interface MapMark {
  x: number;
  y: number;
}

/** What was painted: tiles of the current level (or without a level) and of the others, and radar objects. */
export interface DungeonPaint {
  emphasised: number;
  faded: number;
  objects: number;
}

/** Paints `tiles` into a `width` × `height` canvas; `level` is the current level's altitude. */
export function paintDungeon(
  context: CanvasRenderingContext2D,
  width: number,
  height: number,
  tiles: readonly Tile[],
  level: number | undefined,
  character: (MapMark & { heading: number | null | undefined }) | undefined,
  objects: readonly (MapMark & { kind: RadarClass })[],
): DungeonPaint {
  const bounds = tileBounds(character ? [...tiles, { x: character.x, y: character.y }] : tiles, 6);
  const scale = Math.min(width / (bounds.maxX - bounds.minX), height / (bounds.maxY - bounds.minY));
  const left = (width - (bounds.maxX - bounds.minX) * scale) / 2;
  const top = (height - (bounds.maxY - bounds.minY) * scale) / 2;
  const px = (x: number) => left + (x - bounds.minX) * scale;
  const py = (y: number) => top + (bounds.maxY - y) * scale;
  const side = TILE_METRES * scale;

  const result: DungeonPaint = { emphasised: 0, faded: 0, objects: objects.length };
  // Faded levels first, so that the current level lies on top where they overlap.
  const ordered = [...tiles].sort((a, b) => tileOpacity(b.z, level) - tileOpacity(a.z, level));
  for (const tile of ordered) {
    const opacity = tileOpacity(tile.z, level);
    if (opacity === 1) result.emphasised += 1;
    else result.faded += 1;
    const x = px(tile.x) - side / 2;
    const y = py(tile.y) - side / 2;
    context.globalAlpha = opacity;
    context.fillStyle = TILE_COLOURS[tile.kind ?? 'other'] ?? (TILE_COLOURS.other as string);
    context.fillRect(x, y, side, side);
    context.strokeStyle = opacity === 1 ? 'rgb(230 237 243 / 45%)' : 'rgb(139 148 158 / 40%)';
    context.lineWidth = 1;
    context.strokeRect(x + 0.5, y + 0.5, side - 1, side - 1);
    if (tile.rotation != null && side >= 14) {
      // The cell's facing: a tick from its centre.
      const angle = (tile.rotation * Math.PI) / 180;
      context.beginPath();
      context.moveTo(px(tile.x), py(tile.y));
      context.lineTo(px(tile.x) + Math.sin(angle) * side * 0.35, py(tile.y) - Math.cos(angle) * side * 0.35);
      context.stroke();
    }
  }
  context.globalAlpha = 1;

  for (const object of objects) {
    context.fillStyle = RADAR_CLASS_COLOURS[object.kind];
    context.beginPath();
    context.arc(px(object.x), py(object.y), 3, 0, 2 * Math.PI);
    context.fill();
  }

  if (character) {
    const cx = px(character.x);
    const cy = py(character.y);
    context.fillStyle = '#ffffff';
    context.strokeStyle = '#0d1117';
    context.lineWidth = 1.5;
    context.beginPath();
    if (character.heading == null) {
      context.arc(cx, cy, 5, 0, 2 * Math.PI);
    } else {
      const angle = (character.heading * Math.PI) / 180;
      const point = (length: number, turn: number) => [cx + Math.sin(angle + turn) * length, cy - Math.cos(angle + turn) * length] as const;
      context.moveTo(...point(10, 0));
      context.lineTo(...point(7, 2.5));
      context.lineTo(...point(2, Math.PI));
      context.lineTo(...point(7, -2.5));
      context.closePath();
    }
    context.fill();
    context.stroke();
  }
  return result;
}
