/**
 * Dereth's towns, outposts and landmarks with their map coordinates, as the
 * game writes them (`ns` north positive, `ew` east positive, about -102..102):
 * facts of the game world, shared by the dashboard's map and the simulator.
 * The data is `dereth-places.json`; this module types it.
 */
import places from './dereth-places.json' with { type: 'json' };

/** What a place is: a town (with a lifestone), an outpost, or a landmark. */
export type PlaceKind = 'town' | 'outpost' | 'landmark';

/** One named place of Dereth. */
export interface DerethPlace {
  name: string;
  kind: PlaceKind;
  ns: number;
  ew: number;
}

/** Every place, towns first. */
export const DERETH_PLACES: readonly DerethPlace[] = places as DerethPlace[];

/** The place named `name` (exactly as the game spells it); throws when there is none, since names here are constants. */
export function derethPlace(name: string): DerethPlace {
  const place = DERETH_PLACES.find((known) => known.name === name);
  if (!place) throw new Error(`Dereth has no place named ${JSON.stringify(name)} in lib/game/dereth-places.json`);
  return place;
}

/** The place nearest to a position within `withinUnits` map units (straight line), if any. @default withinUnits 3 */
export function nearestPlace(ns: number, ew: number, withinUnits = 3): DerethPlace | undefined {
  let nearest: DerethPlace | undefined;
  let best = withinUnits;
  for (const place of DERETH_PLACES) {
    const distance = Math.hypot(place.ns - ns, place.ew - ew);
    if (distance <= best) {
      best = distance;
      nearest = place;
    }
  }
  return nearest;
}
