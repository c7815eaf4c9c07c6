/**
 * Where radar objects sit around the character: offsets in metres from map
 * coordinates, the radar's range and rings, and where a point lands on the
 * canvas (north up).
 */
import { METRES_PER_UNIT } from '@lifestone/lib/game/coordinates';

/** A place in map coordinates. */
export interface MapPoint {
  ew: number;
  ns: number;
}

/** An offset in metres: east and north positive. */
export interface Offset {
  east: number;
  north: number;
}

/** Metres per map unit in Minecraft, whose map units are blocks of a metre. */
export const MINECRAFT_METRES_PER_UNIT = 1;

/** How far `point` lies from `centre`, in metres east and north (`metresPerUnit`: Dereth's 240 unless said). */
export function offsetMetres(centre: MapPoint, point: MapPoint, metresPerUnit = METRES_PER_UNIT): Offset {
  return { east: (point.ew - centre.ew) * metresPerUnit, north: (point.ns - centre.ns) * metresPerUnit };
}

/** The straight distance from `centre` to `point`, in metres. */
export function distanceMetres(centre: MapPoint, point: MapPoint, metresPerUnit = METRES_PER_UNIT): number {
  const { east, north } = offsetMetres(centre, point, metresPerUnit);
  return Math.hypot(east, north);
}

/** The radar's possible ranges, in metres: the outer ring is the smallest that holds every object shown; each splits into round rings. */
export const RADAR_RANGES = [10, 20, 40, 60, 80, 100, 200, 400, 600, 800, 1000, 2000, 4000] as const;
const MAX_RANGE = 4000;

/** The range (outer ring, metres) that holds an object `farthest` metres away with a little margin; at least 10 m. */
export function radarRange(farthest: number): number {
  const wanted = farthest * 1.05;
  return RADAR_RANGES.find((range) => range >= wanted) ?? MAX_RANGE;
}

/** How many distance rings the radar draws inside its range (the outer one included). */
export const RADAR_RINGS = 4;

/** The rings' radii in metres, innermost first. */
export function ringRadii(range: number): number[] {
  return Array.from({ length: RADAR_RINGS }, (_, index) => (range * (index + 1)) / RADAR_RINGS);
}

/** The canvas: its centre and the radius of the outer ring, in CSS pixels. */
export interface RadarFrame {
  cx: number;
  cy: number;
  radius: number;
  /** Metres at the outer ring. */
  range: number;
}

/** Where an offset lands on the canvas: east to the right, north up; beyond the range it is clamped to the rim. */
export function toCanvas(offset: Offset, frame: RadarFrame): { x: number; y: number; clamped: boolean } {
  const scale = frame.radius / frame.range;
  let x = offset.east * scale;
  let y = -offset.north * scale;
  const length = Math.hypot(x, y);
  const clamped = length > frame.radius;
  if (clamped) {
    x = (x / length) * frame.radius;
    y = (y / length) * frame.radius;
  }
  return { x: frame.cx + x, y: frame.cy + y, clamped };
}

/** The index of the point nearest to (x, y) within `reach` pixels, or -1. */
export function nearestPoint(points: readonly { x: number; y: number }[], x: number, y: number, reach: number): number {
  let best = -1;
  let bestDistance = reach;
  points.forEach((point, index) => {
    const distance = Math.hypot(point.x - x, point.y - y);
    if (distance <= bestDistance) {
      best = index;
      bestDistance = distance;
    }
  });
  return best;
}

/** A distance as a person reads it: `8.5 m`, `120 m`, `1.2 km`. */
export function formatMetres(metres: number): string {
  if (metres < 10) return `${metres.toFixed(1)} m`;
  if (metres < 1000) return `${Math.round(metres)} m`;
  return `${(metres / 1000).toFixed(1)} km`;
}
