import { describe, expect, it } from 'vitest';
import { ALERT_TYPES, alertMatches, alertQueryFilter, compareIds, isToastWorthy, mergeAlerts, pickAlertType } from './alertList';
import { alertItem, commonRare } from './test-support';

const ids = (list: readonly { id: string }[]) => list.map((alert) => alert.id);

describe('alert lists', () => {
  it('orders ids as the integers they are, past what a double holds', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareIds('42', '42')).toBe(0);
  });

  it('merges newest first, each id once, and hands back the same list when nothing is new', () => {
    const list = mergeAlerts([], [alertItem(3, 'DEATH'), alertItem(1, 'IDLE')]);
    expect(ids(list)).toEqual(['3', '1']);
    const merged = mergeAlerts(list, [alertItem(2, 'RARE'), alertItem(3, 'DEATH'), alertItem(10, 'VORTEX'), alertItem(2, 'RARE')]);
    expect(ids(merged)).toEqual(['10', '3', '2', '1']);
    expect(mergeAlerts(merged, [alertItem(3, 'DEATH'), alertItem(10, 'VORTEX')])).toBe(merged);
  });

  it('keeps the newest when over the limit', () => {
    expect(ids(mergeAlerts([alertItem(1, 'DEATH'), alertItem(2, 'DEATH')], [alertItem(3, 'DEATH')], 2))).toEqual(['3', '2']);
  });

  it('filters by type and character, and asks the graph only for what the filter narrows', () => {
    const all = { types: new Set(ALERT_TYPES), character: undefined };
    const deathsOfCadna = { types: new Set(['DEATH'] as const), character: 'Cadna' };
    expect(alertMatches(alertItem(1, 'DEATH', 'Cadna'), deathsOfCadna)).toBe(true);
    expect(alertMatches(alertItem(2, 'DEATH', 'Vexor'), deathsOfCadna)).toBe(false);
    expect(alertMatches(alertItem(3, 'RARE', 'Cadna'), deathsOfCadna)).toBe(false);
    expect(alertMatches(alertItem(3, 'RARE', 'Cadna'), all)).toBe(true);
    expect(alertQueryFilter(all)).toEqual({ types: null, characters: null });
    expect(alertQueryFilter(deathsOfCadna)).toEqual({ types: ['DEATH'], characters: ['Cadna'] });
    expect(alertQueryFilter({ types: new Set(['VORTEX', 'DEATH'] as const), character: undefined })).toEqual({ types: ['DEATH', 'VORTEX'], characters: null });
    expect(alertQueryFilter({ types: new Set(), character: 'Cadna' })).toBeUndefined();
  });

  it('toasts deaths and great rares only', () => {
    expect(isToastWorthy(alertItem(1, 'DEATH'))).toBe(true);
    expect(isToastWorthy(alertItem(2, 'RARE'))).toBe(true);
    expect(isToastWorthy(commonRare(3))).toBe(false);
    for (const type of ['IDLE', 'IDLE_ENDED', 'VORTEX', 'OFFLINE'] as const) expect(isToastWorthy(alertItem(4, type))).toBe(false);
  });
});

describe('pickAlertType', () => {
  it('picks only the type clicked from every type, then adds and removes types, and goes back to every type when none is left', () => {
    const all = new Set(ALERT_TYPES);
    const deaths = pickAlertType(all, 'DEATH');
    expect([...deaths]).toEqual(['DEATH']);
    const deathsAndRares = pickAlertType(deaths, 'RARE');
    expect([...deathsAndRares]).toEqual(['DEATH', 'RARE']);
    expect([...pickAlertType(deathsAndRares, 'DEATH')]).toEqual(['RARE']);
    expect([...pickAlertType(deaths, 'DEATH')]).toEqual([...ALERT_TYPES]);
  });
});
