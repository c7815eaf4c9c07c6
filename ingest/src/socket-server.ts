import { isUtf8 } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { runMaintenance } from '@lifestone/lib/db';
import { metricsAllowed, requestUrl } from '@lifestone/lib/http';
import { traceId, type Logger } from '@lifestone/lib/log';
import { ErrorCode, errorFrame, type FrameError } from '@lifestone/lib/protocol';
import type { PubSub } from '@lifestone/lib/pubsub';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from './alerts/detect.js';
import { markLoggedOut, sweepOffline } from './alerts/store.js';
import { presentedSecret, secretMatches } from './auth.js';
import type { AcceptedEvent } from './accepted-event.js';
import { AcceptedEventPipeline, type EventSource } from './event-pipeline.js';
import { peekRef } from './frame-decoder/decode-frames.js';
import { FrameDecoder, type DecodeOutcome } from './frame-decoder/frame-decoder.js';
import { createIngestMetrics, type IngestMetrics } from './metrics.js';
import { EventPublisher } from './publisher.js';
import { TokenBucket } from './rate-limit.js';
import { RefusalRecorder } from './refusals.js';
import { PluginRelay } from './relay.js';
import { EventWriter } from './writer.js';

/** The path plugins connect to. */
export const PLUGIN_PATH = '/ws/position';
/** Close code and reason sent to plugins when ingest shuts down. */
const GOING_AWAY = 1001;
/** The close code of a connection lost without a close handshake; any other close a plugin starts is a logout. */
const ABNORMAL_CLOSURE = 1006;
/** How often ingest looks for characters gone silent (OFFLINE alerts), at most. */
const OFFLINE_CHECK_MS = 10_000;
/** How long plugins get to finish the close handshake at shutdown. */
const CLOSE_GRACE_MS = 3_000;
/** Frames waiting for a decode thread at which sockets stop being read (they resume at half of it). */
const DECODE_PENDING_MAX = 20_000;
/**
 * Bytes waiting to go out to a plugin past which its error frames are
 * dropped: a plugin that floods refused frames and reads nothing would
 * otherwise have ingest hold every refusal in memory (25 MB per 100,000).
 */
const ERROR_BACKLOG_BYTES = 1_048_576;

export interface IngestOptions {
  pool: pg.Pool;
  pubsub: PubSub;
  log: Logger;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 4100 */
  port?: number;
  /** The plugins' shared secret; with none, every plugin is refused. */
  pluginSecret: string | undefined;
  /** @default 1048576 */
  maxFrameBytes?: number;
  /** Frames per second per connection. @default 20 */
  rateLimit?: number;
  /** Frames a connection may send at once above the rate. @default 100 */
  rateBurst?: number;
  /** Bytes per second per connection. @default 262144 */
  byteRateLimit?: number;
  /** Bytes a connection may send at once above the byte rate (at least the largest frame, or such frames never pass). @default 2097152 */
  byteRateBurst?: number;
  /** Bearer token `/metrics` requires (`LIFESTONE_METRICS_TOKEN`); unset: open. */
  metricsToken?: string;
  /** Plugin connections open at once with one secret; more are refused at the upgrade (503). @default 20000 */
  maxConnectionsPerSecret?: number;
  /** @default 50000 */
  queueMax?: number;
  /** Writer lanes committing side by side, events spread by character (see writer.ts). @default 3 */
  writerLanes?: number;
  /** @default 5000 */
  batchMax?: number;
  /** @default 20 */
  batchWaitMs?: number;
  /** Threads parsing and serialising frames beside the main thread; 0 parses on it (see frame-decoder/). @default 2 */
  decodeThreads?: number;
  /** How often partitions and expired rows are maintained; 0 turns it off. @default 60000 */
  maintenanceIntervalMs?: number;
  /** When alerts fire; what is not given takes its default (see alerts/detect.ts). */
  alerts?: Partial<AlertSettings> & {
    /** How often silent characters are looked for. @default the smaller of 10 s and a quarter of `offlineMs` */
    offlineCheckMs?: number;
  };
  /** Told after each batch is committed (benchmarks measure frame-to-commit latency with it). */
  onCommitted?: (events: readonly AcceptedEvent[]) => void;
}

