/** The telemetry resolvers' argument checks: each refusal is BAD_USER_INPUT naming the argument. */
import { GraphErrorCode, graphError } from '@lifestone/lib/graph';
import { normalisedLandblockCell } from '@lifestone/lib/game/coordinates';
import type { MapRegion } from '../generated/resolvers.js';

/** An integer argument within [min, max], or BAD_USER_INPUT naming the argument. */
export function boundedInt(name: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < min || chosen > max) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${name} must be an integer from ${min} to ${max}; got ${chosen}.`, { argument: name });
  }
  return chosen;
}

/** A list argument: null means "no filter", an empty list is refused (it could never match). */
export function filterList<T>(name: string, values: readonly T[] | null | undefined): readonly T[] | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `${name} is empty, so nothing could match: omit it to receive every one.`, { argument: name });
  }
  return values;
}

/** A `MapRegion` argument, checked: finite numbers, each side at least its opposite. */
export function mapRegion(region: MapRegion | null | undefined): MapRegion | null {
  if (!region) return null;
  for (const [side, value] of Object.entries(region)) {
    if (!Number.isFinite(value)) throw graphError(GraphErrorCode.BAD_USER_INPUT, `region.${side} must be a finite number.`, { argument: `region.${side}` });
  }
  if (region.east < region.west) throw graphError(GraphErrorCode.BAD_USER_INPUT, `region.east (${region.east}) is west of region.west (${region.west}): swap them.`, { argument: 'region.east' });
  if (region.north < region.south) throw graphError(GraphErrorCode.BAD_USER_INPUT, `region.north (${region.north}) is south of region.south (${region.south}): swap them.`, { argument: 'region.north' });
  return { west: region.west, east: region.east, south: region.south, north: region.north };
}

/** A landblock in the stored form, `0x` and 8 upper-case hex digits, as ingest normalises it. */
export function normalisedLandblock(value: string): string {
  const cell = normalisedLandblockCell(value);
  if (cell === undefined) {
    throw graphError(GraphErrorCode.BAD_USER_INPUT, `landblock must be hex such as "0xA9B40019"; got ${JSON.stringify(value)}.`, { argument: 'landblock' });
  }
  return cell;
}
