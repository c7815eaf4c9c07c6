import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { runMaintenance } from '@lifestone/lib/db';
import { traceId, type Logger } from '@lifestone/lib/log';
import { ErrorCode, errorFrame, type FrameError } from '@lifestone/lib/protocol';
import type { PubSub } from '@lifestone/lib/pubsub';
import { presentedSecret, secretMatches } from './auth.js';
import { FrameDecoder, type DecodeOutcome } from './decode/decoder.js';
import type { AcceptedEvent, EventOf } from './event.js';
import { createIngestMetrics, type IngestMetrics } from './metrics.js';
import { TokenBucket } from './rate-limit.js';
import { PositionPublisher } from './published.js';
import { PluginRelay, type PluginLink } from './relay.js';
import { EventWriter } from './writer.js';

/** The path plugins connect to. */
export const PLUGIN_PATH = '/ws/position';
/** Close code and reason sent to plugins when ingest shuts down. */
const GOING_AWAY = 1001;
/** How long plugins get to finish the close handshake at shutdown. */
const CLOSE_GRACE_MS = 3_000;
/** Frames waiting for a decode thread at which sockets stop being read (they resume at half of it). */
const DECODE_PENDING_MAX = 20_000;

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
  /** @default 50000 */
  queueMax?: number;
  /** Writer lanes committing side by side, events spread by character (see writer.ts). @default 3 */
  writerLanes?: number;
  /** @default 5000 */
  batchMax?: number;
  /** @default 20 */
  batchWaitMs?: number;
  /** Threads parsing and serialising frames beside the main thread; 0 parses on it (see decode/decoder.ts). @default 2 */
  decodeThreads?: number;
  /** How often partitions and expired rows are maintained; 0 turns it off. @default 60000 */
  maintenanceIntervalMs?: number;
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
class PluginConnection implements PluginLink {
  readonly bucket: TokenBucket;

