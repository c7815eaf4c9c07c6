import { isUtf8 } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type RawData, type ServerOptions, type WebSocket } from 'ws';
import { guardUpgradeSocket, listen, metricsAllowed, requestUrl, sendHealth, type HealthReport } from '@lifestone/lib/http';
import { traceId, type Logger } from '@lifestone/lib/log';
import { CloseCode, ErrorCode, errorFrame, ProtocolHeader, STREAM_ID_PATTERN, welcomeFrame, type FrameError } from '@lifestone/lib/protocol';
import { presentedKey, presentedSecret, secretMatches } from './auth.js';
import type { EventSource } from './event-pipeline.js';
import { peekRef, peekSeq } from './frame-decoder/decode-frames.js';
import type { DecodeOutcome, FrameDecoder } from './frame-decoder/frame-decoder.js';
import type { IngestMetrics } from './metrics.js';
import { KeyringBusyError, type HeldPluginKey, type PluginKeyring } from './plugin-keys.js';
import type { IngestTracing } from './tracing.js';
import { TokenBucket } from './rate-limit.js';
import type { RefusalRecorder } from './refusals.js';
import type { PluginRelay } from './relay.js';
import { StreamsBusyError, type StreamLedger, type StreamTracker } from './streams/ledger.js';

/** The path plugins connect to. */
export const PLUGIN_PATH = '/ws/position';
/** How long plugins get to finish the close handshake at shutdown. */
const CLOSE_GRACE_MS = 3_000;
/**
 * Bytes waiting to go out to a plugin past which its error frames are
 * dropped: a plugin that floods refused frames and reads nothing would
 * otherwise have ingest hold every refusal in memory (25 MB per 100,000).
 */
const ERROR_BACKLOG_BYTES = 1_048_576;

/** What one plugin connection may send, and how many may be open. */
export interface PluginLimits {
  maxFrameBytes: number;
  rateLimit: number;
  rateBurst: number;
  byteRateLimit: number;
  byteRateBurst: number;
  /** Refused frames a connection may send at once, earned back at as many per `refusalWindowMs`; one more closes it (4429). */
  refusalAllowance: number;
  refusalWindowMs: number;
  /** Connections open at once with the shared secret. */
  maxConnectionsPerSecret: number;
  /** Connections open at once with one plugin key. */
  maxConnectionsPerKey: number;
}

/** What a connection authenticated with: the fleet's shared secret, or a plugin key of its own. */
export type PluginCredential = { kind: 'secret' } | { kind: 'key'; key: HeldPluginKey };

export interface SocketServerOptions {
  log: Logger;
  metrics: IngestMetrics;
  /** Spans of refused frames, when ingest traces. */
  tracing?: IngestTracing;
  limits: PluginLimits;
  /** The plugins' shared secret; with none, only plugins with a key are taken. */
  pluginSecret: string | undefined;
  /** The plugin keys of open connections and the characters they hold. */
  keyring: PluginKeyring;
  /** Protocol 2 streams: their opening, acks. */
  streams: StreamLedger;
  /** Bearer token `/metrics` requires; unset: open. */
  metricsToken: string | undefined;
  /** Where each frame's text goes, or its refusal. */
  decoder: FrameDecoder<PluginConnection>;
  /** Where a new connection's decoded frames go, in order (through its key's gate when it has a key). */
  admit: (connection: PluginConnection) => (outcome: DecodeOutcome) => void;
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
  /**
   * Its allowance of refused frames: `refusalAllowance` at once, earned
   * back at as many per `refusalWindowMs`; the refusal that finds it spent
   * closes the connection.
   */
  readonly allowance: TokenBucket;
  /** Set once ingest closes it: what it sends after is not read. */
  closing = false;
  /** Where its decoded frames go: straight on, or through its key's gate (see plugin-keys.ts). */
  admit: (outcome: DecodeOutcome) => void = () => undefined;
  /** Protocol 2: its stream; undefined on protocol 1. */
  stream: StreamTracker | undefined;

  /** Whether its TCP socket is corked until the end of this tick (see sendText). */
  private corked = false;

