/**
 * Runs a fleet against ingest over real WebSockets: one connection per
 * character, as each game client runs its own plugin.
 *
 * One shared timer drives the whole fleet (every `tickMs` it hands each
 * connected character the frames due by then), so 10,000 characters cost one
 * timer, not 10,000.
 */

import WebSocket from 'ws';
import type { SimulatedCharacter } from './character.js';
import { createFleet } from './fleet.js';
import type { CommandFrame, ErrorFrame, Frame } from './frames.js';

/** Where the fleet reports what happens; a pino logger fits. */
export interface FleetLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface RunFleetOptions {
  /** Ingest's plugin endpoint, e.g. `ws://127.0.0.1:4100/ws/position`. */
  url: string;
  /** Sent in the `X-Plugin-Secret` header. */
  secret: string;
  characters: number;
  /** @default 1 */
  seed?: number;
  /** Simulated seconds per real second. @default 1 */
  speed?: number;
  /** Epoch ms the simulated clock starts at. @default Date.now() */
  start?: number;
  /** Connections open one after another over this many ms. @default min(10_000, 25 × characters) */
  rampUpMs?: number;
  /** Period of the shared timer. @default 250 */
  tickMs?: number;
  /** First reconnection delay; it doubles per failed attempt, with jitter. @default 500 */
  reconnectInitialMs?: number;
  /** Longest reconnection delay. @default 30_000 */
  reconnectMaxMs?: number;
  /** Socket errors (refused connection, failed handshake, ...). @default the first error of each outage logged as a warning */
  onError?: (error: Error, character: string) => void;
  /** @default silent */
  log?: FleetLog;
}

export interface FleetStats {
  characters: number;
  /** Open connections. */
  connected: number;
  framesSent: number;
  /** `error` frames ingest sent back. */
  errorsReceived: number;
  /** `command` frames ingest relayed from operators. */
  commandsReceived: number;
  /** Connections opened again after one dropped. */
  reconnects: number;
}

export interface FleetHandle {
  /** Closes every connection cleanly (code 1000) and stops the timers. */
  stop(): Promise<void>;
  stats(): FleetStats;
  /** The simulated characters, e.g. to look up names. */
  readonly characters: readonly SimulatedCharacter[];
}

/** A connection's buffered bytes above which its character waits (frames stay due, none are lost). */
const HIGH_WATER_BYTES = 1 << 20;
/** A connection that lived this long resets the backoff. */
const STABLE_CONNECTION_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const silent: FleetLog = { info() {}, warn() {} };

interface Link {
  readonly character: SimulatedCharacter;
  socket: WebSocket | null;
  open: boolean;
  openedAt: number;
  /** Real time of the next connection attempt; Infinity while a socket exists. */
  connectAt: number;
  attempts: number;
  /** False until the ramp-up opens its first connection. */
  started: boolean;
  everOpened: boolean;
}

