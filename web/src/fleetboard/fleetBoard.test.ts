import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from '../components/sort';
import { activitySeries, filterFleet, fleetColumns, fleetFirstDirection, fleetTotals, type FleetRow } from './fleetBoard';

const row = (name: string, online: boolean, kills: number | null, killsPerHour: number | null, lifetimeKills: number | null): FleetRow => ({
  name,
  online,
  sessionCounters: kills === null ? null : { kills, deaths: 1, rares: 0, tapers: 10, killsPerHour },
  counters: lifetimeKills === null ? null : { kills: lifetimeKills, deaths: 3, rares: 1 },
});

describe('the fleet board', () => {
  const rows = [row('Ayla', true, 12, 300.5, 900), row('brom', false, 40, 120, 50), row('Cyr', true, null, null, null)];

  it('filters by a part of the name, ignoring case, and by online', () => {
    expect(filterFleet(rows, { name: ' A ', onlineOnly: false }).map((entry) => entry.name)).toEqual(['Ayla']);
    expect(filterFleet(rows, { name: 'r', onlineOnly: false }).map((entry) => entry.name)).toEqual(['brom', 'Cyr']);
    expect(filterFleet(rows, { name: '', onlineOnly: true }).map((entry) => entry.name)).toEqual(['Ayla', 'Cyr']);
    expect(filterFleet(rows, { name: 'brom', onlineOnly: true })).toEqual([]);
  });

  it('sorts by any column, figures largest first on the first click, unknown values last', () => {
    const first = nextSort({ key: 'name', direction: 'asc' }, 'kills', fleetFirstDirection('kills'));
    expect(first).toEqual({ key: 'kills', direction: 'desc' });
    expect(sortRows(rows, first, fleetColumns).map((entry) => entry.name)).toEqual(['brom', 'Ayla', 'Cyr']);
    expect(sortRows(rows, nextSort(first, 'kills'), fleetColumns).map((entry) => entry.name)).toEqual(['Ayla', 'brom', 'Cyr']);
    expect(sortRows(rows, { key: 'lifetimeKills', direction: 'desc' }, fleetColumns).map((entry) => entry.name)).toEqual(['Ayla', 'brom', 'Cyr']);
    expect(sortRows(rows, { key: 'name', direction: 'desc' }, fleetColumns).map((entry) => entry.name)).toEqual(['Cyr', 'brom', 'Ayla']);
    expect(fleetFirstDirection('name')).toBe('asc');
  });

  it('adds up every column, unknown values as nothing', () => {
    expect(fleetTotals(rows)).toEqual({ kills: 52, deaths: 2, rares: 0, tapers: 20, killsPerHour: 420.5, lifetimeKills: 950, lifetimeDeaths: 6, lifetimeRares: 2 });
    expect(fleetTotals([])).toEqual({ kills: 0, deaths: 0, rares: 0, tapers: 0, killsPerHour: 0, lifetimeKills: 0, lifetimeDeaths: 0, lifetimeRares: 0 });
  });

  it('turns buckets into chart series, times in seconds', () => {
    expect(
      activitySeries([
        { start: '2026-03-01T10:00:00.000Z', kills: 8, deaths: 1, killsPerHour: 8, online: 2 },
        { start: '2026-03-01T11:00:00.000Z', kills: 0, deaths: 0, killsPerHour: 0, online: 0 },
      ]),
    ).toEqual({ times: [1772359200, 1772362800], killsPerHour: [8, 0], deaths: [1, 0], online: [2, 0] });
  });
});
