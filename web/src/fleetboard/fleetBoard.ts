/**
 * The fleet board's table and chart logic: the columns it sorts by, its
 * filters, the fleet's totals, and the series its charts draw.
 */
import type { ActivityPointFragment, FleetBoardRowFragment, FleetEarningRowFragment } from '../graph/generated/graphql';
import type { SortValue } from '../components/sort';
import { formatNumber } from '../components/format';
import { goalEstimate } from '../earnings/earnings';

/** One row of the fleet board: its counters, and its rates over the window picked when it reported in it. */
export type FleetRow = FleetBoardRowFragment & { earnings?: FleetEarningRowFragment };

/** The rows with their rates, by name. */
export function withEarnings(rows: readonly FleetBoardRowFragment[], earnings: readonly FleetEarningRowFragment[]): FleetRow[] {
  const byName = new Map(earnings.map((row) => [row.name, row]));
  return rows.map((row) => ({ ...row, earnings: byName.get(row.name) }));
}

/** The open goal nearest to done, or the latest reached; undefined without goals. */
export function headlineGoal(row: FleetRow): FleetEarningRowFragment['goals'][number] | undefined {
  const goals = row.earnings?.goals ?? [];
  const open = goals.filter((goal) => !goal.reachedAt).sort((a, b) => b.fraction - a.fraction);
  return open[0] ?? goals[0];
}

/** The goal column's text: `level 200 · 40 % · 12/31/2026, 10:00 PM`, or empty without goals. */
export function goalCell(row: FleetRow): string {
  const goal = headlineGoal(row);
  return goal ? `${goal.description} · ${formatNumber(goal.fraction * 100)} % · ${goalEstimate(goal)}` : '';
}

/** Columns of the fleet board: session counters, lifetime ones, then rates over the window picked. */
export type FleetColumn =
  | 'name'
  | 'kills'
  | 'deaths'
  | 'rares'
  | 'tapers'
  | 'killsPerHour'
  | 'lifetimeKills'
  | 'lifetimeDeaths'
  | 'lifetimeRares'
  | 'xpPerHour'
  | 'rateKills'
  | 'rateDeaths'
  | 'rateRares'
  | 'rateTapers'
  | 'valuePerHour'
  | 'carriedValue'
  | 'goal';

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
  xpPerHour: (row) => row.earnings?.rates.xpPerHour,
  rateKills: (row) => row.earnings?.rates.killsPerHour,
  rateDeaths: (row) => row.earnings?.rates.deathsPerHour,
  rateRares: (row) => row.earnings?.rates.raresPerHour,
  rateTapers: (row) => row.earnings?.rates.tapersPerHour,
  valuePerHour: (row) => row.earnings?.rates.valuePerHour,
  carriedValue: (row) => row.earnings?.carriedValue,
  goal: (row) => headlineGoal(row)?.fraction,
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

/** Each counting column's sum over `rows` (rates too: the fleet's rate is the sum of its characters'); unknown values count as nothing. */
export function fleetTotals(rows: readonly FleetRow[]): Record<Exclude<FleetColumn, 'name' | 'goal'>, number> {
  const totals = {
    kills: 0, deaths: 0, rares: 0, tapers: 0, killsPerHour: 0, lifetimeKills: 0, lifetimeDeaths: 0, lifetimeRares: 0,
    xpPerHour: 0, rateKills: 0, rateDeaths: 0, rateRares: 0, rateTapers: 0, valuePerHour: 0, carriedValue: 0,
  };
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
