import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from '../components/sort';
import { activitySeries, filterFleet, fleetColumns, fleetFirstDirection, fleetTotals, goalCell, withEarnings, type FleetRow } from './fleetBoard';

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
    const none = { xpPerHour: 0, rateKills: 0, rateDeaths: 0, rateRares: 0, rateTapers: 0, valuePerHour: 0, carriedValue: 0 };
    expect(fleetTotals(rows)).toEqual({ kills: 52, deaths: 2, rares: 0, tapers: 20, killsPerHour: 420.5, lifetimeKills: 950, lifetimeDeaths: 6, lifetimeRares: 2, ...none });
    expect(fleetTotals([])).toEqual({ kills: 0, deaths: 0, rares: 0, tapers: 0, killsPerHour: 0, lifetimeKills: 0, lifetimeDeaths: 0, lifetimeRares: 0, ...none });
  });

  it('joins each character’s rates over the window, sums them, and shows its goal nearest to done', () => {
    const rates = (xpPerHour: number | null, valuePerHour: number) => ({ xpPerHour, killsPerHour: 60, deathsPerHour: 0.5, raresPerHour: 0.25, tapersPerHour: 3, valuePerHour });
    const goal = (id: string, description: string, fraction: number, reachedAt: string | null = null) => ({ id, description, fraction, estimatedAt: null, reachable: false, reachedAt });
    const joined = withEarnings(rows, [
      { name: 'Ayla', carriedValue: 12_000, rates: rates(1_000_000, 500), goals: [goal('1', 'level 200', 0.25), goal('2', '3 rares', 0.5), goal('3', 'level 150', 1, '2026-03-01T10:00:00.000Z')] },
      { name: 'brom', carriedValue: null, rates: rates(null, -100), goals: [] },
    ]);
    expect(joined.map((entry) => fleetColumns.xpPerHour(entry))).toEqual([1_000_000, null, undefined]);
    const totals = fleetTotals(joined);
    expect([totals.xpPerHour, totals.rateKills, totals.valuePerHour, totals.carriedValue, totals.rateTapers]).toEqual([1_000_000, 120, 400, 12_000, 6]);
    expect(joined.map(goalCell)).toEqual(['3 rares · 50 % · not at this rate', '', '']);
    expect(sortRows(joined, { key: 'goal', direction: 'desc' }, fleetColumns).map((entry) => entry.name)).toEqual(['Ayla', 'brom', 'Cyr']);
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
