import { describe, expect, it } from 'vitest';
import { RADAR_QUIET_MS, radarQuiet } from './live';
import { countByKind, radarEntries } from './radar';

const objects = [
  { id: '3', name: 'Drudge Ravener', objectClass: 'Monster', distance: 99, position: { ew: 10.1, ns: 20 } },
  { id: '1', name: 'Town Crier', objectClass: 'Npc', distance: 1, position: { ew: 10, ns: 20.05 } },
  { id: '2', name: null, objectClass: 'Lifestone', distance: null, position: { ew: 9.99, ns: 20 } },
];

describe('radarEntries', () => {
  it('lists the objects nearest first, in metres from the character', () => {
    const entries = radarEntries(objects, { ew: 10, ns: 20 });
    expect(entries.map((entry) => [entry.name, entry.kind, Number(entry.distance?.toFixed(3))])).toEqual([
      ['#2', 'other', 2.4],
      ['Town Crier', 'npc', 12],
      ['Drudge Ravener', 'monster', 24],
    ]);
    expect(entries[2]?.offset?.east).toBeCloseTo(24, 9);
  });

  it("falls back on the plugin's distances while the character's position is unknown", () => {
    const entries = radarEntries(objects, undefined);
    expect(entries.map((entry) => [entry.id, entry.distance, entry.offset])).toEqual([
      ['1', 1, undefined],
      ['3', 99, undefined],
      ['2', undefined, undefined],
    ]);
    expect([...countByKind(entries)]).toEqual([['npc', 1], ['monster', 1], ['other', 1]]);
  });
});

describe('radarQuiet', () => {
  it('is quiet when no sweep came or the last is older than a minute', () => {
    expect(radarQuiet(undefined, 1_000_000)).toBe(true);
    expect(radarQuiet(1_000_000 - RADAR_QUIET_MS, 1_000_000)).toBe(false);
    expect(radarQuiet(1_000_000 - RADAR_QUIET_MS - 1, 1_000_000)).toBe(true);
  });
});
