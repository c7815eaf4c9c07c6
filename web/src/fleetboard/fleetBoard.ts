/**
 * The fleet board's table and chart logic: the columns it sorts by, its
 * filters, the fleet's totals, and the series its charts draw.
 */
import type { ActivityPointFragment, FleetBoardRowFragment } from '../graph/generated/graphql';
import type { SortValue } from '../components/sort';

/** One row of the fleet board. */
export type FleetRow = FleetBoardRowFragment;

/** Columns of the fleet board: session counters, then lifetime ones. */
export type FleetColumn =
  | 'name'
  | 'kills'
  | 'deaths'
  | 'rares'
  | 'tapers'
  | 'killsPerHour'
  | 'lifetimeKills'
  | 'lifetimeDeaths'
  | 'lifetimeRares';

/** How each column reads a row for sorting. */
export const fleetColumns: Record<FleetColumn, (row: FleetRow) => SortValue> = {
  name: (row) => row.name,
  kills: (row) => row.sessionCounters?.kills,
  deaths: (row) => row.sessionCounters?.deaths,
  rares: (row) => row.sessionCounters?.rares,
  tapers: (row) => row.sessionCounters?.tapers,
  killsPerHour: (row) => row.sessionCounters?.killsPerHour,
  lifetimeKills: (row) => row.counters?.kills,
  lifetimeDeaths: (row) => row.counters?.deaths,
  lifetimeRares: (row) => row.counters?.rares,
};

/** Which way a column sorts on its first click: names A to Z, figures largest first. */
export const fleetFirstDirection = (column: FleetColumn): 'asc' | 'desc' => (column === 'name' ? 'asc' : 'desc');

/** What the board's filters hold. */
export interface FleetFilter {
  /** Part of a name, case-insensitive; blank keeps every row. */
  name: string;
  /** Only characters online now. */
  onlineOnly: boolean;
}

/** The rows the filter keeps, in their order. */
export function filterFleet<Row extends Pick<FleetRow, 'name' | 'online'>>(rows: readonly Row[], filter: FleetFilter): Row[] {
  const needle = filter.name.trim().toLowerCase();
  return rows.filter((row) => (!filter.onlineOnly || row.online) && (!needle || row.name.toLowerCase().includes(needle)));
}

/** Each counting column's sum over `rows` (kills per hour too: the fleet's rate); unknown values count as nothing. */
export function fleetTotals(rows: readonly FleetRow[]): Record<Exclude<FleetColumn, 'name'>, number> {
  const totals = { kills: 0, deaths: 0, rares: 0, tapers: 0, killsPerHour: 0, lifetimeKills: 0, lifetimeDeaths: 0, lifetimeRares: 0 };
  for (const row of rows) {
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += Number(fleetColumns[key](row) ?? 0);
  }
  return totals;
}

/** A chart's data: the buckets' starts in seconds (uPlot's x) and one series per figure. */
export interface ActivitySeries {
  times: number[];
  killsPerHour: number[];
  deaths: number[];
  online: number[];
}

/** The series of `buckets`, oldest first as the graph returns them. */
export function activitySeries(buckets: readonly ActivityPointFragment[]): ActivitySeries {
  return {
    times: buckets.map((bucket) => Date.parse(bucket.start) / 1000),
    killsPerHour: buckets.map((bucket) => bucket.killsPerHour),
    deaths: buckets.map((bucket) => bucket.deaths),
    online: buckets.map((bucket) => bucket.online),
  };
}

/** The spans the charts offer, each with the bucket width that keeps them at 12 to 24 points. */
export const CHART_SPANS = [
  { hours: 1, bucketMinutes: 5, label: '1 h' },
  { hours: 6, bucketMinutes: 15, label: '6 h' },
  { hours: 24, bucketMinutes: 60, label: '24 h' },
] as const;
