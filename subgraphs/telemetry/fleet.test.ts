import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensurePartitions } from '@lifestone/lib/db';
import { eventually } from '../../test/helpers/plugin.js';
import { startTelemetryHarness, type TelemetryHarness } from './test-support.js';

const ayla = 'Ayla';
const brom = 'Brom the Red';
const now = new Date('2026-03-01T12:10:00.000Z');
const at = (time: string) => `2026-03-01T${time}:00.000Z`;

/** One bucket as the graph returns it. */
const bucket = (start: string, kills: number, deaths: number, online: number, minutes = 60) => ({
  start: at(start), kills, deaths, killsPerHour: (kills * 60) / minutes, online,
});

describe('the fleet board, plugin health and server uptime', () => {
  let harness: TelemetryHarness;

  beforeAll(async () => {
    harness = await startTelemetryHarness();
    await ensurePartitions(harness.stack.db, 'telemetry_events', new Date('2026-03-01T00:00:00Z'), 0);
    // Session counters as the plugins reported them, at chosen receive times.
    const reports: Array<[string, string, string, number, number]> = [
      [ayla, 's1', '09:59', 5, 0],
      [ayla, 's1', '10:05', 10, 0],
      [ayla, 's1', '10:30', 14, 1],
      [ayla, 's1', '12:05', 20, 1],
      [brom, 's9', '10:40', 3, 0],
      [brom, 's9', '10:50', 7, 0],
      [brom, 's10', '12:01', 2, 0],
      [brom, 's10', '12:09', 1, 0],
    ];
    for (const name of [ayla, brom]) {
      await harness.stack.db.query(`INSERT INTO live_characters (character_name, last_seen_at) VALUES ($1, $2)`, [name, at('12:09')]);
    }
    for (const [name, session, time, kills, deaths] of reports) {
      await harness.stack.db.query(
        `INSERT INTO telemetry_events (received_at, observed_at, character_name, session_id, ew, ns, z, kills, deaths)
         VALUES ($1, $1, $2, $3, 0, 0, 0, $4, $5)`,
        [at(time), name, session, kills, deaths],
      );
    }
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('fleetHistory counts the rises of session counters per bucket, empty buckets as zeros', async () => {
    const history = (args: string) =>
      harness.query(`{ fleetHistory${args} { start kills deaths killsPerHour online } }`, {}, { now: () => now });
    // 09:59 is outside the span: Ayla's 10:05 report is her first, and counts nothing.
    expect(await history('(hours: 3)')).toEqual({
      fleetHistory: [bucket('10:00', 8, 1, 2), bucket('11:00', 0, 0, 0), bucket('12:00', 6, 0, 2)],
    });
    // 90-minute buckets from midnight: 10:30 and 12:00. Ayla's 10:30 report is her first in the span.
    expect(await history('(hours: 3, bucketMinutes: 90)')).toEqual({
      fleetHistory: [bucket('10:30', 4, 0, 2, 90), bucket('12:00', 6, 0, 2, 90)],
    });
    expect(await history('(hours: 1, bucketMinutes: 30)')).toEqual({
      fleetHistory: [bucket('11:30', 0, 0, 0, 30), bucket('12:00', 0, 0, 2, 30)],
    });
    expect((await history('') as { fleetHistory: unknown[] }).fleetHistory).toHaveLength(24);
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
      `{ a: character(name: "${ayla}") { activity(hours: 3) { start kills deaths killsPerHour online } }
         b: characters(search: "brom") { name activity(hours: 3) { start kills deaths killsPerHour online } } }`,
      {},
      { now: () => now, pool: counting.pool },
    );
    expect(result).toEqual({
      a: { activity: [bucket('10:00', 4, 1, 1), bucket('11:00', 0, 0, 0), bucket('12:00', 6, 0, 1)] },
      b: [{ name: brom, activity: [bucket('10:00', 4, 0, 1), bucket('11:00', 0, 0, 0), bucket('12:00', 0, 0, 1)] }],
    });
    counting.queries.length = 0;
    const both = await harness.query(
      `{ a: character(name: "${ayla}") { activity(hours: 3) { kills } } b: character(name: "${brom}") { activity(hours: 3) { kills } } }`,
      {},
      { now: () => now, pool: counting.pool },
    );
    expect(both).toEqual({ a: { activity: [{ kills: 4 }, { kills: 0 }, { kills: 6 }] }, b: { activity: [{ kills: 4 }, { kills: 0 }, { kills: 0 }] } });
    expect(counting.queries.filter((text) => text.includes('telemetry_events'))).toHaveLength(1);
  });

  it('refusals counts refused frames per character and code, with the last message', async () => {
    await harness.send({ type: 'telemetry', character_name: 'Rex', ew: 1, ns: 2, z: 3 });
    const before = harness.plugin.received.filter((frame) => frame.type === 'error').length;
    harness.plugin.send({ type: 'telemetry', character_name: 'Rex', ew: 1, ns: 2, z: 3, kills: 1.5 });
    harness.plugin.send({ type: 'telemetry', character_name: 'Rex', ew: 1, ns: 2, z: 3, kills: 2.5 });
    harness.plugin.send({ type: 'teleport', character_name: 'Rex' });
    harness.plugin.send({ type: 'teleport', character_name: 'Ghost' });
    await eventually(async () => harness.plugin.received.filter((frame) => frame.type === 'error').length - before, (count) => count >= 4);
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
