/**
 * The Players window's table logic: the columns it sorts by and its search.
 */
import type { LivePlayersQuery } from '../graph/generated/graphql';
import type { SortValue } from '../components/sort';

/** One row of the Players table (live players and all characters have the same fields). */
export type PlayerRow = LivePlayersQuery['livePlayers'][number];

/** Columns of the Players table. */
export type PlayerColumn = 'name' | 'level' | 'state' | 'killsPerHour' | 'health' | 'lastSeen';

/** How each column reads a row for sorting (last seen as a time, so newest is largest). */
export const playerColumns: Record<PlayerColumn, (row: PlayerRow) => SortValue> = {
  name: (row) => row.name,
  level: (row) => row.stats?.level,
  state: (row) => row.state,
  killsPerHour: (row) => row.sessionCounters?.killsPerHour,
  health: (row) => row.vitals?.healthPct,
  lastSeen: (row) => (row.lastSeen ? Date.parse(row.lastSeen) : null),
};

/** The rows whose name or state contains `search` (case-insensitive, surrounding spaces ignored); all rows for a blank search. */
export function searchPlayers<Row extends Pick<PlayerRow, 'name' | 'state'>>(rows: readonly Row[], search: string): Row[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return [...rows];
  return rows.filter((row) => row.name.toLowerCase().includes(needle) || row.state?.toLowerCase().includes(needle));
}

/** The CSS colour variable of an automation state (the map uses the same ones). */
export function stateColor(state: string | null | undefined): string {
  switch (state?.toLowerCase()) {
    case 'combat':
      return 'var(--state-combat)';
    case 'navigating':
      return 'var(--state-navigating)';
    case 'idle':
      return 'var(--state-idle)';
    case 'dead':
      return 'var(--state-dead)';
    default:
      return 'var(--state-other)';
  }
}