/** Starts the fleet: connections open over the ramp-up, frames flow as simulated time advances. */
export function runFleet(options: RunFleetOptions): FleetHandle {
  const { url, secret, characters: count } = options;
  const speed = options.speed ?? 1;
  const tickMs = options.tickMs ?? 250;
  const rampUpMs = options.rampUpMs ?? Math.min(10_000, 25 * count);
  const initialDelay = options.reconnectInitialMs ?? 500;
  const maxDelay = options.reconnectMaxMs ?? 30_000;
  const log = options.log ?? silent;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);

  const realStart = Date.now();
  const simStart = options.start ?? realStart;
  const simNow = (): number => simStart + (Date.now() - realStart) * speed;
  const fleet = createFleet({ characters: count, seed: options.seed ?? 1, start: simStart });
  const stats: FleetStats = { characters: count, connected: 0, framesSent: 0, errorsReceived: 0, commandsReceived: 0, reconnects: 0 };
  const links: Link[] = fleet.map((character, i) => ({
    character,
    socket: null,
    open: false,
    openedAt: 0,
    connectAt: realStart + (count > 1 ? Math.round((i * rampUpMs) / count) : 0),
    attempts: 0,
    started: false,
    everOpened: false,
  }));
  let stopping = false;

  const connect = (link: Link): void => {
    const name = link.character.name;
    const socket = new WebSocket(url, { headers: { 'X-Plugin-Secret': secret }, perMessageDeflate: false, handshakeTimeout: 10_000 });
    link.socket = socket;
    link.connectAt = Infinity;
    const send = (frame: Frame): void => {
      socket.send(JSON.stringify(frame));
      stats.framesSent++;
    };
    socket.on('open', () => {
      if (link.everOpened) stats.reconnects++;
      link.everOpened = true;
      link.open = true;
      link.openedAt = Date.now();
      stats.connected++;
      for (const frame of link.character.loginFrames(simNow())) send(frame);
      link.character.tick(simNow(), send);
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        log.warn({ character: name }, 'ingest sent a frame that is not JSON');
        return;
      }
      const type = (message as { type?: unknown } | null)?.type;
      if (type === 'error') {
        stats.errorsReceived++;
        const { code, message: text, ref } = message as ErrorFrame;
        log.warn({ character: name, code, ref }, `ingest refused a frame: ${text}`);
      } else if (type === 'command') {
        stats.commandsReceived++;
        const { command } = message as CommandFrame;
        log.info({ character: name, command }, 'command received');
        if (typeof command === 'string') {
          link.character.command(command, simNow());
          link.character.tick(simNow(), send);
        }
      }
    });
    socket.on('error', (error) => {
      if (stopping) return;
      if (options.onError) options.onError(error, name);
      // While ingest is down, every retry fails: log the first failure, not thousands.
      else if (link.attempts === 0) log.warn({ character: name, err: error.message }, 'connection error; reconnecting with backoff');
    });
    socket.on('close', () => {
      if (link.open) {
        stats.connected--;
        link.character.logout();
        if (Date.now() - link.openedAt >= STABLE_CONNECTION_MS) link.attempts = 0;
      }
      link.open = false;
      link.socket = null;
      if (stopping) return;
      const backoff = Math.min(maxDelay, initialDelay * 2 ** link.attempts);
      link.attempts++;
      link.connectAt = Date.now() + Math.round(backoff * (0.5 + Math.random() * 0.5));
    });
  };

  const tick = (): void => {
    const real = Date.now();
    const now = simNow();
    for (const link of links) {
      if (link.open) {
        const socket = link.socket as WebSocket;
        if (socket.bufferedAmount < HIGH_WATER_BYTES) {
          link.character.tick(now, (frame) => {
            socket.send(JSON.stringify(frame));
            stats.framesSent++;
          });
        }
      } else if (link.started && link.socket === null && real >= link.connectAt) {
        connect(link);
      }
    }
  };

  // Initial connections at their staggered times; the shared timer takes over reconnections.
  let next = 0;
  const rampUp = setInterval(() => {
    const real = Date.now();
    while (next < links.length && (links[next] as Link).connectAt <= real) {
      const link = links[next++] as Link;
      link.started = true;
      connect(link);
    }
    if (next >= links.length) clearInterval(rampUp);
  }, Math.max(1, Math.min(tickMs, Math.floor(rampUpMs / Math.max(1, count)) || 1)));
  const timer = setInterval(tick, tickMs);

  return {
    characters: fleet,
    stats: () => ({ ...stats }),
    async stop() {
      if (stopping) return;
      stopping = true;
      clearInterval(rampUp);
      clearInterval(timer);
      const closing: Promise<void>[] = [];
      for (const link of links) {
        const socket = link.socket;
        if (!socket) continue;
        closing.push(
          new Promise<void>((resolve) => {
            const force = setTimeout(() => socket.terminate(), STOP_TIMEOUT_MS);
            socket.once('close', () => {
              clearTimeout(force);
              resolve();
            });
          }),
        );
        if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'simulator stopping');
        else socket.terminate();
      }
      await Promise.all(closing);
    },
  };
}
