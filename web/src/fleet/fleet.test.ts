// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { LIVE_WINDOW_MS } from '@lifestone/lib/game/live';
import { useFleetStore, type LivePlayers, type PositionBatch } from './fleet';

const T0 = Date.parse('2024-05-01T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const at = (ns: number, ew: number) => ({ ns, ew, z: 10, heading: 90 });

function batch(tick: number, positions: Array<[name: string, observed: number, ns: number, ew: number]>): PositionBatch {
  return { time: iso(tick), positions: positions.map(([character, observed, ns, ew]) => ({ character, time: iso(observed), position: at(ns, ew) })) };
}

function livePlayer(name: string, state: string | null, lastSeen: number, positionTime: number, ns: number, ew: number, game: LivePlayers[number]['game'] = 'ASHERONS_CALL'): LivePlayers[number] {
  return { name, game, state, lastSeen: iso(lastSeen), positionTime: iso(positionTime), position: at(ns, ew) };
}

describe('the fleet store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('adds and moves characters from position batches, one version per changing batch', () => {
    const fleet = useFleetStore();
    fleet.applyPositions(batch(T0, [['Alpha', T0 - 100, 10, 20], ['Beta', T0 - 100, -5, -6]]), T0);
    expect(fleet.count).toBe(2);
    expect(fleet.version).toBe(1);
    fleet.applyPositions(batch(T0 + 250, [['Alpha', T0 + 150, 10.5, 20]]), T0 + 250);
    expect(fleet.snapshot()).toEqual({ Alpha: { ns: 10.5, ew: 20, state: null }, Beta: { ns: -5, ew: -6, state: null } });
    expect(fleet.characters.get('Alpha')).toMatchObject({ z: 10, heading: 90, lastSeen: T0 + 250, positionTime: T0 + 150 });
    expect(fleet.version).toBe(2);
    fleet.applyPositions(batch(T0 + 500, [['Alpha', T0 + 400, 10.5, 20]]), T0 + 500);
    expect(fleet.version).toBe(2);
  });

  it('takes states from livePlayers and never moves a character back to an older position', () => {
    const fleet = useFleetStore();
    fleet.applyPositions(batch(T0, [['Alpha', T0 - 50, 10, 20]]), T0);
    fleet.applyLivePlayers([livePlayer('Alpha', 'Combat', T0 - 50, T0 - 2000, 1, 2), livePlayer('Gamma', 'Idle', T0 - 1000, T0 - 9000, 30, 40)], T0 + 10);
    expect(fleet.snapshot()).toEqual({ Alpha: { ns: 10, ew: 20, state: 'Combat' }, Gamma: { ns: 30, ew: 40, state: 'Idle' } });
    expect(fleet.count).toBe(2);
  });

  it('converts livePlayers lastSeen to the page clock with the offset learnt from ticks', () => {
    const fleet = useFleetStore();
    const skew = 60_000; // the page's clock runs a minute ahead of the server's
    fleet.applyPositions(batch(T0, [['Alpha', T0, 1, 1]]), T0 + skew);
    fleet.applyLivePlayers([livePlayer('Gamma', 'Idle', T0 - 20_000, T0 - 20_000, 3, 3)], T0 + skew + 100);
    expect(fleet.characters.get('Gamma')?.lastSeen).toBe(T0 + skew - 20_000);
  });

  it('without a tick yet, reads lastSeen relative to the newest one of the answer', () => {
    const fleet = useFleetStore();
    fleet.applyLivePlayers([livePlayer('Alpha', 'Idle', T0, T0, 1, 1), livePlayer('Beta', 'Idle', T0 - 25_000, T0 - 25_000, 2, 2)], T0 + 500_000);
    expect(fleet.characters.get('Alpha')?.lastSeen).toBe(T0 + 500_000);
    expect(fleet.characters.get('Beta')?.lastSeen).toBe(T0 + 475_000);
  });

  it(`drops characters not seen for ${LIVE_WINDOW_MS / 1000} s`, () => {
    const fleet = useFleetStore();
    fleet.applyPositions(batch(T0, [['Alpha', T0, 1, 1], ['Beta', T0, 2, 2]]), T0);
    fleet.applyPositions(batch(T0 + 10_000, [['Beta', T0 + 10_000, 2.5, 2]]), T0 + 10_000);
    const before = fleet.version;
    expect(fleet.dropStale(T0 + LIVE_WINDOW_MS)).toBe(0);
    expect(fleet.dropStale(T0 + LIVE_WINDOW_MS + 1)).toBe(1);
    expect(Object.keys(fleet.snapshot())).toEqual(['Beta']);
    expect(fleet.count).toBe(1);
    expect(fleet.version).toBe(before + 1);
  });

  it('keeps a character that stands still alive through livePlayers', () => {
    const fleet = useFleetStore();
    fleet.applyPositions(batch(T0, [['Alpha', T0, 1, 1]]), T0);
    fleet.applyLivePlayers([livePlayer('Alpha', 'Idle', T0 + 25_000, T0, 1, 1)], T0 + 25_000);
    expect(fleet.dropStale(T0 + 40_000)).toBe(0);
    expect(fleet.dropStale(T0 + 55_001)).toBe(1);
  });

  it("keeps Minecraft characters off Dereth's map, once livePlayers names their game", () => {
    const fleet = useFleetStore();
    fleet.applyPositions(batch(T0, [['Alpha', T0, 1, 1], ['Steve', T0, -40, 120]]), T0);
    expect(fleet.count).toBe(2);
    fleet.applyLivePlayers([livePlayer('Alpha', 'Idle', T0, T0, 1, 1), livePlayer('Steve', null, T0, T0, -40, 120, 'MINECRAFT')], T0 + 10);
    expect(Object.keys(fleet.snapshot())).toEqual(['Alpha']);
    fleet.applyPositions(batch(T0 + 2_000, [['Steve', T0 + 2_000, -41, 120]]), T0 + 2_000);
    expect(Object.keys(fleet.snapshot())).toEqual(['Alpha']);
    expect([fleet.isElsewhere('Steve'), fleet.isElsewhere('Alpha')]).toEqual([true, false]);
  });
});
