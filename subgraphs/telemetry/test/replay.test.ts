import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

// Reports are written into today's partitions: the window starts at a whole minute an hour ago.
const from = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
const iso = (seconds: number) => at(seconds).toISOString();
const at = (seconds: number) => new Date(from + seconds * 1000);
const query = `query ($from: DateTime!, $to: DateTime!, $step: Int) {
  fleetPositions(from: $from, to: $to, stepSeconds: $step) { times stepSeconds tracks { character ns ew heading state } }
}`;

describe('fleetPositions', () => {
  let harness: TelemetryHarness;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    const { db } = harness.stack;
    // Reports at known reception times (ingest stamps its own clock, so they are written as it would).
    const reports: [string, number, number, number, string | null][] = [
      ['Sir Larsson', 5, 42.1, 33.6, 'Navigating'],
      ['Sir Larsson', 9, 42.2, 33.7, 'Combat'], // the later of two in the first step wins
      ['Sir Larsson', 25, 42.5, 34.0, 'Combat'],
      ['Mira.Dawn', 0, -33.5, 72.8, null], // on the first sample time itself
      ['Mira.Dawn', 31, -33.4, 72.9, 'Idle'], // after the window
      ['Old Timer', -1_800, 10, 10, 'Idle'], // long before the window
    ];
    for (const [name, seconds, ns, ew, state] of reports) {
      await db.query(
        `INSERT INTO telemetry_events (received_at, observed_at, character_name, ns, ew, heading, vt_state) VALUES ($1, $1, $2, $3, $4, 90, $5)`,
        [at(seconds), name, ns, ew, state],
      );
    }
    for (const [name, seconds] of [['Sir Larsson', 25], ['Mira.Dawn', 31], ['Old Timer', -1_800]] as const) {
      await db.query('INSERT INTO live_characters (character_name, last_seen_at) VALUES ($1, $2)', [name, at(seconds)]);
    }
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('samples each character once per step: its latest position received in the step ending at each time', async () => {
    const data = await harness.query(query, { from: at(0).toISOString(), to: at(25).toISOString(), step: 10 });
    expect(data).toEqual({
      fleetPositions: {
        times: [iso(0), iso(10), iso(20)],
        stepSeconds: 10,
        tracks: [
          { character: 'Mira.Dawn', ns: [-33.5, null, null], ew: [72.8, null, null], heading: [90, null, null], state: [null, null, null] },
          { character: 'Sir Larsson', ns: [null, 42.2, null], ew: [null, 33.7, null], heading: [null, 90, null], state: [null, 'Combat', null] },
        ],
      },
    });
    const wider = await harness.query(query, { from: at(0).toISOString(), to: at(30).toISOString(), step: 30 });
    expect(wider).toEqual({
      fleetPositions: {
        times: [iso(0), iso(30)],
        stepSeconds: 30,
        tracks: [
          { character: 'Mira.Dawn', ns: [-33.5, null], ew: [72.8, null], heading: [90, null], state: [null, null] },
          { character: 'Sir Larsson', ns: [null, 42.5], ew: [null, 34], heading: [null, 90], state: [null, 'Combat'] },
        ],
      },
    });
  });

  it('answers in one SQL statement', async () => {
    const counter = harness.countingPool();
    await harness.query(query, { from: at(0).toISOString(), to: at(1_800).toISOString(), step: 60 }, { pool: counter.pool });
    expect(counter.queries).toHaveLength(1);
  });

  it('refuses windows and steps it cannot answer, naming the argument', async () => {
    const refusal = async (variables: Record<string, unknown>) => {
      const result = await harness.execute(query, variables);
      return { ...result.errors?.[0]?.extensions, message: result.errors?.[0]?.message };
    };
    expect(await refusal({ from: at(0).toISOString(), to: at(60).toISOString(), step: 5 })).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'stepSeconds',
      message: 'stepSeconds must be an integer from 10 to 3600; got 5.',
    });
    expect(await refusal({ from: at(60).toISOString(), to: at(0).toISOString() })).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'from',
      message: `from (${iso(60)}) is after to (${iso(0)}).`,
    });
    expect(await refusal({ from: at(0).toISOString(), to: at(25 * 3_600).toISOString(), step: 3_600 })).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'to',
      message: 'to may be at most 24 hours after from; they are 25.0 hours apart.',
    });
    expect(await refusal({ from: at(0).toISOString(), to: at(20_000).toISOString(), step: 10 })).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'stepSeconds',
      message: 'from, to and stepSeconds make 2001 samples, more than 1000: widen the step to at least 21 s.',
    });
  });
});
