/** The radar's list: each object with its kind and distance from the character, nearest first. */
import { radarClassOf, type RadarClass } from './radarClasses';
import { distanceMetres, offsetMetres, type MapPoint, type Offset } from './radarGeometry';

/** An object as the radar shows it. */
export interface RadarEntry {
  id: string;
  name: string;
  kind: RadarClass;
  /** The plugin's object class, as sent. */
  objectClass: string | null;
  /** Metres from the character; the plugin's own figure while the character's position is unknown. */
  distance: number | undefined;
  /** Metres east and north of the character; undefined while its position is unknown. */
  offset: Offset | undefined;
}

/** A radar object as the graph serves it. */
export interface RadarSighting {
  id: string;
  name: string | null;
  objectClass: string | null;
  distance: number | null;
  position: MapPoint;
}

/**
 * The objects around `centre` (the character's position), nearest first;
 * ties (and objects of unknown distance, last) by name then id.
 */
export function radarEntries(objects: readonly RadarSighting[], centre: MapPoint | undefined, metresPerUnit?: number): RadarEntry[] {
  const entries = objects.map((object): RadarEntry => ({
    id: object.id,
    name: object.name ?? `#${object.id}`,
    kind: radarClassOf(object.objectClass),
    objectClass: object.objectClass,
    distance: centre ? distanceMetres(centre, object.position, metresPerUnit) : (object.distance ?? undefined),
    offset: centre ? offsetMetres(centre, object.position, metresPerUnit) : undefined,
  }));
  return entries.sort(
    (a, b) =>
      (a.distance ?? Infinity) - (b.distance ?? Infinity) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}

/** How many entries there are of each kind. */
export function countByKind(entries: readonly RadarEntry[]): Map<RadarClass, number> {
  const counts = new Map<RadarClass, number>();
  for (const entry of entries) counts.set(entry.kind, (counts.get(entry.kind) ?? 0) + 1);
  return counts;
}