  constructor(
    /** Which decode lane its frames take (see decode/decoder.ts). */
    readonly lane: number,
    readonly socket: WebSocket,
    rateLimit: number,
    rateBurst: number,
  ) {
    this.bucket = new TokenBucket(rateLimit, rateBurst, Date.now());
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
  } = options;
  const metrics = createIngestMetrics();
  // One labelled child per frame type, looked up once: the firehose counts every frame.
  const acceptedCounters = new Map<string, ReturnType<typeof metrics.framesAccepted.labels>>();
  const acceptedCounter = (type: string) => {
    let counter = acceptedCounters.get(type);
    if (!counter) acceptedCounters.set(type, (counter = metrics.framesAccepted.labels(type)));
    return counter;
  };
  const connections = new Set<PluginConnection>();
  const relay = new PluginRelay(pubsub, log);
  const positions = new PositionPublisher(pubsub, log);
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
    pool, pubsub, log, metrics,
    lanes: options.writerLanes ?? 3,
    batchMax: options.batchMax ?? 5000,
    batchWaitMs: options.batchWaitMs ?? 20,
    queueMax: options.queueMax ?? 50_000,
    onCommitted: options.onCommitted,
    onBackpressure: (behind) => {
      writerBehind = behind;
      setPaused();
    },
  });

  pool.on('error', (error) => log.warn({ err: error }, 'idle database connection lost'));
  await Promise.all([decoder.ready(), maintain()]);
  const maintenanceTimer = maintenanceIntervalMs > 0 ? setInterval(() => void maintain(), maintenanceIntervalMs) : undefined;
  maintenanceTimer?.unref();

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
  const wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(maxFrameBytes * 4, 16 * 1_048_576) });
  const server: Server = createServer((request, response) => void handleHttp(request, response));

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://ingest').pathname;
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
      metrics.decodePending.set(decoder.pending);
      response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'NOT_FOUND', message: `No route ${path}; plugins connect to ${PLUGIN_PATH}.` }));
    }
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://ingest');
    if (url.pathname !== PLUGIN_PATH) return refuseUpgrade(socket, 404, 'NOT_FOUND', `Plugins connect to ${PLUGIN_PATH}.`);
    if (!secretMatches(pluginSecret, presentedSecret(request, url))) {
      const message = pluginSecret
        ? 'Wrong or missing plugin secret: send it in the X-Plugin-Secret header or ?secret=.'
        : 'This ingest has no plugin secret configured (LIFESTONE_PLUGIN_SECRET), so it refuses every plugin.';
      log.warn({ remote: request.socket.remoteAddress }, 'plugin refused: bad secret');
      return refuseUpgrade(socket, 401, 'UNAUTHORIZED', message);
    }
    wss.handleUpgrade(request, socket, head, (ws) => accept(ws));
  });

  function accept(socket: WebSocket): void {
    const connection = new PluginConnection(connectionCount++, socket, rateLimit, rateBurst);
    connections.add(connection);
    metrics.connectedPlugins.set(connections.size);
    if (paused) socket.pause();
    socket.on('message', (data, isBinary) => receive(connection, data, isBinary));
    socket.on('error', (error) => log.debug({ err: error }, 'plugin socket error'));
    socket.on('close', () => {
      connections.delete(connection);
      metrics.connectedPlugins.set(connections.size);
      void relay.remove(connection);
    });
  }

  function receive(connection: PluginConnection, data: RawData, _isBinary: boolean): void {
    const receivedAt = new Date();
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
    if (!connection.bucket.take(receivedAt.getTime())) {
      return decoder.refuse(connection.lane, connection, {
        code: ErrorCode.RATE_LIMITED,
        message: `Too many frames: this connection may send ${rateLimit} frames per second (bursts of ${rateBurst}); this frame was not stored, slow down and resend it.`,
        ref: peekRef(bytes),
        details: [],
      }, receivedAt);
    }
    if (bytes.length > maxFrameBytes) {
      return decoder.refuse(connection.lane, connection, {
        code: ErrorCode.FRAME_TOO_LARGE,
        message: `Frame of ${bytes.length} bytes is over the limit of ${maxFrameBytes} bytes; split it (e.g. inventory into deltas) and resend.`,
        ref: peekRef(bytes),
        details: [{ path: '', message: `${bytes.length} > ${maxFrameBytes} bytes` }],
      }, receivedAt);
    }
    decoder.decode(connection.lane, connection, bytes.toString('utf8'), receivedAt);
  }

  function decoded(connection: PluginConnection, outcome: DecodeOutcome): void {
    if (!outcome.ok) return refuse(connection, outcome.error);
    const { event } = outcome;
    acceptedCounter(event.type).inc();
    // A frame decoded after its socket closed is stored like any other, but
    // joins nothing: the relay has forgotten the connection for good.
    if (connections.has(connection)) {
      relay.addCharacter(connection, event.character);
      if (event.type === 'share_vitals') {
        relay.shareVitals(connection, (event as EventOf<'share_vitals'>).frame).catch((error) => log.warn({ err: error }, 'relaying shared vitals failed'));
      }
    }
    if (event.type === 'telemetry') positions.add(event);
    writer.enqueue(event);
  }

  function refuse(connection: PluginConnection, error: FrameError): void {
    metrics.framesRefused.inc({ code: error.code });
    const trace = traceId();
    log.debug({ code: error.code, ref: error.ref, traceId: trace }, 'frame refused');
    connection.send(errorFrame(error, trace));
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
      await positions.flush();
      await writer.flush();
    },
    async close() {
      if (maintenanceTimer) clearInterval(maintenanceTimer);
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
      await positions.flush();
      await writer.close();
      wss.close();
      server.closeAllConnections();
      await closed;
      log.info('ingest stopped; every accepted event is stored');
    },
  };
}

/** Answers a refused WebSocket upgrade with a plain HTTP status and a JSON reason. */
function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ code, message });
  const reason = status === 401 ? 'Unauthorized' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** The `type` and `character_name` of a frame that is not parsed (too large, over the rate), where a glance finds them. */
function peekRef(bytes: Buffer): FrameError['ref'] {
  const head = bytes.subarray(0, 1024).toString('utf8');
  const field = (name: string): string | null => new RegExp(`"${name}"\\s*:\\s*"([^"\\\\]{1,64})"`).exec(head)?.[1] ?? null;
  return { type: field('type'), character_name: field('character_name') };
}
