import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { runFleet, type FleetHandle, type FleetLog } from './client.js';
import type { Frame } from './frames.js';

const SECRET = 'test-secret';
const LOGIN_TYPES = ['character_stats', 'full_inventory', 'quest', 'equipment_cantrip_state', 'vitals', 'telemetry'];

interface Connection {
  socket: WebSocket;
  openedAt: number;
  frames: Frame[];
  closeCode: number | null;
}

/** A plain WebSocket server standing in for ingest: checks the secret header, records every frame. */
async function startIngest(): Promise<{ url: string; connections: Connection[]; refused: number; close(): Promise<void> }> {
  const server = {
    url: '',
    connections: [] as Connection[],
    refused: 0,
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (info, accept) => {
      if (info.req.headers['x-plugin-secret'] === SECRET) return accept(true);
      server.refused++;
      accept(false, 401, 'Unauthorized');
    },
  });
  await once(wss, 'listening');
  wss.on('connection', (socket) => {
    const connection: Connection = { socket, openedAt: Date.now(), frames: [], closeCode: null };
    server.connections.push(connection);
    socket.on('message', (data) => connection.frames.push(JSON.parse(data.toString()) as Frame));
    socket.on('close', (code) => (connection.closeCode = code));
  });
  server.url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws/position`;
  return server;
}

/** How long the tests wait for the fleet and the server, and how often they look. */
const WAIT = { timeout: 10_000, interval: 20 };

function recordingLog(): FleetLog & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (fields, message) => lines.push(`${message} ${JSON.stringify(fields)}`), warn: (fields, message) => lines.push(`${message} ${JSON.stringify(fields)}`) };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track(fleet: FleetHandle): FleetHandle {
  cleanups.push(() => fleet.stop());
  return fleet;
}

describe('runFleet against a WebSocket server', () => {
  it('logs every character in over its own staggered connection, counts errors and commands, reconnects, stops cleanly', async () => {
    const ingest = await startIngest();
    cleanups.push(() => ingest.close());
    const log = recordingLog();
    const fleet = track(
      runFleet({ url: ingest.url, secret: SECRET, characters: 5, seed: 3, rampUpMs: 200, tickMs: 50, reconnectInitialMs: 50, log }),
    );
    const names = fleet.characters.map((c) => c.name);
    await expect.poll(() => ingest.connections.length === 5 && ingest.connections.every((c) => c.frames.length >= 6), { ...WAIT, message: 'five logins' }).toBe(true);

    expect(ingest.connections.map((c) => c.frames[0]!.character_name).sort()).toEqual([...names].sort());
    for (const connection of ingest.connections) {
      expect(connection.frames.slice(0, 6).map((f) => f.type)).toEqual(LOGIN_TYPES);
      expect(new Set(connection.frames.map((f) => f.character_name)).size).toBe(1);
    }
    const opened = ingest.connections.map((c) => c.openedAt);
    // Scheduled 40 ms apart over the 200 ms ramp; late ticks on a loaded machine narrow the spread, so ask for a quarter of it.
    expect(Math.max(...opened) - Math.min(...opened)).toBeGreaterThanOrEqual(40);
    await expect.poll(() => fleet.stats().connected, WAIT).toBe(5);

    const first = ingest.connections[0]!;
    first.socket.send(JSON.stringify({ type: 'error', code: 'INVALID_FRAME', message: 'health_pct: expected 0-100', ref: { type: 'vitals', character_name: first.frames[0]!.character_name } }));
    first.socket.send(JSON.stringify({ type: 'command', command: '/radar start' }));
    await expect.poll(() => fleet.stats(), WAIT).toMatchObject({ errorsReceived: 1, commandsReceived: 1 });
    expect(log.lines.some((line) => line.includes('INVALID_FRAME'))).toBe(true);
    expect(log.lines.some((line) => line.includes('/radar start'))).toBe(true);

    // The server drops one character: it comes back with a new session and logs in again.
    const dropped = first.frames[0]!;
    first.socket.terminate();
    await expect.poll(() => ingest.connections.length === 6 && ingest.connections[5]!.frames.length >= 6, { ...WAIT, message: 'the reconnection' }).toBe(true);
    const again = ingest.connections[5]!;
    expect(again.frames[0]!.character_name).toBe(dropped.character_name);
    expect(again.frames.slice(0, 6).map((f) => f.type)).toEqual(LOGIN_TYPES);
    expect(again.frames[0]!.session_id).not.toBe(dropped.session_id);
    await expect.poll(() => fleet.stats().connected, WAIT).toBe(5);
    expect(fleet.stats().reconnects).toBe(1);
    expect(fleet.stats().framesSent).toBeGreaterThanOrEqual(36);

    await fleet.stop();
    await expect.poll(() => ingest.connections.slice(1).every((c) => c.closeCode !== null), { ...WAIT, message: 'every socket closed' }).toBe(true);
    expect(ingest.connections.slice(1).map((c) => c.closeCode)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(fleet.stats().connected).toBe(0);
  });

  it('advances simulated time at the given speed: telemetry every 2 simulated seconds', async () => {
    const ingest = await startIngest();
    cleanups.push(() => ingest.close());
    const fleet = track(runFleet({ url: ingest.url, secret: SECRET, characters: 2, seed: 5, speed: 30, tickMs: 50, rampUpMs: 10 }));
    await expect.poll(() => ingest.connections.length === 2 && ingest.connections.every((c) => c.frames.filter((f) => f.type === 'telemetry').length >= 10), { ...WAIT, message: 'ten telemetry frames each' }).toBe(true);
    for (const connection of ingest.connections) {
      const times = connection.frames.flatMap((f) => (f.type === 'telemetry' ? [new Date(f.timestamp).getTime()] : []));
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(2_000);
    }
    expect(fleet.stats().characters).toBe(2);
  });

  it('reports a refused handshake and keeps retrying with backoff', async () => {
    const ingest = await startIngest();
    cleanups.push(() => ingest.close());
    const errors: string[] = [];
    const fleet = track(
      runFleet({ url: ingest.url, secret: 'wrong', characters: 1, seed: 1, reconnectInitialMs: 20, reconnectMaxMs: 80, tickMs: 20, onError: (error) => errors.push(error.message) }),
    );
    await expect.poll(() => ingest.refused, WAIT).toBeGreaterThanOrEqual(3);
    expect(errors[0]).toMatch(/401/);
    expect(ingest.connections).toHaveLength(0);
    expect(fleet.stats().connected).toBe(0);
    expect(fleet.stats().framesSent).toBe(0);
  });
});
