/** Which way and how far one character is from another, as a compass reads it. */
import { offsetMetres, type MapPoint } from '../radar/radarGeometry';

/** The compass bearing from `from` to `to`, in degrees clockwise from north (0 to 360); undefined when they are at the same spot. */
export function bearingDegrees(from: MapPoint, to: MapPoint): number | undefined {
  const { east, north } = offsetMetres(from, to);
  if (east === 0 && north === 0) return undefined;
  const degrees = (Math.atan2(east, north) * 180) / Math.PI;
  return (degrees + 360) % 360;
}

const POINTS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;

/** The nearest of the eight compass points of a bearing in degrees: 0 → `N`, 100 → `E`, 350 → `N`. */
export function compassPoint(degrees: number): (typeof POINTS)[number] {
  const index = Math.round((((degrees % 360) + 360) % 360) / 45) % 8;
  return POINTS[index] as (typeof POINTS)[number];
}
