import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FELLOWSHIP_WINDOW_MS } from '../resolvers/index.js';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const larsson = 'Sir Larsson';
const mira = 'Mira.Dawn';
const bael = 'Bael Stormrider';
const tova = 'Tova';

const fellowshipsQuery = `{
  fellowships { name members { character { name position { ew ns } } vitals { healthPct staminaPct manaPct vitaePct } time } }
}`;

describe('the radar, dungeon and fellowship windows', () => {
  let harness: TelemetryHarness;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('fellowships lists each group once with the last vitals each member shared, by name', async () => {
    await harness.send(
      { type: 'telemetry', character_name: larsson, timestamp: '2026-03-01T10:00:00.000Z', ew: 33.5, ns: 42.1, z: 60 },
      { type: 'share_vitals', character_name: larsson, timestamp: '2026-03-01T10:00:01.000Z', group: 'Iron Wolves', health_pct: 90, stamina_pct: 80, mana_pct: 70 },
      { type: 'share_vitals', character_name: mira, timestamp: '2026-03-01T10:00:01.000Z', group: 'Iron Wolves', health_pct: 50, stamina_pct: 40, mana_pct: 30, vitae_pct: 5 },
      // Larsson's later report replaces the first; Bael moved from one group to another and counts in the last only.
      { type: 'share_vitals', character_name: larsson, timestamp: '2026-03-01T10:00:11.000Z', group: 'Iron Wolves', health_pct: 75.5, stamina_pct: 81, mana_pct: 72 },
      { type: 'share_vitals', character_name: bael, timestamp: '2026-03-01T10:00:02.000Z', group: 'Iron Wolves', health_pct: 10, stamina_pct: 10, mana_pct: 10 },
      { type: 'share_vitals', character_name: bael, timestamp: '2026-03-01T10:00:12.000Z', group: 'Ash Hounds', health_pct: 100, stamina_pct: 99, mana_pct: 98 },
      // Plain vitals belong to no fellowship.
      { type: 'vitals', character_name: tova, timestamp: '2026-03-01T10:00:03.000Z', health_pct: 1, stamina_pct: 2, mana_pct: 3 },
    );

    expect(await harness.query(fellowshipsQuery)).toEqual({
      fellowships: [
        {
          name: 'Ash Hounds',
          members: [{ character: { name: bael, position: null }, vitals: { healthPct: 100, staminaPct: 99, manaPct: 98, vitaePct: 0 }, time: '2026-03-01T10:00:12.000Z' }],
        },
        {
          name: 'Iron Wolves',
          members: [
            { character: { name: mira, position: null }, vitals: { healthPct: 50, staminaPct: 40, manaPct: 30, vitaePct: 5 }, time: '2026-03-01T10:00:01.000Z' },
            { character: { name: larsson, position: { ew: 33.5, ns: 42.1 } }, vitals: { healthPct: 75.5, staminaPct: 81, manaPct: 72, vitaePct: 0 }, time: '2026-03-01T10:00:11.000Z' },
          ],
        },
      ],
    });

    // Past the window (by receive time), nobody shares any more.
    const later = new Date(Date.now() + FELLOWSHIP_WINDOW_MS + 60_000);
    expect(await harness.query(fellowshipsQuery, {}, { now: () => later })).toEqual({ fellowships: [] });
  });

  it('nearbyObjectsTime is when the radar last reported, null before it ever did', async () => {
    const query = 'query ($name: String!) { character(name: $name) { nearbyObjectsTime nearbyObjects { name objectClass } } }';
    expect(await harness.query(query, { name: tova })).toEqual({ character: { nearbyObjectsTime: null, nearbyObjects: [] } });
    await harness.send(
      {
        type: 'nearby_objects',
        character_name: tova,
        timestamp: '2026-03-01T10:05:00.000Z',
        objects: [{ id: 7, name: 'Drudge Skulker', object_class: 'Monster', ew: 1, ns: 2, z: 3, distance: 12 }],
      },
      {
        type: 'nearby_objects',
        character_name: tova,
        timestamp: '2026-03-01T10:05:30.000Z',
        objects: [{ id: 8, name: 'Town Crier', object_class: 'Npc', ew: 1, ns: 2, z: 3 }],
      },
    );
    expect(await harness.query(query, { name: tova })).toEqual({
      character: { nearbyObjectsTime: '2026-03-01T10:05:30.000Z', nearbyObjects: [{ name: 'Town Crier', objectClass: 'Npc' }] },
    });
  });

  it('dungeonMap serves the level, rotation and environment of each tile, null where not sent', async () => {
    await harness.send({
      type: 'dungeon_map',
      character_name: mira,
      timestamp: '2026-03-01T13:00:00.000Z',
      landblock: '0x01D90000',
      tiles: [
        { x: 10, y: 20, kind: 'room', z: '-12', rotation: 90, environment_id: 218104603 },
        { x: 20, y: 20, kind: 'stairs', z: -6, rotation: 270.5, environment_id: '218104604' },
        { x: 30, y: 20 },
      ],
    });
    expect(await harness.query('{ dungeonMap(landblock: "0x01D90000") { tiles { x y kind z rotation environmentId } } }')).toEqual({
      dungeonMap: {
        tiles: [
          { x: 10, y: 20, kind: 'room', z: -12, rotation: 90, environmentId: 218104603 },
          { x: 20, y: 20, kind: 'stairs', z: -6, rotation: 270.5, environmentId: 218104604 },
          { x: 30, y: 20, kind: null, z: null, rotation: null, environmentId: null },
        ],
      },
    });
  });
});