export interface Ingest {
  /** `http://host:port` */
  url: string;
  /** `ws://host:port/ws/position` */
  pluginUrl: string;
  port: number;
  metrics: IngestMetrics;
  /** Resolves once everything accepted so far is committed, and its positions published. */
  flush(): Promise<void>;
  /** Refuses new plugins, closes connections, writes everything accepted, then resolves. */
  close(): Promise<void>;
}

/** One plugin's WebSocket and what ingest knows of it. */
class PluginConnection implements EventSource {
  /** Frames per second. */
  readonly frames: TokenBucket;
  /** Bytes per second: a few large frames can cost more than many small ones. */
  readonly bytes: TokenBucket;

  constructor(
    /** Which decode lane its frames take (see frame-decoder/frame-decoder.ts). */
    readonly lane: number,
    readonly socket: WebSocket,
    /** The secret it presented, whose count of open connections it holds one of. */
    readonly secret: string,
    /** The characters it sent frames of. */
    readonly characters: Set<string>,
    limits: { rateLimit: number; rateBurst: number; byteRateLimit: number; byteRateBurst: number },
  ) {
    const now = Date.now();
    this.frames = new TokenBucket(limits.rateLimit, limits.rateBurst, now);
    this.bytes = new TokenBucket(limits.byteRateLimit, limits.byteRateBurst, now);
  }

  send(frame: object): void {
    this.sendText(JSON.stringify(frame));
  }

  sendText(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }
}

