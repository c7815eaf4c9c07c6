/**
 * The plugin side of `npm run bench:ingest` and `npm run bench:graph`, run
 * as a child process so that the load does not share an event loop with
 * ingest. Every frame it sends carries `bench_sent_at` (ms, sub-millisecond
 * precision, comparable across processes) which ingest keeps in `extra`, so
 * the parent can measure frame sent to row committed (or to subscriber
 * received); in `fleet` mode the frame's `timestamp` is its send time too.
 *
 * Modes:
 * - `full`: a few connections send the fleet's frames as fast as the sockets
 *   take them (simulated time runs as fast as needed).
 * - `fleet`: one connection per character at the protocol's own rates; the
 *   characters log in over `--login-seconds` first, then all play for
 *   `--seconds`. With `--only <type>` (`telemetry` for the map), only that
 *   type of frame is sent.
 */
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { createFleet, type Frame, type SimulatedCharacter } from '@lifestone/simulator';
import { now } from './common.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    secret: { type: 'string' },
    mode: { type: 'string' },
    connections: { type: 'string' },
    seconds: { type: 'string' },
    seed: { type: 'string', default: '7' },
    'login-seconds': { type: 'string', default: '120' },
    only: { type: 'string' },
    // Report `sent` and close only when the parent says `close` (bench:ingest, which knows what was committed).
    'close-when-told': { type: 'boolean', default: false },
  },
});
const url = values.url as string;
const secret = values.secret as string;
const connections = Number(values.connections);
const durationMs = Number(values.seconds) * 1000;
const seed = Number(values.seed);
const loginRampMs = Number(values['login-seconds']) * 1000;
const only = values.only;

const HIGH_WATER = 1 << 20;

interface Report {
  sent: number;
  byType: Record<string, number>;
  connectMs: number;
  refused: number;
  /** In `fleet` mode, frames sent per character, in the fleet's order. */
  byCharacter?: number[];
}
const report: Report = { sent: 0, byType: {}, connectMs: 0, refused: 0 };

/**
 * Sends a frame stamped with its send time: `bench_sent_at` (kept by ingest in
 * `extra`) and the frame's own `timestamp` (in the character's format), which
 * is all the `positions` feed passes on.
 */
function send(socket: WebSocket, frame: object & { type: string; timestamp?: unknown }, character?: number): void {
  const sentAt = now();
  if (character !== undefined && report.byCharacter) report.byCharacter[character]!++;
  const timestamp = typeof frame.timestamp === 'number' ? Math.floor(sentAt) : new Date(sentAt).toISOString();
  socket.send(JSON.stringify({ ...frame, timestamp, bench_sent_at: sentAt }));
  report.sent++;
  report.byType[frame.type] = (report.byType[frame.type] ?? 0) + 1;
}

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { 'x-plugin-secret': secret }, perMessageDeflate: false });
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type?: string }).type === 'error') report.refused++;
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Opens all connections, a few hundred at a time, so the ramp does not look like a SYN flood. */
async function openAll(count: number): Promise<WebSocket[]> {
  const started = now();
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 250) sockets.push(...(await Promise.all(Array.from({ length: Math.min(250, count - i) }, open))));
  report.connectMs = now() - started;
  return sockets;
}

/** Simulated time each full-speed connection's frames cover; they are sent over and over. */
const FULL_SPEED_SIMULATED_MS = 2 * 3_600_000;

async function fullSpeed(): Promise<void> {
  const start = Date.now();
  // Frames are made and serialised before the clock starts, so that the load
  // generator spends its CPU on sending, not on simulating.
  const scripts = createFleet({ characters: connections, seed, start }).map((character) =>
    [...character.loginFrames(start), ...character.framesUntil(start + FULL_SPEED_SIMULATED_MS)].map((frame) => ({
      type: frame.type,
      head: JSON.stringify(frame).slice(0, -1),
    })),
  );
  const sockets = await openAll(connections);
  process.send?.({ phase: 'connected' });
  const deadline = now() + durationMs;
  await Promise.all(scripts.map(async (script, i) => {
    const socket = sockets[i] as WebSocket;
    for (let next = 0; now() < deadline; next = (next + 1) % script.length) {
      const { type, head } = script[next] as { type: string; head: string };
      socket.send(`${head},"bench_sent_at":${now()}}`);
      report.sent++;
      report.byType[type] = (report.byType[type] ?? 0) + 1;
      if (socket.bufferedAmount > HIGH_WATER) await drained(socket);
      else if (next % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }));
  await closeWhenTaken(sockets);
}

async function protocolRates(): Promise<void> {
  const start = Date.now();
  const fleet = createFleet({ characters: connections, seed, start });
  const sockets = await openAll(connections);
  report.byCharacter = new Array<number>(connections).fill(0);
  // Characters log in one after another over the ramp, as a fleet comes online,
  // then all of them play at the protocol's rates for the measured duration.
  const rampStart = Date.now();
  const loginAt = (i: number): number => rampStart + (i * loginRampMs) / connections;
  let loggedIn = 0;
  let steadySince = Number.POSITIVE_INFINITY;
  const emit = (index: number, frame: Frame): void => {
    if (!only || frame.type === only) send(sockets[index] as WebSocket, frame, index);
  };
  const tick = (index: number, at: number): void => {
    (fleet[index] as SimulatedCharacter).tick(at, (frame) => emit(index, frame));
  };
  for (;;) {
    const at = Date.now();
    for (; loggedIn < connections && loginAt(loggedIn) <= at; loggedIn++) {
      for (const frame of (fleet[loggedIn] as SimulatedCharacter).loginFrames(at)) emit(loggedIn, frame);
    }
    if (loggedIn === connections && steadySince === Number.POSITIVE_INFINITY) {
      steadySince = now();
      process.send?.({ phase: 'connected' });
    }
    if (now() - steadySince >= durationMs) break;
    for (let i = 0; i < loggedIn; i++) tick(i, at);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await closeWhenTaken(sockets);
}

/**
 * Closes the sockets once the parent says ingest has taken every frame sent.
 * A socket closed while ingest is not reading it (backpressure) would be cut
 * after ws's close timeout, and frames still in flight with it: lost by the
 * bench, not by ingest.
 */
async function closeWhenTaken(sockets: WebSocket[]): Promise<void> {
  await Promise.all(sockets.map(drained));
  if (values['close-when-told'] && process.send) {
    const released = new Promise<void>((resolve) => process.on('message', (message: { phase?: string }) => message.phase === 'close' && resolve()));
    process.send({ phase: 'sent', sent: report.sent, refused: report.refused });
    await released;
  }
  await closeAll(sockets);
}

function drained(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => (socket.bufferedAmount === 0 ? resolve() : void setTimeout(check, 5));
    check();
  });
}

function closeAll(sockets: WebSocket[]): Promise<void[]> {
  return Promise.all(sockets.map((socket) => new Promise<void>((resolve) => {
    socket.once('close', () => resolve());
    socket.close();
  })));
}

await (values.mode === 'full' ? fullSpeed() : protocolRates());
process.send?.({ phase: 'done', report }, () => process.disconnect?.());
