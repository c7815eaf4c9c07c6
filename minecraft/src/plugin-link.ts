/**
 * How the bridge reaches ingest: one plugin connection per Minecraft player,
 * as each game client of the other game runs its own plugin. That is what
 * ingest expects of a plugin: a command is relayed to the connection that
 * reported the character, and a connection closed cleanly is a logout.
 *
 * The spectator bot sees only these two interfaces, so that another
 * transport (protocol 2, with acknowledgements) can replace this one.
 */
import { CloseCode } from '@lifestone/lib/protocol';
import WebSocket from 'ws';
import type { OutgoingFrame } from './frames.js';

/** One player's connection to ingest. */
export interface CharacterLink {
  /** Sends a frame, or queues it while the connection opens; past the queue's bound the oldest frame is dropped and counted. */
  send(frame: OutgoingFrame): void;
  /**
   * Ends the connection: `logout` closes it cleanly (the player left: ingest
   * records a logout); `lost` drops it (the bot lost sight of the server:
   * ingest raises OFFLINE if the player stays silent).
   */
  close(how: 'logout' | 'lost'): void;
}

/** Opens players' connections to ingest. */
export interface PluginTransport {
  /** Opens `character`'s connection; `onCommand` gets each command ingest relays for it. */
  open(character: string, onCommand: (command: string) => void): CharacterLink;
}

/** What a transport reports; a pino logger fits. */
export interface BridgeLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface ProtocolOneOptions {
  /** Ingest's plugin endpoint, e.g. `ws://127.0.0.1:4100/ws/position`. */
  url: string;
  /** A plugin key (`X-Plugin-Key`); takes precedence over the secret. */
  key?: string | undefined;
  /** The shared plugin secret (`X-Plugin-Secret`). */
  secret?: string | undefined;
  log: BridgeLog;
  /** Frames one connection holds while it is not open. @default 256 */
  queueLimit?: number;
  /** First reconnection delay; it doubles per failed attempt. @default 1000 */
  reconnectInitialMs?: number;
  /** Longest reconnection delay. @default 30000 */
  reconnectMaxMs?: number;
}

/** What the transport counts, for logs and tests. */
export interface TransportStats {
  /** Connections open now. */
  open: number;
  framesSent: number;
  /** Frames dropped because a connection's queue was full (ingest unreachable). */
  framesDropped: number;
  /** `error` frames ingest sent back. */
  refusals: number;
}


/** The bridge's connections to ingest over protocol 1, each reconnecting with backoff until closed. */
export function protocolOneTransport(options: ProtocolOneOptions): PluginTransport & { stats(): TransportStats } {
  const { url, log } = options;
  const queueLimit = options.queueLimit ?? 256;
  const initialMs = options.reconnectInitialMs ?? 1_000;
  const maxMs = options.reconnectMaxMs ?? 30_000;
  const headers: Record<string, string> = options.key ? { 'X-Plugin-Key': options.key } : options.secret ? { 'X-Plugin-Secret': options.secret } : {};
  const stats: TransportStats = { open: 0, framesSent: 0, framesDropped: 0, refusals: 0 };

  const open = (character: string, onCommand: (command: string) => void): CharacterLink => {
    const queue: string[] = [];
    let socket: WebSocket | null = null;
    let isOpen = false;
    let closed = false;
    let attempts = 0;
    let retry: NodeJS.Timeout | undefined;

    const flush = (): void => {
      while (isOpen && socket && queue.length > 0) {
        socket.send(queue.shift() as string);
        stats.framesSent++;
      }
    };
    const connect = (): void => {
      const current = new WebSocket(url, { headers, perMessageDeflate: false, handshakeTimeout: 10_000 });
      socket = current;
      current.on('open', () => {
        isOpen = true;
        attempts = 0;
        stats.open++;
        flush();
        // A player who left before the connection opened still has frames to deliver, then a logout.
        if (closed) current.close(CloseCode.NORMAL, 'player left');
      });
      current.on('message', (data, isBinary) => {
        if (isBinary) return;
        let frame: { type?: unknown; command?: unknown; code?: unknown; message?: unknown };
        try {
          frame = JSON.parse(String(data)) as typeof frame;
        } catch {
          log.warn({ character }, 'ingest sent a frame that is not JSON');
          return;
        }
        if (frame.type === 'command' && typeof frame.command === 'string') onCommand(frame.command);
        else if (frame.type === 'error') {
          stats.refusals++;
          log.warn({ character, code: frame.code }, `ingest refused a frame: ${String(frame.message)}`);
        }
      });
      current.on('unexpected-response', (_request, response) => {
        log.warn({ character, status: response.statusCode }, 'ingest refused the plugin connection; check the plugin key or secret');
        current.terminate();
      });
      current.on('error', (error) => {
        if (attempts === 0) log.warn({ character, err: error.message }, 'ingest connection failed; reconnecting with backoff');
      });
      current.on('close', () => {
        if (isOpen) stats.open--;
        isOpen = false;
        if (socket === current) socket = null;
        if (closed) return;
        const delay = Math.min(maxMs, initialMs * 2 ** attempts);
        attempts++;
        retry = setTimeout(connect, delay);
      });
    };
    connect();

    return {
      send(frame) {
        if (closed) return;
        queue.push(JSON.stringify(frame));
        if (queue.length > queueLimit) {
          queue.shift();
          stats.framesDropped++;
          if (stats.framesDropped === 1 || stats.framesDropped % 1000 === 0) {
            log.warn({ character, dropped: stats.framesDropped }, 'ingest unreachable: frames dropped');
          }
        }
        flush();
      },
      close(how) {
        if (closed) return;
        closed = true;
        clearTimeout(retry);
        const current = socket;
        if (!current) return;
        if (how === 'lost') current.terminate();
        else if (isOpen) current.close(CloseCode.NORMAL, 'player left');
        // Still opening: the open handler delivers the queue, then logs out.
      },
    };
  };

  return { open, stats: () => ({ ...stats }) };
}