/** Starts the ingest service: HTTP (`/healthz`, `/metrics`) and the plugin WebSocket. */
export async function startIngest(options: IngestOptions): Promise<Ingest> {
  const {
    pool, pubsub, log, host = '127.0.0.1', port = 4100, pluginSecret,
    maxFrameBytes = 1_048_576, rateLimit = 20, rateBurst = 100, maintenanceIntervalMs = 60_000,
    byteRateLimit = 262_144, byteRateBurst = 2_097_152, maxConnectionsPerSecret = 20_000,
  } = options;
  const limits = { rateLimit, rateBurst, byteRateLimit, byteRateBurst };
  const alerts: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, ...withoutUndefined(options.alerts ?? {}) };
  const startedAt = Date.now();
  /** Set once close() begins: plugins closed then are not logging out. */
  let stopping = false;
  /** Open connections per presented secret (one shared secret today; per-plugin secrets later count alike). */
  const openPerSecret = new Map<string, number>();
  const metrics = createIngestMetrics();
  const connections = new Set<PluginConnection>();
  const refusals = new RefusalRecorder(pool, log);
  const relay = new PluginRelay(pubsub, log);
  const publisher = new EventPublisher(pubsub, log);
  // Sockets stop being read while the writer or the decode threads are behind.
  let writerBehind = false;
  let decoderBehind = false;
  let paused = false;
  const setPaused = (): void => {
    const pause = writerBehind || decoderBehind;
    if (pause === paused) return;
    paused = pause;
    metrics.backpressure.set(pause ? 1 : 0);
    for (const connection of connections) {
      if (pause) connection.socket.pause();
      else connection.socket.resume();
    }
  };
  let connectionCount = 0;
  const decoder = new FrameDecoder<PluginConnection>({
    threads: options.decodeThreads ?? 2,
    log,
    maxPending: DECODE_PENDING_MAX,
    onDecoded: (connection, outcome) => decoded(connection, outcome),
    onBehind: (behind) => {
      decoderBehind = behind;
      log.warn({ frames: decoder.pending }, behind ? 'decoding is behind: pausing plugin sockets' : 'decoding caught up');
      setPaused();
    },
  });
  const writer = new EventWriter({
    pool, publisher, log, metrics,
    lanes: options.writerLanes ?? 3,
    batchMax: options.batchMax ?? 5000,
    batchWaitMs: options.batchWaitMs ?? 20,
    queueMax: options.queueMax ?? 50_000,
    alerts,
    onCommitted: options.onCommitted,
    onBackpressure: (behind) => {
      writerBehind = behind;
      setPaused();
    },
  });
  const pipeline = new AcceptedEventPipeline({ metrics, relay, publisher, writer, log });

  pool.on('error', (error) => log.warn({ err: error }, 'idle database connection lost'));
  await Promise.all([decoder.ready(), maintain()]);
  const maintenanceTimer = maintenanceIntervalMs > 0 ? setInterval(() => void maintain(), maintenanceIntervalMs) : undefined;
  maintenanceTimer?.unref();
  const offlineTimer = setInterval(() => void sweep(), options.alerts?.offlineCheckMs ?? Math.min(OFFLINE_CHECK_MS, alerts.offlineMs / 4));
  offlineTimer.unref();
  let sweeping = false;

  /**
   * Raises OFFLINE alerts. Not before this instance has been up for the
   * offline time: after a pause of ingest, plugins need a moment to come back.
   */
  async function sweep(): Promise<void> {
    const now = Date.now();
    if (sweeping || now - startedAt < alerts.offlineMs) return;
    sweeping = true;
    try {
      const raised = await sweepOffline(pool, new Date(now), alerts.offlineMs);
      if (raised.length > 0) await publisher.alerts(raised);
    } catch (error) {
      log.warn({ err: error }, 'looking for silent characters failed; retrying at the next check');
    } finally {
      sweeping = false;
    }
  }

  /** A plugin that closed cleanly logged out: once its frames are stored, its characters are neither idle nor offline. */
  async function loggedOut(characters: readonly string[], at: Date): Promise<void> {
    try {
      await writer.flush();
      await markLoggedOut(pool, characters, at);
    } catch (error) {
      log.warn({ err: error, characters: characters.length }, 'recording a logout failed; its characters may be reported offline');
    }
  }

  async function maintain(): Promise<void> {
    try {
      const result = await runMaintenance(pool);
      if (result.created.length || result.dropped.length) log.info(result, 'partitions maintained');
    } catch (error) {
      log.warn({ err: error }, 'partition maintenance failed; retrying at the next interval');
    }
  }

  // ws closes a connection whose message exceeds maxPayload; allow well past the
  // limit so that an oversized frame gets an error frame and the plugin stays.
  // ws would close the connection (1007) over a text frame that is not UTF-8; ingest refuses that frame alone instead (see receive).
  const wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(maxFrameBytes * 4, 16 * 1_048_576), skipUTF8Validation: true });
  const server: Server = createServer((request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      // Not the URL: a plugin's ?secret= may be in it.
      log.error({ err: error, method: request.method }, 'an HTTP request failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = requestUrl(request);
    if (!url) {
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'BAD_REQUEST', message: NOT_A_URL }));
      return;
    }
    const path = url.pathname;
    if (path === '/healthz') {
      const body = {
        status: writer.databaseUp ? 'ok' : 'degraded',
        database: writer.databaseUp ? 'up' : 'retrying',
        pubsub: pubsub.kind,
        plugins: connections.size,
        queueDepth: writer.depth,
        decodePending: decoder.pending,
      };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    } else if (path === '/metrics') {
      if (!metricsAllowed(request, response, options.metricsToken)) return;
      metrics.decodePending.set(decoder.pending);
      response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'NOT_FOUND', message: `No route ${path}; plugins connect to ${PLUGIN_PATH}.` }));
    }
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = requestUrl(request);
    if (!url) return refuseUpgrade(socket, 400, 'BAD_REQUEST', NOT_A_URL);
    if (url.pathname !== PLUGIN_PATH) return refuseUpgrade(socket, 404, 'NOT_FOUND', `Plugins connect to ${PLUGIN_PATH}.`);
    const secret = presentedSecret(request, url);
    if (!secretMatches(pluginSecret, secret) || secret === undefined) {
      const message = pluginSecret
        ? 'Wrong or missing plugin secret: send it in the X-Plugin-Secret header or ?secret=.'
        : 'This ingest has no plugin secret configured (LIFESTONE_PLUGIN_SECRET), so it refuses every plugin.';
      log.warn({ remote: request.socket.remoteAddress }, 'plugin refused: bad secret');
      return refuseUpgrade(socket, 401, 'UNAUTHORIZED', message);
    }
    if ((openPerSecret.get(secret) ?? 0) >= maxConnectionsPerSecret) {
      log.warn({ remote: request.socket.remoteAddress, limit: maxConnectionsPerSecret }, 'plugin refused: too many connections with its secret');
      return refuseUpgrade(socket, 503, 'TOO_MANY_CONNECTIONS', `${maxConnectionsPerSecret} plugins are connected with this secret already (LIFESTONE_MAX_PLUGIN_CONNECTIONS); retry later.`);
    }
    // Counted once open: ws answers a malformed handshake itself (400) and never calls back, and such a place would never be freed.
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws, secret));
  });

  function accept(socket: WebSocket, secret: string): void {
    openPerSecret.set(secret, (openPerSecret.get(secret) ?? 0) + 1);
    const connection = new PluginConnection(connectionCount++, socket, secret, new Set(), limits);
    connections.add(connection);
    metrics.connectedPlugins.set(connections.size);
    if (paused) socket.pause();
    socket.on('message', (data, isBinary) => {
      try {
        receive(connection, data, isBinary);
      } catch (error) {
        log.error({ err: error }, 'a plugin frame failed before decoding; it was not stored');
        refuse(connection, { code: ErrorCode.FRAME_FAILED, message: 'ingest failed on this frame before decoding it; it was not stored.', ref: { type: null, character_name: null }, details: [] });
      }
    });
    socket.on('error', (error) => log.debug({ err: error }, 'plugin socket error'));
    socket.on('close', (code) => {
      if (code !== ABNORMAL_CLOSURE && !stopping && connection.characters.size > 0) void loggedOut([...connection.characters], new Date());
      const open = (openPerSecret.get(secret) ?? 1) - 1;
      if (open > 0) openPerSecret.set(secret, open);
      else openPerSecret.delete(secret);
      connections.delete(connection);
      metrics.connectedPlugins.set(connections.size);
      void relay.remove(connection);
    });
  }

  function receive(connection: PluginConnection, data: RawData, isBinary: boolean): void {
    const receivedAt = new Date();
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
    if (!connection.frames.take(receivedAt.getTime())) {
      return decoder.refuse(connection.lane, connection, {
        code: ErrorCode.RATE_LIMITED,
        message: `Too many frames: this connection may send ${rateLimit} frames per second (bursts of ${rateBurst}); this frame was not stored, slow down and resend it.`,
        ref: peekRef(bytes.subarray(0, 1024).toString('utf8')),
        details: [],
      }, receivedAt);
    }
    if (bytes.length > maxFrameBytes) {
      // Its bytes were read all the same: they count against the byte rate.
      connection.bytes.spend(receivedAt.getTime(), bytes.length);
      return decoder.refuse(connection.lane, connection, {
        code: ErrorCode.FRAME_TOO_LARGE,
        message: `Frame of ${bytes.length} bytes is over the limit of ${maxFrameBytes} bytes; split it (e.g. inventory into deltas) and resend.`,
        ref: peekRef(bytes.subarray(0, 1024).toString('utf8')),
        details: [{ path: '', message: `${bytes.length} > ${maxFrameBytes} bytes` }],
      }, receivedAt);
    }
    if (!connection.bytes.take(receivedAt.getTime(), bytes.length)) {
      return decoder.refuse(connection.lane, connection, {
        code: ErrorCode.RATE_LIMITED,
        message: `Too many bytes: this connection may send ${byteRateLimit} bytes per second (bursts of ${byteRateBurst}); this frame of ${bytes.length} bytes was not stored, slow down and resend it.`,
        ref: peekRef(bytes.subarray(0, 1024).toString('utf8')),
        details: [],
      }, receivedAt);
    }
    // A frame is read as the text it holds, binary ones too, if that is UTF-8: decoding anything else would store replacement characters.
    if (!isUtf8(bytes)) {
      return decoder.refuse(connection.lane, connection, {
        code: ErrorCode.INVALID_JSON,
        message: isBinary
          ? 'This binary WebSocket frame is not UTF-8 text: send each frame as a text frame holding one JSON object.'
          : 'This text frame is not valid UTF-8 (a stray byte, a character cut short, or an encoded surrogate): send JSON encoded as UTF-8.',
        ref: peekRef(bytes.subarray(0, 1024).toString('utf8')),
        details: [],
      }, receivedAt);
    }
    decoder.decode(connection.lane, connection, bytes.toString('utf8'), receivedAt);
  }

  // What throws in here fails its frame alone: the decoder refuses it (FRAME_FAILED) and goes on.
  function decoded(connection: PluginConnection, outcome: DecodeOutcome): void {
    // A frame decoded after its socket closed joins nothing: the relay has forgotten the connection for good.
    if (outcome.ok) pipeline.take(outcome.event, connections.has(connection) ? connection : undefined);
    else refuse(connection, outcome.error);
  }

  function refuse(connection: PluginConnection, error: FrameError): void {
    metrics.framesRefused.inc({ code: error.code });
    const character = refusedCharacter(connection, error);
    if (character !== undefined) refusals.add(character, error.code, error.message, new Date());
    const trace = traceId();
    log.debug({ code: error.code, ref: error.ref, traceId: trace }, 'frame refused');
    if (connection.socket.bufferedAmount <= ERROR_BACKLOG_BYTES) connection.send(errorFrame(error, trace));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const base = `${host}:${address.port}`;
  log.info({ url: `http://${base}`, pubsub: pubsub.kind }, 'ingest listening');

  return {
    url: `http://${base}`,
    pluginUrl: `ws://${base}${PLUGIN_PATH}`,
    port: address.port,
    metrics,
    flush: async () => {
      await decoder.flush();
      await publisher.flush();
      await writer.flush();
      await refusals.flush();
    },
    async close() {
      stopping = true;
      if (maintenanceTimer) clearInterval(maintenanceTimer);
      clearInterval(offlineTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Every frame a plugin sent before its socket closed is accepted and
      // written: sockets close first, the writer drains after.
      const socketsClosed = [...connections].map(({ socket }) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
      for (const { socket } of connections) {
        socket.resume();
        socket.close(GOING_AWAY, 'ingest shutting down');
      }
      await Promise.race([Promise.all(socketsClosed), sleep(CLOSE_GRACE_MS, undefined, { ref: false })]);
      for (const { socket } of connections) socket.terminate();
      await decoder.close();
      await publisher.flush();
      await writer.close();
      await refusals.close();
      wss.close();
      server.closeAllConnections();
      await closed;
      log.info('ingest stopped; every accepted event is stored');
    },
  };
}

/** The members of `value` that are set: an unset setting leaves its default. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}

const NOT_A_URL = 'The request target is not a URL: ask for a path such as /healthz or /ws/position.';

const UPGRADE_REASONS: Readonly<Record<number, string>> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 503: 'Service Unavailable' };

/**
 * The character a refused frame is counted against: the one it names, or
 * the connection's only character when it names none readable. Only
 * characters the connection had a frame accepted for count, so frames
 * naming made-up characters cannot fill `plugin_refusals`.
 */
function refusedCharacter(connection: PluginConnection, error: FrameError): string | undefined {
  const named = error.ref.character_name;
  if (named !== null && connection.characters.has(named)) return named;
  if (named === null && connection.characters.size === 1) return connection.characters.values().next().value;
  return undefined;
}

/** Answers a refused WebSocket upgrade with a plain HTTP status and a JSON reason. */
function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ code, message });
  const reason = UPGRADE_REASONS[status] ?? 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
