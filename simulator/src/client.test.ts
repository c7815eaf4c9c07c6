import { createServer, connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '@lifestone/lib/db';
import { topics } from '@lifestone/lib/pubsub';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { runFleet, type FleetHandle, type FleetLog } from './client.js';

/** How long the tests wait for the fleet and ingest, and how often they look. */
const WAIT = { timeout: 15_000, interval: 25 };

function recordingLog(): FleetLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (fields, message) => lines.push(`${message} ${JSON.stringify(fields)}`), warn: (fields, message) => lines.push(`${message} ${JSON.stringify(fields)}`) };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function ingest(overrides: Parameters<typeof startTestIngest>[0] = {}): Promise<TestIngest> {
  const stack = await startTestIngest(overrides);
  cleanups.push(() => stack.close());
  return stack;
}

function track(fleet: FleetHandle): FleetHandle {
  cleanups.push(() => fleet.stop());
  return fleet;
}

/** A TCP door to ingest whose connections the test can cut, as a network blip does. */
async function startDoor(target: number): Promise<{ url: string; cut(): void }> {
  const sockets = new Set<Socket>();
  const port = await freePort();
  const server = createServer((client) => {
    const upstream = tcpConnect(target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  }));
  return { url: `ws://127.0.0.1:${port}/ws/position`, cut: () => sockets.forEach((socket) => socket.destroy()) };
}

/** Per character and session, how many telemetry frames ingest stored. */
async function storedFrames(stack: TestIngest): Promise<Array<{ character_name: string; session_id: string; n: number }>> {
  const { rows } = await stack.db.query<{ character_name: string; session_id: string; n: number }>(
    'SELECT character_name, session_id, count(*)::int AS n FROM telemetry_events GROUP BY 1, 2 ORDER BY 1',
  );
  return rows;
}

