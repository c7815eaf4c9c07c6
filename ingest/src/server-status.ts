/**
 * Game server status: every `LIFESTONE_SERVER_CHECK_INTERVAL_MS`, each server
 * of `LIFESTONE_GAME_SERVERS` is probed and its row in `server_status`
 * replaced (up or down, latency, players when the server says).
 *
 * - `http(s)://...`: a GET; a 2xx answer is up. When the body is JSON with a
 *   numeric `players` (or `online`, `playerCount`) at its top level, that is
 *   the player count.
 * - `tcp://host:port`: up when a TCP connection opens; no player count.
 *
 * The latency is the time to the answer's headers (HTTP) or to the open
 * connection (TCP). A probe that fails or times out records `down` with the
 * reason in `extra.error`.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Logger } from '@lifestone/lib/log';

/** One server to watch: the name the dashboard shows and where to probe it. */
export interface GameServer {
  name: string;
  url: URL;
}

/** What one probe found. */
export interface ServerCheck {
  status: 'up' | 'down';
  latencyMs: number | null;
  players: number | null;
  error?: string;
}

/** `LIFESTONE_GAME_SERVERS` was not understood. */
export class GameServersSettingError extends Error {
  constructor(message: string) {
    super(`LIFESTONE_GAME_SERVERS: ${message}; expected "Name=http://host:port/status, Other=tcp://host:port"`);
    this.name = 'GameServersSettingError';
  }
}

/** Parses `Name=url, Name=url`; throws a {@link GameServersSettingError} naming the entry it cannot read. */
export function parseGameServers(value: string | undefined): GameServer[] {
  if (!value?.trim()) return [];
  return value.split(',').map((entry) => {
    const separator = entry.indexOf('=');
    const name = entry.slice(0, separator).trim();
    const address = entry.slice(separator + 1).trim();
    if (separator < 0 || !name || !address) throw new GameServersSettingError(`"${entry.trim()}" is not Name=url`);
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      throw new GameServersSettingError(`"${address}" (${name}) is not a URL`);
    }
    if (!['http:', 'https:', 'tcp:'].includes(url.protocol)) throw new GameServersSettingError(`${name}: ${url.protocol} is not http, https or tcp`);
    if (url.protocol === 'tcp:' && (!url.hostname || !url.port)) throw new GameServersSettingError(`${name}: tcp needs a host and a port`);
    return { name, url };
  });
}

/** Probes one server within `timeoutMs`. Never throws: a failure is a `down` check. */
export async function checkServer(server: GameServer, timeoutMs: number): Promise<ServerCheck> {
  const started = performance.now();
  try {
    if (server.url.protocol === 'tcp:') {
      await connectOnce(server.url.hostname, Number(server.url.port), timeoutMs);
      return { status: 'up', latencyMs: performance.now() - started, players: null };
    }
    const response = await fetch(server.url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    const latencyMs = performance.now() - started;
    const body = await response.text();
    if (!response.ok) return { status: 'down', latencyMs: null, players: null, error: `HTTP ${response.status}` };
    return { status: 'up', latencyMs, players: playersIn(body) };
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    return { status: 'down', latencyMs: null, players: null, error: reason };
  }
}

function playersIn(body: string): number | null {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    for (const key of ['players', 'online', 'playerCount']) {
      const value = parsed?.[key];
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.round(value);
    }
  } catch {
    // Not JSON: up, with no player count.
  }
  return null;
}

function connectOnce(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** Replaces the server's row with what `check` found at `checkedAt`. */
export async function recordCheck(pool: pg.Pool, server: GameServer, check: ServerCheck, checkedAt: Date): Promise<void> {
  await pool.query(
    `INSERT INTO server_status (server, status, players, latency_ms, checked_at, extra) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (server) DO UPDATE SET status = EXCLUDED.status, players = EXCLUDED.players, latency_ms = EXCLUDED.latency_ms,
       checked_at = EXCLUDED.checked_at, extra = EXCLUDED.extra`,
    [server.name, check.status, check.players, check.latencyMs, checkedAt, check.error ? { error: check.error } : null],
  );
}

/** Options of {@link watchGameServers}. */
export interface WatchGameServersOptions {
  pool: pg.Pool;
  servers: readonly GameServer[];
  log: Logger;
  /** @default 60000 */
  intervalMs?: number;
  /** @default 5000, and never more than the interval */
  timeoutMs?: number;
}

/** Probes every server now and then every `intervalMs`; `close()` stops and waits for a round in progress. */
export function watchGameServers({ pool, servers, log, intervalMs = 60_000, timeoutMs = 5_000 }: WatchGameServersOptions): { close(): Promise<void> } {
  let round: Promise<void> = Promise.resolve();
  const checkAll = () =>
    (round = round.then(() =>
      Promise.all(
        servers.map(async (server) => {
          const check = await checkServer(server, Math.min(timeoutMs, intervalMs));
          await recordCheck(pool, server, check, new Date()).catch((error: unknown) => log.warn({ err: error, server: server.name }, 'could not record the game server status'));
          if (check.status === 'down') log.warn({ server: server.name, reason: check.error }, 'game server is down');
        }),
      ).then(() => undefined),
    ));
  void checkAll();
  const timer = setInterval(checkAll, intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await round;
    },
  };
}