  constructor(
    /** Which decode lane its frames take (see frame-decoder/frame-decoder.ts). */
    readonly lane: number,
    readonly socket: WebSocket,
    /** The TCP socket under `socket`, as the upgrade handed it over. */
    private readonly tcp: Duplex,
    /** What it authenticated with, whose count of open connections it holds one of. */
    readonly credential: PluginCredential,
    /** The characters it sent frames of. */
    readonly characters: Set<string>,
    limits: PluginLimits,
  ) {
    const now = Date.now();
    this.frames = new TokenBucket(limits.rateLimit, limits.rateBurst, now);
    this.bytes = new TokenBucket(limits.byteRateLimit, limits.byteRateBurst, now);
    this.allowance = new TokenBucket((limits.refusalAllowance * 1000) / limits.refusalWindowMs, limits.refusalAllowance, now);
  }

  send(frame: object): void {
    this.sendText(JSON.stringify(frame));
  }

  /**
   * Sends a frame. What a connection is sent in one tick (its fellowship's
   * shared vitals from one batch, an ack beside them) leaves in one write
   * to the kernel: the socket is corked until the tick ends, where one
   * write per frame made relaying the main thread's largest write.
   */
  sendText(text: string): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (!this.corked) {
      this.corked = true;
      this.tcp.cork();
      process.nextTick(() => {
        this.corked = false;
        this.tcp.uncork();
      });
    }
    this.socket.send(text);
  }
}

/**
 * The socket server: HTTP (`/healthz`, `/metrics`) and the plugin
 * WebSocket (`/ws/position`). A request whose target is not a URL is
 * answered 400, and nothing one request does may throw out of a listener.
 * At the upgrade: the plugin key or the shared secret, and the cap on
 * connections per key and for the secret; then per frame the frame rate,
 * the size limit, the byte rate and UTF-8, before the frame's text, or its
 * refusal, goes to the frame decoder. Refusals go back to the plugin as
 * `error` frames, in the order of its frames; a connection refused more
 * than its allowance within the window is closed (4429).
 */
export class PluginSocketServer {
  private readonly connections = new Set<PluginConnection>();
  /** Open connections per credential: `secret`, or `key:<id>`. */
  private readonly openPerCredential = new Map<string, number>();
  private connectionCount = 0;
  private paused = false;
  /** Set once closing begins: plugins closed then are not logging out. */
  private stopping = false;
  private closed: Promise<void> | undefined;
  private readonly wss: WebSocketServer;
  private readonly server: Server;