describe('runFleet against ingest, on protocol 2', () => {
  it('logs every character in over its own connection, all six login frames acknowledged, takes commands, and stops cleanly', async () => {
    const stack = await ingest();
    const log = recordingLog();
    const fleet = track(runFleet({ url: stack.ingest.pluginUrl, secret: TEST_SECRET, characters: 5, seed: 3, rampUpMs: 200, tickMs: 50, log }));
    const names = fleet.characters.map((c) => c.name);
    await expect.poll(() => fleet.stats(), WAIT).toMatchObject({ connected: 5, framesAcked: 30 });
    const { rows } = await stack.db.query<{ character_name: string; types: string[] }>(
      `SELECT character_name, array_agg(type ORDER BY type) AS types FROM (
         SELECT character_name, 'telemetry' AS type FROM telemetry_events UNION ALL SELECT character_name, 'vitals' FROM vitals_events
         UNION ALL SELECT character_name, 'full_inventory' FROM inventory_items GROUP BY 1) frames GROUP BY 1 ORDER BY 1`,
    );
    expect(rows.map((row) => row.character_name)).toEqual([...names].sort());
    for (const row of rows) expect(row.types).toEqual(['full_inventory', 'telemetry', 'vitals']);

    const [first] = names as [string];
    await stack.pubsub.publish({ topic: topics.command(first), key: first, payload: JSON.stringify({ command: '/radar start' }) });
    await expect.poll(() => fleet.stats().commandsReceived, WAIT).toBe(1);
    expect(log.lines.some((line) => line.includes('/radar start'))).toBe(true);
    expect(fleet.stats().errorsReceived).toBe(0);

    await fleet.stop();
    expect(fleet.stats().connected).toBe(0);
    expect((await stack.ingest.metrics.connectedPlugins.get()).values[0]?.value).toBe(0);
  });

  it('keeps playing through a dropped connection and resumes: same session, every frame stored once', async () => {
    const stack = await ingest();
    const door = await startDoor(stack.ingest.port);
    const fleet = track(runFleet({ url: door.url, secret: TEST_SECRET, characters: 3, seed: 4, speed: 20, rampUpMs: 30, tickMs: 50, reconnectInitialMs: 50, reconnectMaxMs: 100 }));
    await expect.poll(() => fleet.stats().connected, WAIT).toBe(3);
    await expect.poll(async () => (await storedFrames(stack)).length, WAIT).toBe(3);
    door.cut();
    await expect.poll(() => fleet.stats().reconnects, WAIT).toBe(3);
    await expect.poll(() => fleet.stats().connected, WAIT).toBe(3);
    const sent = fleet.stats().framesSent;
    await expect.poll(() => fleet.stats().framesAcked, WAIT).toBeGreaterThanOrEqual(sent);
    await fleet.stop();
    // One session per character: the dropped connection was no logout. Each telemetry frame once: its timestamps are distinct.
    const { rows } = await stack.db.query<{ sessions: number; n: number; distinct_times: number }>(
      'SELECT character_name, count(DISTINCT session_id)::int AS sessions, count(*)::int AS n, count(DISTINCT observed_at)::int AS distinct_times FROM telemetry_events GROUP BY 1',
    );
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.sessions).toBe(1);
      expect(row.n).toBe(row.distinct_times);
    }
    expect(fleet.stats().framesDropped).toBe(0);
  });

  it('advances simulated time at the given speed: telemetry every 2 simulated seconds', async () => {
    const stack = await ingest();
    const fleet = track(runFleet({ url: stack.ingest.pluginUrl, secret: TEST_SECRET, characters: 2, seed: 5, speed: 30, tickMs: 50, rampUpMs: 10 }));
    await expect.poll(async () => (await stack.db.query<{ n: number }>('SELECT min(n)::int AS n FROM (SELECT count(*) AS n FROM telemetry_events GROUP BY character_name) c')).rows[0]?.n ?? 0, WAIT).toBeGreaterThanOrEqual(10);
    const { rows } = await stack.db.query<{ gaps: number[] }>(
      `SELECT array_agg(DISTINCT gap) AS gaps FROM (SELECT extract(epoch FROM observed_at - lag(observed_at) OVER (PARTITION BY character_name ORDER BY observed_at)) * 1000 AS gap FROM telemetry_events) g WHERE gap IS NOT NULL`,
    );
    expect(rows[0]?.gaps.map(Number)).toEqual([2000]);
    expect(fleet.stats().characters).toBe(2);
  });

  it('ends sessions as a game does: a logout is recorded, a lost game raises OFFLINE', async () => {
    const stack = await ingest({ alerts: { offlineMs: 3_000, offlineCheckMs: 100 } });
    const fleet = track(runFleet({ url: stack.ingest.pluginUrl, secret: TEST_SECRET, characters: 8, seed: 2, speed: 10, sessionMinutes: 1, rampUpMs: 40, tickMs: 50 }));
    await expect.poll(() => fleet.stats(), { ...WAIT, timeout: 30_000 }).toMatchObject({ logouts: expect.toSatisfy((n: number) => n >= 1), gamesLost: expect.toSatisfy((n: number) => n >= 1) });
    const gone = (how: 'logout' | 'lost') => fleet.characters.filter((character) => character.departure?.how === how).map((character) => character.name).sort();
    const lost = gone('lost');
    const offline = async () => (await stack.db.query<{ character_name: string }>("SELECT character_name FROM alerts WHERE type = 'OFFLINE' ORDER BY 1")).rows.map((row) => row.character_name);
    await expect.poll(async () => (await offline()).filter((name) => lost.includes(name)), WAIT).toEqual(lost);
    const loggedOut = gone('logout');
    const recorded = async () => (await stack.db.query<{ character_name: string }>('SELECT character_name FROM alert_state WHERE logged_out_at IS NOT NULL')).rows.map((row) => row.character_name);
    await expect.poll(async () => {
      const names = await recorded();
      return loggedOut.filter((name) => !names.includes(name));
    }, WAIT).toEqual([]);
    for (const name of await offline()) expect(loggedOut).not.toContain(name);
  });

  it('reports a refused handshake and keeps retrying with backoff, sending nothing', async () => {
    const stack = await ingest();
    const log = recordingLog();
    const fleet = track(runFleet({ url: stack.ingest.pluginUrl, secret: 'wrong', characters: 1, seed: 1, reconnectInitialMs: 20, reconnectMaxMs: 80, tickMs: 20, log }));
    await expect.poll(() => fleet.stats().reconnects, WAIT).toBeGreaterThanOrEqual(3);
    expect(log.lines[0]).toMatch(/^ingest refused the connection; retrying with backoff .*"status":401/);
    expect(fleet.stats()).toMatchObject({ connected: 0, framesAcked: 0 });
    expect(await storedFrames(stack)).toEqual([]);
  });
});
