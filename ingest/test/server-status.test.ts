import { createServer, type Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import { checkServer, GameServersSettingError, parseGameServers, recordCheck, watchGameServers } from '../src/server-status.js';
import { createTestDatabase, type TestDatabase } from '@lifestone/test-kit/database';

let database: TestDatabase;
let pool: pg.Pool;
let statusPage: Server;
let statusUrl: string;
let answer: { status: number; body: string } = { status: 200, body: '{"players": 42}' };

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  statusPage = createServer((_request, response) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
  await new Promise<void>((resolve) => statusPage.listen(0, '127.0.0.1', resolve));
  statusUrl = `http://127.0.0.1:${(statusPage.address() as AddressInfo).port}/status`;
});

afterAll(async () => {
  await new Promise((resolve) => statusPage.close(resolve));
  await pool.end();
  await database.drop();
});

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('LIFESTONE_GAME_SERVERS', () => {
  it('reads Name=url entries', () => {
    expect(parseGameServers('Coldeve = http://status.example/api, Local=tcp://127.0.0.1:9000').map(({ name, url }) => [name, url.href])).toEqual([
      ['Coldeve', 'http://status.example/api'],
      ['Local', 'tcp://127.0.0.1:9000'],
    ]);
    expect(parseGameServers(undefined)).toEqual([]);
    expect(parseGameServers('  ')).toEqual([]);
  });

  it('names the entry it cannot read', () => {
    expect(() => parseGameServers('Coldeve')).toThrow(new GameServersSettingError('"Coldeve" is not Name=url'));
    expect(() => parseGameServers('Coldeve=ftp://x:21')).toThrow(new GameServersSettingError('Coldeve: ftp: is not http, https or tcp'));
    expect(() => parseGameServers('Local=tcp://127.0.0.1')).toThrow(new GameServersSettingError('Local: tcp needs a host and a port'));
  });
});

describe('a game server check', () => {
  it('is up with the player count a JSON status page gives', async () => {
    answer = { status: 200, body: '{"name": "Coldeve", "players": 42}' };
    const check = await checkServer({ name: 'Coldeve', url: new URL(statusUrl) }, 2_000);
    expect(check).toMatchObject({ status: 'up', players: 42 });
    expect(check.latencyMs).toBeGreaterThan(0);
  });

  it('is up without a count when the page is not JSON, and down on an error status', async () => {
    answer = { status: 200, body: 'OK' };
    expect(await checkServer({ name: 'Coldeve', url: new URL(statusUrl) }, 2_000)).toMatchObject({ status: 'up', players: null });
    answer = { status: 503, body: 'maintenance' };
    expect(await checkServer({ name: 'Coldeve', url: new URL(statusUrl) }, 2_000)).toEqual({ status: 'down', latencyMs: null, players: null, error: 'HTTP 503' });
  });

  it('over TCP is up when a connection opens and down when it is refused', async () => {
    const { port } = new URL(statusUrl);
    expect(await checkServer({ name: 'Game port', url: new URL(`tcp://127.0.0.1:${port}`) }, 2_000)).toMatchObject({ status: 'up', players: null });
    const refused = await checkServer({ name: 'Gone', url: new URL(`tcp://127.0.0.1:${await closedPort()}`) }, 2_000);
    expect(refused).toMatchObject({ status: 'down', latencyMs: null, players: null });
    expect(refused.error).toMatch(/ECONNREFUSED/);
  });

  it('replaces the server row each time', async () => {
    const server = { name: 'Leafcull', url: new URL(statusUrl) };
    await recordCheck(pool, server, { status: 'up', latencyMs: 12.5, players: 7 }, new Date('2026-11-21T10:00:00Z'));
    await recordCheck(pool, server, { status: 'down', latencyMs: null, players: null, error: 'HTTP 503' }, new Date('2026-11-21T10:01:00Z'));
    const { rows } = await pool.query(`SELECT status, players, latency_ms, checked_at, extra FROM server_status WHERE server = 'Leafcull'`);
    expect(rows).toEqual([{ status: 'down', players: null, latency_ms: null, checked_at: new Date('2026-11-21T10:01:00Z'), extra: { error: 'HTTP 503' } }]);
  });

  it('runs at once and then on its interval', async () => {
    answer = { status: 200, body: '{"players": 3}' };
    const watcher = watchGameServers({ pool, servers: [{ name: 'Watched', url: new URL(statusUrl) }], log: createLogger('test', 'silent'), intervalMs: 200 });
    const players = async () => (await pool.query(`SELECT players FROM server_status WHERE server = 'Watched'`)).rows[0]?.players as number | undefined;
    await expect.poll(players).toBe(3);
    answer = { status: 200, body: '{"players": 4}' };
    await expect.poll(players).toBe(4);
    await watcher.close();
  });
});
