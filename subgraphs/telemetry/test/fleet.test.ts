import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_SECRET } from '@lifestone/test-kit/ingest';
import { connectPlugin, INGEST_WAIT } from '@lifestone/test-kit/plugin';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const ayla = 'Ayla';
const brom = 'Brom the Red';
const now = new Date('2026-03-01T12:10:00.000Z');
const at = (time: string) => `2026-03-01T${time}:00.000Z`;

/** One bucket as the graph returns it. */
const bucket = (start: string, kills: number, deaths: number, rares: number, online: number, minutes = 60) => ({
  start: at(start), kills, deaths, rares, killsPerHour: (kills * 60) / minutes, online,
});

describe('the fleet board, plugin health and server uptime', () => {
  let harness: TelemetryHarness;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    for (const name of [ayla, brom]) {
      await harness.stack.db.query(`INSERT INTO live_characters (character_name, last_seen_at) VALUES ($1, $2)`, [name, at('12:09')]);
    }
    // What ingest wrote per minute: the counters' increases, and a row for each minute a character reported in.
    const minutes: Array<[string, string, number, number, number]> = [
      [ayla, '09:59', 5, 0, 0],
      [ayla, '10:05', 0, 0, 0],
      [ayla, '10:30', 4, 1, 0],
      [ayla, '12:05', 6, 0, 0],
      [brom, '10:40', 0, 0, 0],
      [brom, '10:50', 4, 0, 0],
      [brom, '12:01', 0, 0, 0],
      [brom, '12:09', 0, 0, 1],
    ];
    for (const [name, minute, kills, deaths, rares] of minutes) {
      await harness.stack.db.query(
        'INSERT INTO activity_minutes (character_name, minute, kills, deaths, rares) VALUES ($1, $2, $3, $4, $5)',
        [name, at(minute), kills, deaths, rares],
      );
    }
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('fleetHistory sums the activity per bucket, empty buckets as zeros', async () => {
    const history = (args: string) =>
      harness.query(`{ fleetHistory${args} { start kills deaths rares killsPerHour online } }`, {}, { now: () => now });
    expect(await history('(hours: 3)')).toEqual({
      fleetHistory: [bucket('10:00', 8, 1, 0, 2), bucket('11:00', 0, 0, 0, 0), bucket('12:00', 6, 0, 1, 2)],
    });
    // 90-minute buckets from midnight: 10:30 and 12:00; Ayla's 10:05 is before the span.
    expect(await history('(hours: 3, bucketMinutes: 90)')).toEqual({
      fleetHistory: [bucket('10:30', 8, 1, 0, 2, 90), bucket('12:00', 6, 0, 1, 2, 90)],
    });
    expect(await history('(hours: 1, bucketMinutes: 30)')).toEqual({
      fleetHistory: [bucket('11:30', 0, 0, 0, 0, 30), bucket('12:00', 6, 0, 1, 2, 30)],
    });
    expect(((await history('')) as { fleetHistory: unknown[] }).fleetHistory).toHaveLength(24);
  });

  it('fleetHistory refuses spans and buckets out of range', async () => {
    for (const [args, argument] of [['(hours: 0)', 'hours'], ['(hours: 169)', 'hours'], ['(bucketMinutes: 0)', 'bucketMinutes'], ['(bucketMinutes: 1441)', 'bucketMinutes'], ['(hours: 168, bucketMinutes: 10)', 'bucketMinutes']] as const) {
      const refused = await harness.execute(`{ fleetHistory${args} { kills } }`, {}, { now: () => now });
      expect(refused.errors?.[0]?.extensions, args).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    const refused = await harness.execute('{ fleetHistory(hours: 168, bucketMinutes: 10) { kills } }');
    expect(refused.errors?.[0]?.message).toBe('168 hours in buckets of 10 minutes make 1008 buckets; at most 1000 are allowed: widen the buckets.');
  });

  it('Character.activity counts each character alone, in one query for all of them', async () => {
    const counting = harness.countingPool();
    const result = await harness.query(
      `{ a: character(name: "${ayla}") { activity(hours: 3) { start kills deaths rares killsPerHour online } }
         b: characters(search: "brom") { name activity(hours: 3) { start kills deaths rares killsPerHour online } } }`,
      {},
      { now: () => now, pool: counting.pool },
    );
    expect(result).toEqual({
      a: { activity: [bucket('10:00', 4, 1, 0, 1), bucket('11:00', 0, 0, 0, 0), bucket('12:00', 6, 0, 0, 1)] },
      b: [{ name: brom, activity: [bucket('10:00', 4, 0, 0, 1), bucket('11:00', 0, 0, 0, 0), bucket('12:00', 0, 0, 1, 1)] }],
    });
    counting.queries.length = 0;
    const both = await harness.query(
      `{ a: character(name: "${ayla}") { activity(hours: 3) { kills } } b: character(name: "${brom}") { activity(hours: 3) { kills } } }`,
      {},
      { now: () => now, pool: counting.pool },
    );
    expect(both).toEqual({ a: { activity: [{ kills: 4 }, { kills: 0 }, { kills: 6 }] }, b: { activity: [{ kills: 4 }, { kills: 0 }, { kills: 0 }] } });
    expect(counting.queries.filter((text) => text.includes('activity_minutes'))).toHaveLength(1);
  });

  it('ingest writes each minute what the telemetry added to the session counters, once per minute reported', async () => {
    await harness.send(
      { type: 'telemetry', character_name: 'Kiln', session_id: 'k1', ew: 1, ns: 2, z: 3, kills: 3, deaths: 0, rares_found: 0 },
      { type: 'telemetry', character_name: 'Kiln', session_id: 'k1', ew: 1, ns: 2, z: 3, kills: 5, deaths: 1, rares_found: 0 },
      { type: 'telemetry', character_name: 'Kiln', session_id: 'k1', ew: 1, ns: 2, z: 3, kills: 5, deaths: 1, rares_found: 0 },
      { type: 'telemetry', character_name: 'Kiln', session_id: 'k2', ew: 1, ns: 2, z: 3, kills: 2, deaths: 0, rares_found: 1 },
    );
    await harness.send({ type: 'telemetry', character_name: 'Kiln', session_id: 'k2', ew: 1, ns: 2, z: 3, kills: 2, deaths: 0, rares_found: 1 });
    const { rows } = await harness.stack.db.query<{ minutes: number; kills: number; deaths: number; rares: number; reported: number }>(
      `SELECT count(*)::int AS minutes, sum(kills)::int AS kills, sum(deaths)::int AS deaths, sum(rares)::int AS rares,
              (SELECT count(DISTINCT date_trunc('minute', received_at))::int FROM telemetry_events WHERE character_name = 'Kiln') AS reported
         FROM activity_minutes WHERE character_name = 'Kiln'`,
    );
    // A new session's first report counts in full, as the lifetime counters count it: 3 + 2 in k1, 2 in k2.
    expect(rows[0]).toEqual({ minutes: rows[0]?.reported, kills: 7, deaths: 1, rares: 1, reported: rows[0]?.reported });
    expect(await harness.query('{ character(name: "Kiln") { counters { kills deaths rares } } }')).toEqual({ character: { counters: { kills: 7, deaths: 1, rares: 1 } } });
  });

  it('refusals counts refused frames per character and code, with the last message', async () => {
    await harness.send({ type: 'telemetry', character_name: 'Rex', ew: 1, ns: 2, z: 3 });
    const before = harness.plugin.received.filter((frame) => frame.type === 'error').length;
    harness.plugin.send({ type: 'telemetry', character_name: 'Rex', ew: 1, ns: 2, z: 3, kills: 1.5 });
    harness.plugin.send({ type: 'telemetry', character_name: 'Rex', ew: 1, ns: 2, z: 3, kills: 2.5 });
    harness.plugin.send({ type: 'teleport', character_name: 'Rex' });
    harness.plugin.send({ type: 'teleport', character_name: 'Ghost' });
    await expect.poll(async () => harness.plugin.received.filter((frame) => frame.type === 'error').length - before, INGEST_WAIT).toBeGreaterThanOrEqual(4);
    await harness.stack.ingest.flush();
    const errors = harness.plugin.received.filter((frame) => frame.type === 'error').slice(before);
    const { rows } = await harness.stack.db.query<{ code: string; last_at: Date }>(`SELECT code, last_at FROM plugin_refusals WHERE character_name = 'Rex'`);
    const lastAt = new Map(rows.map((row) => [row.code, row.last_at.toISOString()]));
    expect(await harness.query('{ character(name: "Rex") { refusals { code count lastMessage lastAt } } }')).toEqual({
      character: {
        refusals: [
          { code: 'INVALID_FRAME', count: 2, lastMessage: errors[1]?.message, lastAt: lastAt.get('INVALID_FRAME') },
          { code: 'UNKNOWN_TYPE', count: 1, lastMessage: errors[2]?.message, lastAt: lastAt.get('UNKNOWN_TYPE') },
        ],
      },
    });
    // Ghost never had a frame accepted: its refusals are not kept.
    expect((await harness.stack.db.query(`SELECT 1 FROM plugin_refusals WHERE character_name = 'Ghost'`)).rowCount).toBe(0);
    expect(await harness.query(`{ character(name: "${ayla}") { refusals { code } } }`)).toEqual({ character: { refusals: [] } });
  });

  it('counts a refused frame that names no character for the connection\'s only character', async () => {
    const solo = await connectPlugin(harness.stack.ingest.pluginUrl, TEST_SECRET);
    try {
      solo.send({ type: 'telemetry', character_name: 'Solo', ew: 1, ns: 2, z: 3 });
      await expect.poll(async () => (await harness.stack.db.query(`SELECT 1 FROM live_characters WHERE character_name = 'Solo'`)).rowCount, INGEST_WAIT).toBe(1);
      solo.send('{ not json');
      const refused = await solo.waitFor((frame) => frame.type === 'error');
      await harness.stack.ingest.flush();
      expect(await harness.query('{ character(name: "Solo") { refusals { code count lastMessage } } }')).toEqual({
        character: { refusals: [{ code: 'INVALID_JSON', count: 1, lastMessage: refused.message }] },
      });
    } finally {
      await solo.close();
    }
  });

  it('serverStatus says since when each server is up or down, and its changes of the last days', async () => {
    const check = (server: string, status: string, time: string) =>
      harness.stack.db.query(
        `INSERT INTO server_status (server, status, checked_at) VALUES ($1, $2, $3)
         ON CONFLICT (server) DO UPDATE SET status = EXCLUDED.status, checked_at = EXCLUDED.checked_at`,
        [server, status, time],
      );
    await check('Coldeve', 'up', '2026-02-20T08:00:00Z');
    await check('Coldeve', 'up', '2026-02-25T08:00:00Z');
    await check('Coldeve', 'down', '2026-02-27T09:00:00Z');
    await check('Coldeve', 'down', '2026-02-27T09:01:00Z');
    await check('Coldeve', 'up', '2026-02-27T09:30:00Z');
    await check('Coldeve', 'up', '2026-03-01T12:00:00Z');
    await check('Frostfell', 'down', '2026-03-01T11:00:00Z');
    const status = (days: string) =>
      harness.query(`{ serverStatus { server status since checkedAt changes${days} { status at } } }`, {}, { now: () => now });
    expect(await status('')).toEqual({
      serverStatus: [
        {
          server: 'Coldeve', status: 'UP', since: '2026-02-27T09:30:00.000Z', checkedAt: '2026-03-01T12:00:00.000Z',
          changes: [
            { status: 'UP', at: '2026-02-27T09:30:00.000Z' },
            { status: 'DOWN', at: '2026-02-27T09:00:00.000Z' },
            { status: 'UP', at: '2026-02-20T08:00:00.000Z' },
          ],
        },
        { server: 'Frostfell', status: 'DOWN', since: '2026-03-01T11:00:00.000Z', checkedAt: '2026-03-01T11:00:00.000Z', changes: [{ status: 'DOWN', at: '2026-03-01T11:00:00.000Z' }] },
      ],
    });
    expect(await status('(days: 1)')).toMatchObject({
      serverStatus: [{ changes: [{ status: 'UP', at: '2026-02-27T09:30:00.000Z' }] }, { changes: [{ status: 'DOWN' }] }],
    });
    const refused = await harness.execute('{ serverStatus { changes(days: 91) { at } } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'days' });
  });
});
