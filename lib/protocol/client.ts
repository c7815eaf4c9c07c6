/**
 * The reference plugin client of protocol 2 (PROTOCOL.md): connects with a
 * stream id, reads the welcome, numbers frames (`seq`), keeps what is not
 * acknowledged in a bounded buffer, and after any disconnection reconnects
 * with exponential backoff and sends again everything after the welcome's
 * `acked`. What a plugin in another language must do is what this does.
 */
import WebSocket from 'ws';
import { CloseCode, ProtocolHeader } from './constants.js';

/** Where the client says what it did; a pino logger fits. */
export interface PluginClientLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface PluginClientOptions {
  /** Ingest's plugin endpoint, e.g. `ws://127.0.0.1:4100/ws/position`. */
  url: string;
  /** The stream id, kept across reconnects: 1-100 characters of `A-Z a-z 0-9 . _ -`. */
  stream: string;
  /** The fleet's shared secret (`X-Plugin-Secret`). */
  secret?: string;
  /** A plugin key of its own (`X-Plugin-Key`), instead of the secret. */
  key?: string;
  /** Frames kept unacknowledged at most; past it the oldest are dropped, and logged. @default 10_000 */
  bufferFrames?: number;
  /** Bytes of frames kept unacknowledged at most; past it the oldest are dropped, and logged. @default 16 MiB */
  bufferBytes?: number;
  /** Frames sent per second at most, in bursts of `burst`: ingest refuses frames past its rate (20 and 100 by default). @default 20 */
  ratePerSecond?: number;
  /** @default 100 */
  burst?: number;
  /** First reconnection delay; it doubles per failed attempt, with jitter. @default 500 */
  reconnectInitialMs?: number;
  /** @default 30_000 */
  reconnectMaxMs?: number;
  /** A connection that was welcomed and lived this long resets the backoff. @default 10_000 */
  stableMs?: number;
  /** An operator's command for the game (`command` frames). */
  onCommand?: (command: string) => void;
  /** Every frame ingest sends, after the client has handled it (welcome, ack, error, command, share_vitals). */
  onMessage?: (frame: { type: string } & Record<string, unknown>) => void;
  /**
   * Each frame once ingest has acknowledged it (by an ack or a welcome), in
   * seq order, with when it was given to `send` (ms since the epoch, to a
   * fraction): what a plugin needs to measure how long its frames wait.
   */
  onAcked?: (seq: number, queuedAt: number) => void;
  /** @default silent */
  log?: PluginClientLog;
}

/** What the client did so far. */
export interface PluginClientStats {
  /** Frames given to `send`. */
  frames: number;
  /** The highest seq ingest acknowledged. */
  acked: number;
  /** Frames waiting for an ack (sent or not yet). */
  buffered: number;
  /** Frames dropped from a full buffer, never acknowledged. */
  dropped: number;
  /** Frames sent again after a reconnection. */
  resent: number;
  /** Connections opened after the first. */
  reconnects: number;
  /** Error frames received. */
  errors: number;
  /** Whether a connection is open and welcomed. */
  connected: boolean;
}

interface Buffered {
  seq: number;
  /** The frame's JSON members without `seq`: `"type":"telemetry",...` (empty for `{}`). */
  members: string;
  /** When it was given to `send` (ms since the epoch). */
  queuedAt: number;
}

const silent: PluginClientLog = { info() {}, warn() {} };

/**
 * A protocol 2 plugin connection that survives ingest restarts: `send`
 * never fails and never blocks, `close` ends it. Frames are sent in order,
 * at most `ratePerSecond`, each until ingest acknowledges it.
 */
export class PluginClient {
  private readonly options: Required<Omit<PluginClientOptions, 'secret' | 'key' | 'onCommand' | 'onMessage' | 'onAcked'>> & PluginClientOptions;
  private readonly log: PluginClientLog;
  /** Unacknowledged frames in seq order, from `head`; the slots before it are emptied (see forgetHead). */
  private buffer: Array<Buffered | undefined> = [];
  private head = 0;
  private bytes = 0;
  private nextSeq = 1;
  /** The highest seq ever written to a socket: frames above it may be renumbered. */
  private everSent = 0;
  /** The highest seq written to the current connection. */
  private sentThrough = 0;
  private socket: WebSocket | undefined;
  private welcomed = false;
  private welcomedAt = 0;
  private hadWelcome = false;
  private attempts = 0;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pumpTimer: NodeJS.Timeout | undefined;
  private tokens: number;
  private tokensAt = Date.now();
  /** Seqs dropped since the last log line about them, and when that line was written. */
  private droppedRun: { first: number; last: number; count: number } | undefined;
  private droppedLoggedAt = 0;
  private drainWaiters: Array<() => void> = [];
  private readonly counts = { frames: 0, acked: 0, dropped: 0, resent: 0, reconnects: 0, errors: 0 };