  constructor(private readonly options: SocketServerOptions) {
    const { log, limits } = options;
    this.wss = new WebSocketServer(pluginSocketOptions(limits.maxFrameBytes));
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

  /**
   * Tells the plugin why its frame was refused, and counts the refusal; the
   * refusal past the connection's allowance closes it (4429).
   */
  refuse(connection: PluginConnection, error: FrameError): void {
    this.options.metrics.framesRefused.inc({ code: error.code });
    const character = refusedCharacter(connection, error);
    const now = new Date();
    if (character !== undefined) this.options.refusals.add(character, error.code, error.message, now);
    const trace = traceId();
    this.options.log.debug({ code: error.code, ref: error.ref, traceId: trace }, 'frame refused');
    this.options.tracing?.frameRefused(trace, error);
    if (connection.socket.bufferedAmount <= ERROR_BACKLOG_BYTES) {
      const frame = errorFrame(error, trace);
      if (connection.stream) frame.seq = error.seq ?? null;
      connection.send(frame);
    }
    // A frame decoded after its connection closed spends nothing: there is nothing left to close.
    if (!connection.closing && this.connections.has(connection) && !connection.allowance.take(now.getTime())) {
      const { refusalAllowance, refusalWindowMs } = this.options.limits;
      this.close(connection, CloseCode.TOO_MANY_REFUSED_FRAMES, `more frames refused than the allowance of ${refusalAllowance} per ${refusalWindowMs / 1000} s`);
    }
  }

  /** Closes every connection of `key`, which was revoked (4403). */
  closeKey(key: HeldPluginKey): void {
    for (const connection of this.connections) {
      if (connection.credential.kind === 'key' && connection.credential.key.id === key.id) this.close(connection, CloseCode.PLUGIN_KEY_REVOKED, 'plugin key revoked');
    }
  }

  /** Closes one connection with `code`; what it sends from now on is dropped unread. */
  private close(connection: PluginConnection, code: CloseCode, reason: string): void {
    if (connection.closing) return;
    connection.closing = true;
    this.options.metrics.pluginsClosed.inc({ code });
    this.options.log.info({ code, reason, credential: connection.credential.kind }, 'plugin connection closed by ingest');
    connection.socket.close(code, reason);
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
      socket.close(CloseCode.GOING_AWAY, 'ingest shutting down');
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
    const unguard = guardUpgradeSocket(socket);
    const url = requestUrl(request);
    if (!url) return refuseUpgrade(socket, 400, 'BAD_REQUEST', NOT_A_URL);
    if (url.pathname !== PLUGIN_PATH) return refuseUpgrade(socket, 404, 'NOT_FOUND', `Plugins connect to ${PLUGIN_PATH}.`);
    const opening = protocolOf(request, url);
    if ('refused' in opening) return refuseUpgrade(socket, 400, opening.code, opening.refused);
    this.authenticate(request, url).then(
      (credential) => {
        if (credential) void this.admitUpgrade(request, socket, head, credential, opening.stream, unguard);
      },
      (error: unknown) => {
        if (error instanceof KeyringBusyError) return refuseUpgrade(socket, 503, 'TOO_MANY_CONNECTIONS', `Too many plugins are connecting at once (${error.message}); retry in a few seconds.`);
        this.options.log.warn({ err: error }, 'plugin refused: its key could not be checked');
        refuseUpgrade(socket, 503, 'KEY_CHECK_FAILED', 'Ingest could not check the plugin key (its database is unreachable); retry in a few seconds.');
      },
    );
  }

  /**
   * The credential a plugin presented: a plugin key (`X-Plugin-Key` or
   * `?key=`) when it sent one, else the shared secret; `undefined` once the
   * upgrade is refused (401).
   */
  private async authenticate(request: IncomingMessage, url: URL): Promise<PluginCredential | undefined> {
    const { log, pluginSecret, keyring } = this.options;
    const presented = presentedKey(request, url);
    if (presented !== undefined) {
      const key = await keyring.acquire(presented);
      if (key) return { kind: 'key', key };
      log.warn({ remote: request.socket.remoteAddress }, 'plugin refused: unknown or revoked plugin key');
      refuseUpgrade(request.socket, 401, 'UNAUTHORIZED', 'Unknown or revoked plugin key: ask an admin for a key (Accounts, Plugin keys) and send it in the X-Plugin-Key header or ?key=.');
      return undefined;
    }
    const secret = presentedSecret(request, url);
    if (secretMatches(pluginSecret, secret)) return { kind: 'secret' };
    log.warn({ remote: request.socket.remoteAddress }, 'plugin refused: bad secret');
    refuseUpgrade(request.socket, 401, 'UNAUTHORIZED', pluginSecret
      ? 'Wrong or missing plugin credentials: send a plugin key in the X-Plugin-Key header or ?key=, or the shared secret in the X-Plugin-Secret header or ?secret=.'
      : 'This ingest has no plugin secret configured (LIFESTONE_PLUGIN_SECRET): connect with a plugin key (X-Plugin-Key header or ?key=) an admin issued (Accounts, Plugin keys).');
    return undefined;
  }

  /**
   * Opens the connection unless its credential has all the connections it
   * may have (503); on protocol 2 (`stream` given), once the stream's row
   * is read, for the welcome.
   */
  private async admitUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, credential: PluginCredential, stream: string | undefined, unguard: () => void): Promise<void> {
    const { log, keyring, streams, limits: { maxConnectionsPerSecret, maxConnectionsPerKey } } = this.options;
    const [counted, limit, setting, holder] = credential.kind === 'key'
      ? [`key:${credential.key.id}`, maxConnectionsPerKey, 'LIFESTONE_MAX_PLUGIN_KEY_CONNECTIONS', `plugin key "${credential.key.name}"`]
      : ['secret', maxConnectionsPerSecret, 'LIFESTONE_MAX_PLUGIN_CONNECTIONS', 'the shared secret'];
    const release = (): void => {
      if (credential.kind === 'key') keyring.release(credential.key);
    };
    // The plugin may have gone while its key was read: ws would drop the socket without calling back.
    if (socket.destroyed) return release();
    if (this.stopping) {
      release();
      return refuseUpgrade(socket, 503, 'SHUTTING_DOWN', 'Ingest is shutting down; connect again in a moment.');
    }
    if ((this.openPerCredential.get(counted) ?? 0) >= limit) {
      release();
      log.warn({ remote: request.socket.remoteAddress, limit, credential: credential.kind }, 'plugin refused: too many connections with its credential');
      return refuseUpgrade(socket, 503, 'TOO_MANY_CONNECTIONS', `${limit} plugins are connected with ${holder} already (${setting}); retry later.`);
    }
    // Counted once open: ws answers a malformed handshake itself (400) and never calls back, and such a place would never be freed.
    let opened = false;
    socket.once('close', () => {
      if (!opened) release();
    });
    let tracker: StreamTracker | undefined;
    if (stream !== undefined) {
      try {
        tracker = (await streams.open(counted, stream)).tracker;
      } catch (error) {
        if (error instanceof StreamsBusyError) return refuseUpgrade(socket, 503, 'TOO_MANY_CONNECTIONS', `Too many plugins are connecting at once (${error.message}); retry in a few seconds.`);
        log.warn({ err: error }, 'plugin refused: its stream could not be read');
        return refuseUpgrade(socket, 503, 'STREAM_CHECK_FAILED', 'Ingest could not read how much of this stream is stored (its database is unreachable); retry in a few seconds.');
      }
      if (socket.destroyed) return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      // The WebSocket listens for its socket's errors now.
      unguard();
      opened = true;
      this.accept(ws, socket, credential, counted, tracker);
    });
  }

  private accept(socket: WebSocket, tcp: Duplex, credential: PluginCredential, counted: string, stream: StreamTracker | undefined): void {
    const { log, metrics, streams } = this.options;
    const { openPerCredential, connections } = this;
    openPerCredential.set(counted, (openPerCredential.get(counted) ?? 0) + 1);
    const connection = new PluginConnection(this.connectionCount++, socket, tcp, credential, new Set(), this.options.limits);
    connection.admit = this.options.admit(connection);
    if (stream) {
      // The welcome is the connection's first frame: nothing else is sent before its frames are read.
      connection.stream = stream;
      connection.send(welcomeFrame(stream.id, stream.acked));
      streams.attach(stream, connection);
    }
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
      // A connection lost without a close handshake is not a logout; any other close a plugin starts is.
      if (code !== CloseCode.ABNORMAL_CLOSURE && !this.stopping && connection.characters.size > 0) this.options.onLogout([...connection.characters], new Date());
      const open = (openPerCredential.get(counted) ?? 1) - 1;
      if (open > 0) openPerCredential.set(counted, open);
      else openPerCredential.delete(counted);
      if (credential.kind === 'key') this.options.keyring.release(credential.key);
      connections.delete(connection);
      if (stream) streams.detach(stream, connection);
      metrics.connectedPlugins.set(connections.size);
      void this.options.relay.remove(connection);
    });
  }

  private receive(connection: PluginConnection, data: RawData, isBinary: boolean): void {
    if (connection.closing) return;
    const { decoder, limits: { maxFrameBytes, rateLimit, rateBurst, byteRateLimit, byteRateBurst } } = this.options;
    const receivedAt = new Date();
    const bytes = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
    if (!connection.frames.take(receivedAt.getTime())) {
      return this.refuseUnread(connection, bytes, {
        code: ErrorCode.RATE_LIMITED,
        message: `Too many frames: this connection may send ${rateLimit} frames per second (bursts of ${rateBurst}); this frame was not stored, slow down and resend it.`,
        ref: peekRef(bytes.subarray(0, 1024).toString('utf8')),
        details: [],
      }, receivedAt);
    }
    if (bytes.length > maxFrameBytes) {
      // Its bytes were read all the same: they count against the byte rate.
      connection.bytes.spend(receivedAt.getTime(), bytes.length);
      return this.refuseUnread(connection, bytes, {
        code: ErrorCode.FRAME_TOO_LARGE,
        message: `Frame of ${bytes.length} bytes is over the limit of ${maxFrameBytes} bytes; split it (e.g. inventory into deltas) and resend.`,
        ref: peekRef(bytes.subarray(0, 1024).toString('utf8')),
        details: [{ path: '', message: `${bytes.length} > ${maxFrameBytes} bytes` }],
      }, receivedAt);
    }
    if (!connection.bytes.take(receivedAt.getTime(), bytes.length)) {
      return this.refuseUnread(connection, bytes, {
        code: ErrorCode.RATE_LIMITED,
        message: `Too many bytes: this connection may send ${byteRateLimit} bytes per second (bursts of ${byteRateBurst}); this frame of ${bytes.length} bytes was not stored, slow down and resend it.`,
        ref: peekRef(bytes.subarray(0, 1024).toString('utf8')),
        details: [],
      }, receivedAt);
    }
    // A frame is read as the text it holds, binary ones too, if that is UTF-8: decoding anything else would store replacement characters.
    if (!isUtf8(bytes)) {
      return this.refuseUnread(connection, bytes, {
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

  /** Refuses a frame before decoding it, after the connection's frames before it; on protocol 2 with its seq where its start shows it. */
  private refuseUnread(connection: PluginConnection, bytes: Buffer, error: FrameError, receivedAt: Date): void {
    const seq = connection.stream ? { seq: peekSeq(bytes.subarray(0, 1024).toString('utf8')) } : {};
    this.options.decoder.refuse(connection.lane, connection, { ...error, ...seq }, receivedAt);
  }
}

/**
 * The options of ingest's WebSocket server for a frame limit of
 * `maxFrameBytes` (bench:scale measures a bare server with the same ones).
 * ws closes a connection (1009) as soon as a frame's header announces more
 * than `maxPayload`, before reading its bytes. Twice the limit: a frame
 * somewhat over it is read and refused with FRAME_TOO_LARGE, which says what
 * to do, while one far over it costs ingest its header alone (16 MiB frames
 * read in full took honest plugins' p99 from 35 ms to 15.9 s). ws would close
 * the connection (1007) over a text frame that is not UTF-8; ingest refuses
 * that frame alone instead (see `receive`).
 */
export function pluginSocketOptions(maxFrameBytes: number): ServerOptions {
  return { noServer: true, maxPayload: maxPayloadBytes(maxFrameBytes), skipUTF8Validation: true };
}

/** The largest WebSocket message ws reads for a frame limit of `maxFrameBytes` (see {@link pluginSocketOptions}). */
export function maxPayloadBytes(maxFrameBytes: number): number {
  return 2 * maxFrameBytes;
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

/**
 * The protocol a plugin asked for at the upgrade (`X-Lifestone-Protocol` or
 * `?protocol=`), with its stream id on protocol 2 (`X-Lifestone-Stream` or
 * `?stream=`), or why the upgrade is refused (400).
 */
function protocolOf(request: IncomingMessage, url: URL): { stream: string | undefined } | { refused: string; code: string } {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const protocol = header(ProtocolHeader.protocol) ?? url.searchParams.get('protocol') ?? '1';
  if (protocol.trim() === '1') return { stream: undefined };
  if (protocol.trim() !== '2') return { code: 'UNSUPPORTED_PROTOCOL', refused: `Protocol ${JSON.stringify(protocol.slice(0, 20))} is not spoken here: ask for 1 or 2 (X-Lifestone-Protocol header or ?protocol=).` };
  const stream = header(ProtocolHeader.stream) ?? url.searchParams.get('stream') ?? undefined;
  if (stream === undefined || stream === '') {
    return { code: 'INVALID_STREAM', refused: 'Protocol 2 needs a stream id: send it in the X-Lifestone-Stream header or ?stream=, 1-100 characters of A-Z a-z 0-9 . _ -, the same across reconnects.' };
  }
  if (!STREAM_ID_PATTERN.test(stream)) {
    const why = stream.length > 100 ? `is ${stream.length} characters long` : 'holds a character other than A-Z a-z 0-9 . _ -';
    return { code: 'INVALID_STREAM', refused: `The stream id ${why}: a stream id is 1-100 characters of A-Z a-z 0-9 . _ -.` };
  }
  return { stream };
}

/** Answers a refused WebSocket upgrade with a plain HTTP status and a JSON reason. */
function refuseUpgrade(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ code, message });
  const reason = UPGRADE_REASONS[status] ?? 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
