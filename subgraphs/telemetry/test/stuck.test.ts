import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const START = Date.parse('2026-03-01T10:00:00.000Z');
const STEP_MS = 30_000;

interface Walk {
  /** Reports, one every 30 s from START (a plugin sends one every 2 s; the window needs no more). */
  reports: number;
  state: (i: number) => string;
  ew: (i: number) => number;
  kills: (i: number) => number;
}

/** The telemetry a character's plugin sends over its walk. */
function reports(name: string, walk: Walk): object[] {
  return Array.from({ length: walk.reports }, (_, i) => ({
    type: 'telemetry',
    character_name: name,
    timestamp: new Date(START + i * STEP_MS).toISOString(),
    session_id: `${name}-1`,
    ew: walk.ew(i),
    ns: -34.25 + (i % 2) * 0.01,
    z: 60,
    heading: (i * 90) % 360,
    landblock: '0xA9B40019',
    kills: walk.kills(i),
    deaths: 0,
    vt_state: walk.state(i),
  }));
}

const walks: Record<string, Walk> = {
  // Navigating into a wall: back and forth over 0.03 units (7 m), 5.5 minutes, nothing killed.
  'Wall Runner': { reports: 12, state: () => 'Navigating', ew: (i) => 12.5 + (i % 3) * 0.015, kills: () => 7 },
  // Fighting in one spot, killing: busy, not stuck.
  'Stand Fighter': { reports: 12, state: () => 'Combat', ew: () => 20, kills: (i) => 3 + Math.floor(i / 2) },
  // Travelling: far across the map.
  Traveller: { reports: 12, state: () => 'Navigating', ew: (i) => 30 + i * 0.1, kills: () => 0 },
  // Idle by design (an IDLE alert's business).
  'Town Mule': { reports: 12, state: () => 'Idle', ew: () => 40, kills: () => 0 },
  // Stuck for only 2 minutes so far.
  'Fresh Login': { reports: 5, state: () => 'Combat', ew: () => 50, kills: () => 0 },
  // Stuck, then killed in the last minute.
  'Came Loose': { reports: 12, state: () => 'Combat', ew: () => 60, kills: (i) => (i >= 10 ? 1 : 0) },
};

const stuckQuery = '{ characters(first: 100) { name stuck { since state extent } } }';

describe('Character.stuck', () => {
  let harness: TelemetryHarness;
  /** When the last report was received, once the rows are moved to receive times 30 s apart. */
  let lastReceived: number;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    for (const [name, walk] of Object.entries(walks)) await harness.send(...reports(name, walk));
    // Ingest receives them at once; spread their receive times as a plugin's 5.5 minutes would, ending now.
    lastReceived = Date.now();
    await harness.stack.db.query(
      `UPDATE telemetry_events SET received_at = $1::timestamptz - ($2::timestamptz + make_interval(secs => 330) - observed_at)
        WHERE character_name = ANY($3::text[])`,
      [new Date(lastReceived), new Date(START), Object.keys(walks)],
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('finds a busy automation going nowhere for 5 minutes, and nobody else', async () => {
    const data = await harness.query<{ characters: Array<{ name: string; stuck: { since: string; state: string; extent: number } | null }> }>(
      stuckQuery,
      {},
      { now: () => new Date(lastReceived + 1_000) },
    );
    const stuck = data.characters.filter((row) => row.stuck);
    expect(stuck.map((row) => row.name)).toEqual(['Wall Runner']);
    const [wall] = stuck;
    expect(wall?.stuck?.state).toBe('Navigating');
    expect(wall?.stuck?.extent).toBeCloseTo(0.03, 6);
    // The window's first report: within the 5 minutes before the query, at most 30 s after they began.
    expect(lastReceived + 1_000 - Date.parse(wall?.stuck?.since ?? '')).toBeGreaterThanOrEqual(270_000);
    expect(lastReceived + 1_000 - Date.parse(wall?.stuck?.since ?? '')).toBeLessThanOrEqual(300_000);
  });

  it('is not stuck once its plugin stopped reporting', async () => {
    const data = await harness.query<{ characters: Array<{ stuck: unknown }> }>(stuckQuery, {}, { now: () => new Date(lastReceived + 60_000) });
    expect(data.characters).toHaveLength(Object.keys(walks).length);
    expect(data.characters.filter((row) => row.stuck !== null)).toEqual([]);
  });
});
