import { isUtf8 } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { listen, metricsAllowed, requestUrl, sendHealth, type HealthReport } from '@lifestone/lib/http';
import { traceId, type Logger } from '@lifestone/lib/log';
import { ErrorCode, errorFrame, type FrameError } from '@lifestone/lib/protocol';
import { presentedSecret, secretMatches } from './auth.js';
import type { EventSource } from './event-pipeline.js';
import { peekRef } from './frame-decoder/decode-frames.js';
import type { FrameDecoder } from './frame-decoder/frame-decoder.js';
import type { IngestMetrics } from './metrics.js';
import type { IngestTracing } from './tracing.js';
import { TokenBucket } from './rate-limit.js';
import type { RefusalRecorder } from './refusals.js';
import type { PluginRelay } from './relay.js';

/** The path plugins connect to. */
export const PLUGIN_PATH = '/ws/position';
/** Close code and reason sent to plugins when ingest shuts down. */
const GOING_AWAY = 1001;
/** The close code of a connection lost without a close handshake; any other close a plugin starts is a logout. */
const ABNORMAL_CLOSURE = 1006;
/** How long plugins get to finish the close handshake at shutdown. */
const CLOSE_GRACE_MS = 3_000;
/**
 * Bytes waiting to go out to a plugin past which its error frames are
 * dropped: a plugin that floods refused frames and reads nothing would
 * otherwise have ingest hold every refusal in memory (25 MB per 100,000).
 */
const ERROR_BACKLOG_BYTES = 1_048_576;

/** What one plugin connection may send. */
export interface PluginLimits {
  maxFrameBytes: number;
  rateLimit: number;
  rateBurst: number;
  byteRateLimit: number;
  byteRateBurst: number;
  maxConnectionsPerSecret: number;
}

export interface SocketServerOptions {
  log: Logger;
  metrics: IngestMetrics;
  /** Spans of refused frames, when ingest traces. */
  tracing?: IngestTracing;
  limits: PluginLimits;
  /** The plugins' shared secret; with none, every plugin is refused. */
  pluginSecret: string | undefined;
  /** Bearer token `/metrics` requires; unset: open. */
  metricsToken: string | undefined;
  /** Where each frame's text goes, or its refusal. */
  decoder: FrameDecoder<PluginConnection>;
  relay: PluginRelay;
  refusals: RefusalRecorder;
  /** The answer of `/healthz`, given what the socket server adds to its body (plugins, frames waiting to be decoded). */
  health: (extra: Record<string, unknown>) => Promise<{ httpStatus: number; body: HealthReport }>;
  /** A plugin closed its socket itself: its characters logged out at `at`. */
  onLogout: (characters: string[], at: Date) => void;
}

/** One plugin's WebSocket and what ingest knows of it. */
export class PluginConnection implements EventSource {
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

/**
 * The socket server: HTTP (`/healthz`, `/metrics`) and the plugin
 * WebSocket (`/ws/position`). A request whose target is not a URL is
 * answered 400, and nothing one request does may throw out of a listener.
 * At the upgrade: the secret and the cap on connections per secret; then
 * per frame the frame rate, the size limit, the byte rate and UTF-8,
 * before the frame's text, or its refusal, goes to the frame decoder.
 * Refusals go back to the plugin as `error` frames, in the order of its
 * frames.
 */
export class PluginSocketServer {
  private readonly connections = new Set<PluginConnection>();
  /** Open connections per presented secret (one shared secret today; per-plugin secrets later count alike). */
  private readonly openPerSecret = new Map<string, number>();
  private connectionCount = 0;
  private paused = false;
  /** Set once closing begins: plugins closed then are not logging out. */
  private stopping = false;
  private closed: Promise<void> | undefined;
  private readonly wss: WebSocketServer;
  private readonly server: Server;

