/**
 * Ingest killed with SIGKILL (an out-of-memory kill, a crashed host) while a
 * protocol 2 plugin streams to it: nothing it had accepted and not committed
 * survives in ingest, yet the plugin, resuming from the welcome's `acked`,
 * has every frame stored exactly once, in order per character.
 */
import { createServer, connect as tcpConnect, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, restartablePort } from '@lifestone/lib/db';
import { PluginClient } from '@lifestone/lib/protocol/client';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';
import { startService, type Service } from '../scale-out/services.js';

const SECRET = 'kill-ingest-secret';
const START = 1_763_700_000_000;

/** An ingest process of its own on `port`, over `database`, with the in-memory pubsub. */
function startIngestProcess(database: TestDatabase, port: number, name: string): Promise<Service> {
  return startService(name, ['ingest/src/main.ts'], {
    DATABASE_URL: database.url,
    LIFESTONE_PLUGIN_SECRET: SECRET,
    LIFESTONE_HOST: '127.0.0.1',
    LIFESTONE_INGEST_PORT: String(port),
    // The test sends far faster than a game does; the batch wait is the default's, so a kill meets frames waiting.
    LIFESTONE_RATE_LIMIT: '100000',
    LIFESTONE_RATE_BURST: '100000',
  });
}

/** A TCP door in front of the ingests, as a load balancer is: new connections go to `target`, which the test moves. */
async function startDoor(target: number): Promise<{ port: number; target: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const door = { port: await freePort(), target, close: async () => {} };
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(door.target, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => client.destroy());
    }
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(door.port, '127.0.0.1', resolve));
  door.close = () => new Promise((resolve) => {
    for (const socket of sockets) socket.destroy();
    server.close(() => resolve());
  });
  return door;
}

const telemetry = (character: string, kills: number) => ({
  type: 'telemetry', character_name: character, timestamp: START + kills, ew: kills % 90, ns: 1, z: 1, kills,
});

/** Sends `count` frames over `characters`, one every `everyMs` (in small groups), calling `midway` once at frame `at`. */
async function stream(client: PluginClient, characters: string[], count: number, at: number, midway: () => Promise<void>): Promise<void> {
  for (let i = 1; i <= count; i++) {
    client.send(telemetry(characters[i % characters.length] as string, i));
    if (i === at) await midway();
    else if (i % 10 === 0) await sleep(5);
  }
}

/** Per character, the kills stored, in the order they were received. */
async function storedByCharacter(db: pg.Pool): Promise<Map<string, number[]>> {
  const { rows } = await db.query<{ character_name: string; kills: number }>(
    'SELECT character_name, kills FROM telemetry_events ORDER BY character_name, received_at, kills',
  );
  const stored = new Map<string, number[]>();
  for (const row of rows) stored.set(row.character_name, [...(stored.get(row.character_name) ?? []), row.kills]);
  return stored;
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

describe('a protocol 2 plugin through SIGKILL of ingest', () => {
  it('loses nothing and duplicates nothing when ingest is killed at a random moment and started again', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const db = new pg.Pool({ connectionString: database.url, max: 2 });
    cleanups.push(() => db.end());
    const port = await restartablePort();
    let ingest = await startIngestProcess(database, port, 'ingest');
    cleanups.push(() => ingest.stop());
    const welcomes: number[] = [];
    const client = new PluginClient({
      url: `ws://127.0.0.1:${port}/ws/position`, stream: 'kill-1', secret: SECRET, ratePerSecond: 1e6, burst: 1e6, reconnectInitialMs: 100, reconnectMaxMs: 500,
      onMessage: (frame) => {
        if (frame.type === 'welcome') welcomes.push(frame.acked as number);
      },
    });
    cleanups.push(() => client.close());
    // Killed mid-stream, not before its first welcome.
    await expect.poll(() => welcomes.length, { timeout: 15_000, interval: 20 }).toBe(1);
    const characters = ['Kill Alpha', 'Kill Beta', 'Kill Gamma', 'Kill Delta', 'Kill Epsilon'];
    const count = 1000;
    const killAt = 150 + Math.floor(Math.random() * 700);
    let storedAtKill = 0;
    await stream(client, characters, count, killAt, async () => {
      await ingest.kill();
      storedAtKill = Number((await db.query('SELECT count(*) FROM telemetry_events')).rows[0]?.count);
      ingest = await startIngestProcess(database, port, 'ingest, again');
    });
    await client.drained();
    // The kill came before ingest committed what it had accepted: those frames came again from the plugin.
    expect(storedAtKill).toBeLessThan(killAt);
    expect(client.stats().resent).toBeGreaterThan(0);
    const stored = await storedByCharacter(db);
    characters.forEach((character, c) => {
      const expected = Array.from({ length: count }, (_, i) => i + 1).filter((kills) => kills % characters.length === c);
      expect(stored.get(character), `${character} (killed at frame ${killAt}, ${storedAtKill} stored then)`).toEqual(expected);
    });
    expect(client.stats()).toMatchObject({ frames: count, acked: count, dropped: 0, buffered: 0 });
    // Resumed once: the second welcome said what the first ingest had committed.
    expect(welcomes).toHaveLength(2);
    expect(welcomes[0]).toBe(0);
    expect(welcomes[1]).toBeLessThanOrEqual(storedAtKill);
    expect((await db.query('SELECT acked::int FROM plugin_streams')).rows).toEqual([{ acked: count }]);
  }, 180_000);

  it('resumes on another ingest instance behind the door with the acked the first one committed', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const db = new pg.Pool({ connectionString: database.url, max: 2 });
    cleanups.push(() => db.end());
    const [portA, portB] = [await freePort(), await freePort()];
    const a = await startIngestProcess(database, portA, 'ingest A');
    cleanups.push(() => a.stop());
    const b = await startIngestProcess(database, portB, 'ingest B');
    cleanups.push(() => b.stop());
    const door = await startDoor(portA);
    cleanups.push(() => door.close());
    const welcomes: number[] = [];
    const client = new PluginClient({
      url: `ws://127.0.0.1:${door.port}/ws/position`, stream: 'kill-2', secret: SECRET, ratePerSecond: 1e6, burst: 1e6, reconnectInitialMs: 100, reconnectMaxMs: 500,
      onMessage: (frame) => {
        if (frame.type === 'welcome') welcomes.push(frame.acked as number);
      },
    });
    cleanups.push(() => client.close());
    await expect.poll(() => welcomes.length, { timeout: 15_000, interval: 20 }).toBe(1);
    const count = 1000;
    const killAt = 150 + Math.floor(Math.random() * 700);
    let ackedAtKill = -1;
    let storedAtKill = -1;
    await stream(client, ['Kill Roamer'], count, killAt, async () => {
      await a.kill();
      // One character: one writer lane, whose commits are a prefix of the stream.
      ackedAtKill = Number((await db.query('SELECT acked FROM plugin_streams')).rows[0]?.acked);
      storedAtKill = Number((await db.query('SELECT count(*) FROM telemetry_events')).rows[0]?.count);
      door.target = portB;
    });
    await client.drained();
    expect(ackedAtKill).toBe(storedAtKill);
    expect(welcomes).toEqual([0, ackedAtKill]);
    expect((await storedByCharacter(db)).get('Kill Roamer')).toEqual(Array.from({ length: count }, (_, i) => i + 1));
    const metrics = await (await fetch(`${b.base}/metrics`)).text();
    expect(metrics).toMatch(/^lifestone_streams_resumed_total 1$/m);
  }, 180_000);
});