  constructor(options: PluginClientOptions) {
    this.options = {
      bufferFrames: 10_000,
      bufferBytes: 16 * 1024 * 1024,
      ratePerSecond: 20,
      burst: 100,
      reconnectInitialMs: 500,
      reconnectMaxMs: 30_000,
      stableMs: 10_000,
      log: silent,
      ...options,
    };
    this.log = this.options.log;
    this.tokens = this.options.burst;
    this.connect();
  }

  /**
   * Queues a frame (without `seq`: the client numbers it), or the JSON text
   * of one, and sends it when it can; returns its seq.
   */
  send(frame: object | string): number {
    const json = typeof frame === 'string' ? frame.trim() : JSON.stringify(frame);
    const entry: Buffered = { seq: this.nextSeq++, members: json.slice(1, -1), queuedAt: performance.timeOrigin + performance.now() };
    this.buffer.push(entry);
    this.bytes += entry.members.length;
    this.counts.frames++;
    this.trim();
    this.pump();
    return entry.seq;
  }

  stats(): PluginClientStats {
    return { ...this.counts, buffered: this.buffer.length - this.head, connected: this.welcomed };
  }

  /** Resolves once every frame sent so far is acknowledged (or dropped). */
  drained(): Promise<void> {
    if (this.buffer.length === this.head) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /**
   * Closes the connection (1000, which ingest records as the characters'
   * logout) and stops reconnecting. What ingest received before the close it
   * stores; what was never sent, or is not yet acknowledged, is not sent
   * again: the log says how many. `drop` ends the connection without a close
   * handshake instead (the game was lost, not left: ingest records no
   * logout, and its offline detection runs).
   * @default 'clean'
   */
  async close(how: 'clean' | 'drop' = 'clean'): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.pumpTimer);
    this.flushDroppedLog(true);
    const waiting = this.buffer.length - this.head;
    if (waiting > 0) this.log.info({ stream: this.options.stream, frames: waiting, sentThrough: this.everSent }, 'closing with frames not yet acknowledged; they are not sent again');
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => socket.terminate(), 5_000);
      socket.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (socket.readyState === WebSocket.OPEN && how === 'clean') socket.close(CloseCode.NORMAL, 'plugin closing');
      else socket.terminate();
    });
  }

  private connect(): void {
    const { url, stream, secret, key } = this.options;
    const headers: Record<string, string> = { [ProtocolHeader.protocol]: '2', [ProtocolHeader.stream]: stream };
    if (key !== undefined) headers['x-plugin-key'] = key;
    else if (secret !== undefined) headers['x-plugin-secret'] = secret;
    const socket = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.receive(String(data));
    });
    socket.on('unexpected-response', (_request, response) => {
      // 400 means this client is wrong (its stream id): retrying cannot help, but the log must say it.
      this.log.warn({ stream, status: response.statusCode }, 'ingest refused the connection; retrying with backoff');
      socket.terminate();
    });
    socket.on('error', (error) => {
      if (this.attempts === 0 && !this.closed) this.log.warn({ stream, err: error.message }, 'connection error; reconnecting with backoff');
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.welcomed = false;
      this.socket = undefined;
      clearTimeout(this.pumpTimer);
      this.pumpTimer = undefined;
      if (this.closed) return;
      if (this.welcomedAt > 0 && Date.now() - this.welcomedAt >= this.options.stableMs) this.attempts = 0;
      this.welcomedAt = 0;
      const backoff = Math.min(this.options.reconnectMaxMs, this.options.reconnectInitialMs * 2 ** this.attempts);
      this.attempts++;
      this.reconnectTimer = setTimeout(() => {
        this.counts.reconnects++;
        this.connect();
      }, Math.round(backoff * (0.5 + Math.random() * 0.5)));
    });
  }

  private receive(text: string): void {
    let frame: { type?: unknown } & Record<string, unknown>;
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      this.log.warn({ stream: this.options.stream }, 'ingest sent a frame that is not JSON');
      return;
    }
    if (frame.type === 'welcome' && typeof frame.acked === 'number') this.welcome(frame.acked);
    else if (frame.type === 'ack' && typeof frame.seq === 'number') this.acknowledged(frame.seq);
    else if (frame.type === 'error') {
      this.counts.errors++;
      this.log.warn({ stream: this.options.stream, code: frame.code, seq: frame.seq, ref: frame.ref }, `ingest refused a frame: ${String(frame.message)}`);
    } else if (frame.type === 'command' && typeof frame.command === 'string') this.options.onCommand?.(frame.command);
    if (typeof frame.type === 'string') this.options.onMessage?.(frame as { type: string } & Record<string, unknown>);
  }

  /**
   * A connection is welcomed with `acked`: what is at or below it is done;
   * everything after it is sent again, in order. When ingest holds more of
   * the stream than this client ever numbered (it started again without its
   * counter), the frames it never sent are numbered on from `acked`.
   */
  private welcome(acked: number): void {
    if (acked >= this.nextSeq) {
      let seq = acked;
      for (let i = this.head; i < this.buffer.length; i++) {
        const entry = this.buffer[i] as Buffered;
        if (entry.seq > this.everSent) entry.seq = ++seq;
      }
      this.nextSeq = seq + 1;
    }
    this.acknowledged(acked);
    this.flushDroppedLog(true);
    const resending = this.buffer.length - this.head;
    if (this.hadWelcome && resending > 0) this.log.info({ stream: this.options.stream, acked, frames: resending }, 'resumed: sending again what was not acknowledged');
    this.hadWelcome = true;
    this.welcomed = true;
    this.welcomedAt = Date.now();
    this.sentThrough = acked;
    this.pump();
  }

  private acknowledged(seq: number): void {
    if (seq > this.counts.acked) this.counts.acked = seq;
    const { onAcked } = this.options;
    while (this.head < this.buffer.length && (this.buffer[this.head] as Buffered).seq <= seq) {
      const entry = this.forgetHead();
      onAcked?.(entry.seq, entry.queuedAt);
    }
    this.compact();
    if (this.buffer.length === this.head) {
      const waiters = this.drainWaiters;
      this.drainWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /** Sends what the connection has not had yet, within the rate; comes back when tokens are due. */
  private pump(): void {
    const socket = this.socket;
    if (!this.welcomed || !socket || socket.readyState !== WebSocket.OPEN || this.pumpTimer) return;
    const now = Date.now();
    const { ratePerSecond, burst } = this.options;
    this.tokens = Math.min(burst, this.tokens + ((now - this.tokensAt) * ratePerSecond) / 1000);
    this.tokensAt = now;
    let i = this.indexAfter(this.sentThrough);
    while (i < this.buffer.length && this.tokens >= 1) {
      const entry = this.buffer[i++] as Buffered;
      socket.send(entry.members === '' ? `{"seq":${entry.seq}}` : `{"seq":${entry.seq},${entry.members}}`);
      this.tokens--;
      this.sentThrough = entry.seq;
      if (entry.seq <= this.everSent) this.counts.resent++;
      else this.everSent = entry.seq;
    }
    if (i < this.buffer.length) {
      this.pumpTimer = setTimeout(() => {
        this.pumpTimer = undefined;
        this.pump();
      }, Math.ceil(((1 - this.tokens) * 1000) / ratePerSecond));
    }
  }

  /** The buffer index of the first frame above `seq`. */
  private indexAfter(seq: number): number {
    let low = this.head;
    let high = this.buffer.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.buffer[middle] as Buffered).seq <= seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Drops the oldest frames past the buffer's bounds, and says so. */
  private trim(): void {
    const { bufferFrames, bufferBytes } = this.options;
    while (this.buffer.length - this.head > bufferFrames || (this.bytes > bufferBytes && this.buffer.length - this.head > 1)) {
      const entry = this.buffer[this.head] as Buffered;
      this.forgetHead();
      this.counts.dropped++;
      const run = (this.droppedRun ??= { first: entry.seq, last: entry.seq, count: 0 });
      run.last = entry.seq;
      run.count++;
    }
    this.compact();
    this.flushDroppedLog(false);
  }

  /** Logs the frames dropped since the last line: at most every 5 s, and at a welcome. */
  private flushDroppedLog(now: boolean): void {
    const run = this.droppedRun;
    if (!run || (!now && Date.now() - this.droppedLoggedAt < 5_000)) return;
    this.droppedLoggedAt = Date.now();
    this.log.warn(
      { stream: this.options.stream, firstSeq: run.first, lastSeq: run.last, frames: run.count, bufferFrames: this.options.bufferFrames, bufferBytes: this.options.bufferBytes },
      'buffer full: dropped frames ingest never acknowledged; they are lost',
    );
    this.droppedRun = undefined;
  }

  /**
   * Forgets the oldest frame, its slot emptied at once: kept until the next
   * compaction, up to 1,024 acknowledged frames (a full inventory among them)
   * stayed in memory, for about 20 minutes at a character's rates.
   */
  private forgetHead(): Buffered {
    const entry = this.buffer[this.head] as Buffered;
    this.bytes -= entry.members.length;
    this.buffer[this.head] = undefined;
    this.head++;
    return entry;
  }

  /** Gives back the space of forgotten frames once they are half the array. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.head);
      this.head = 0;
    }
  }
}