  constructor(private readonly options: SocketServerOptions) {
    const { log, limits } = options;
    // ws closes a connection whose message exceeds maxPayload; allow well past the
    // limit so that an oversized frame gets an error frame and the plugin stays.
    // ws would close the connection (1007) over a text frame that is not UTF-8; ingest refuses that frame alone instead (see receive).
    this.wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(limits.maxFrameBytes * 4, 16 * 1_048_576), skipUTF8Validation: true });
    this.server = createServer((request, response) => {
      this.handleHttp(request, response).catch((error: unknown) => {
        // Not the URL: a plugin's ?secret= may be in it.
        log.error({ err: error, method: request.method }, 'an HTTP request failed');
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end();
      });
    });
    this.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(request, socket, head));
  }

  /** Listens on `host` and `port` (0 picks a free one); resolves with the port. */
  async listen(host: string, port: number): Promise<number> {
    return (await listen(this.server, port, host)).port;
  }

  /** Whether the connection's socket is still open. */
  isOpen(connection: PluginConnection): boolean {
    return this.connections.has(connection);
  }

  /** Stops reading every socket (`true`) or starts again. */
  setPaused(pause: boolean): void {
    if (pause === this.paused) return;
    this.paused = pause;
    for (const connection of this.connections) {
      if (pause) connection.socket.pause();
      else connection.socket.resume();
    }
  }

  /** Tells the plugin why its frame was refused, and counts the refusal. */
  refuse(connection: PluginConnection, error: FrameError): void {
    this.options.metrics.framesRefused.inc({ code: error.code });
    const character = refusedCharacter(connection, error);
    if (character !== undefined) this.options.refusals.add(character, error.code, error.message, new Date());
    const trace = traceId();
    this.options.log.debug({ code: error.code, ref: error.ref, traceId: trace }, 'frame refused');
    this.options.tracing?.frameRefused(trace, error);
    if (connection.socket.bufferedAmount <= ERROR_BACKLOG_BYTES) connection.send(errorFrame(error, trace));
  }

  /**
   * Refuses new plugins and closes every connection: every frame a plugin
   * sent before its socket closed goes to the decoder. Plugins get a grace
   * period for the close handshake, then are cut off.
   */
  async closePlugins(): Promise<void> {
    this.stopping = true;
    this.closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const socketsClosed = [...this.connections].map(({ socket }) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
    for (const { socket } of this.connections) {
      socket.resume();
      socket.close(GOING_AWAY, 'ingest shutting down');
    }
    await Promise.race([Promise.all(socketsClosed), sleep(CLOSE_GRACE_MS, undefined, { ref: false })]);
    for (const { socket } of this.connections) socket.terminate();
  }

  /** Stops serving HTTP, once the plugins are closed. */
  async stop(): Promise<void> {
    if (!this.closed) await this.closePlugins();
    this.wss.close();
    this.server.closeAllConnections();
    await this.closed;
  }

  private async handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = requestUrl(request);
    if (!url) {
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'BAD_REQUEST', message: NOT_A_URL }));
      return;
    }
    const path = url.pathname;
    const { metrics, decoder } = this.options;
    if (path === '/healthz') {
      sendHealth(response, await this.options.health({ plugins: this.connections.size, decodePending: decoder.pending }));
    } else if (path === '/metrics') {
      if (!metricsAllowed(request, response, this.options.metricsToken)) return;
      metrics.decodePending.set(decoder.pending);
      response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
    } else {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'NOT_FOUND', message: `No route ${path}; plugins connect to ${PLUGIN_PATH}.` }));
    }
  }

  private upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const { log, pluginSecret, limits: { maxConnectionsPerSecret } } = this.options;
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
    if ((this.openPerSecret.get(secret) ?? 0) >= maxConnectionsPerSecret) {
      log.warn({ remote: request.socket.remoteAddress, limit: maxConnectionsPerSecret }, 'plugin refused: too many connections with its secret');
      return refuseUpgrade(socket, 503, 'TOO_MANY_CONNECTIONS', `${maxConnectionsPerSecret} plugins are connected with this secret already (LIFESTONE_MAX_PLUGIN_CONNECTIONS); retry later.`);
    }
    // Counted once open: ws answers a malformed handshake itself (400) and never calls back, and such a place would never be freed.
    this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, secret));
  }

  private accept(socket: WebSocket, secret: string): void {
    const { log, metrics } = this.options;
    const { openPerSecret, connections } = this;
    openPerSecret.set(secret, (openPerSecret.get(secret) ?? 0) + 1);
    const connection = new PluginConnection(this.connectionCount++, socket, secret, new Set(), this.options.limits);
    connections.add(connection);
    metrics.connectedPlugins.set(connections.size);
    if (this.paused) socket.pause();
    socket.on('message', (data, isBinary) => {
      try {
        this.receive(connection, data, isBinary);
      } catch (error) {
        log.error({ err: error }, 'a plugin frame failed before decoding; it was not stored');
        this.refuse(connection, { code: ErrorCode.FRAME_FAILED, message: 'ingest failed on this frame before decoding it; it was not stored.', ref: { type: null, character_name: null }, details: [] });
      }
    });
    socket.on('error', (error) => log.debug({ err: error }, 'plugin socket error'));
    socket.on('close', (code) => {
      if (code !== ABNORMAL_CLOSURE && !this.stopping && connection.characters.size > 0) this.options.onLogout([...connection.characters], new Date());
      const open = (openPerSecret.get(secret) ?? 1) - 1;
      if (open > 0) openPerSecret.set(secret, open);
      else openPerSecret.delete(secret);
      connections.delete(connection);
      metrics.connectedPlugins.set(connections.size);
      void this.options.relay.remove(connection);
    });
  }

  private receive(connection: PluginConnection, data: RawData, isBinary: boolean): void {
    const { decoder, limits: { maxFrameBytes, rateLimit, rateBurst, byteRateLimit, byteRateBurst } } = this.options;
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
