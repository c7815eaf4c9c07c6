/**
 * How the bridge reaches ingest: one plugin connection per Minecraft player,
 * as each game client of the other game runs its own plugin. That is what
 * ingest expects of a plugin: a command is relayed to the connection that
 * reported the character, and a connection closed cleanly is a logout.
 *
 * Each connection is the repository's protocol 2 client
 * (`@lifestone/lib/protocol/client`, PROTOCOL.md): numbered frames, kept
 * until ingest acknowledges them and sent again after a reconnection, so
 * that an ingest restart loses nothing of a player's. The spectator bot sees
 * only the two interfaces below.
 */
import { PluginClient } from '@lifestone/lib/protocol/client';
import type { OutgoingFrame } from './frames.js';

/** One player's connection to ingest. */
export interface CharacterLink {
  /** Sends a frame, or keeps it until the connection is welcomed; past the buffer's bound the oldest frame is dropped and logged. */
  send(frame: OutgoingFrame): void;
  /**
   * Ends the connection: `logout` delivers what is waiting (at most
   * `logoutWaitMs`), then closes it cleanly (the player left: ingest records
   * a logout); `lost` drops it (the bot lost sight of the server: ingest
   * raises OFFLINE if the player stays silent).
   */
  close(how: 'logout' | 'lost'): Promise<void>;
}

/** Opens players' connections to ingest. */
export interface PluginTransport {
  /**
   * Opens `character`'s connection on protocol 2 stream `stream` (one per
   * login: 1-100 characters of `A-Z a-z 0-9 . _ -`); `onCommand` gets each
   * command ingest relays for it.
   */
  open(character: string, stream: string, onCommand: (command: string) => void): CharacterLink;
}

/** What a transport reports; a pino logger fits. */
export interface BridgeLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export interface PluginTransportOptions {
  /** Ingest's plugin endpoint, e.g. `ws://127.0.0.1:4100/ws/position`. */
  url: string;
  /** A plugin key (`X-Plugin-Key`); takes precedence over the secret. */
  key?: string | undefined;
  /** The shared plugin secret (`X-Plugin-Secret`). */
  secret?: string | undefined;
  log: BridgeLog;
  /** Frames one connection keeps unacknowledged. @default 256 */
  bufferFrames?: number;
  /** First reconnection delay; it doubles per failed attempt, with jitter. @default 1000 */
  reconnectInitialMs?: number;
  /** Longest reconnection delay. @default 30000 */
  reconnectMaxMs?: number;
  /** How long a leaving player's frames may take to be acknowledged before its connection closes anyway. @default 10000 */
  logoutWaitMs?: number;
}

/** What the transport counts, for logs and tests. */
export interface TransportStats {
  /** Connections open and welcomed now. */
  open: number;
  /** Frames given to the connections still open. */
  frames: number;
  /** Frames dropped from a full buffer (ingest unreachable), never acknowledged. */
  dropped: number;
  /** `error` frames ingest sent back. */
  refusals: number;
}

/** Name characters a stream id may not hold (PROTOCOL.md, Opening). */
const NOT_IN_STREAM = /[^A-Za-z0-9._-]/g;

/** A protocol 2 stream id for one login of `player` on `server`. */
export function streamId(server: string, player: string, loginAt: number): string {
  return `mc.${server}.${player}.${loginAt}`.replace(NOT_IN_STREAM, '_').slice(0, 100);
}

/** The bridge's connections to ingest: one protocol 2 client per player. */
export function pluginTransport(options: PluginTransportOptions): PluginTransport & { stats(): TransportStats } {
  const clients = new Set<PluginClient>();
  const credential = options.key ? { key: options.key } : options.secret ? { secret: options.secret } : {};
  const logoutWaitMs = options.logoutWaitMs ?? 10_000;

  const open = (character: string, stream: string, onCommand: (command: string) => void): CharacterLink => {
    const client = new PluginClient({
      url: options.url,
      stream,
      ...credential,
      bufferFrames: options.bufferFrames ?? 256,
      reconnectInitialMs: options.reconnectInitialMs ?? 1_000,
      reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
      onCommand,
      log: {
        info: (fields, message) => options.log.info({ character, ...fields }, message),
        warn: (fields, message) => options.log.warn({ character, ...fields }, message),
      },
    });
    clients.add(client);
    let closing: Promise<void> | undefined;
    return {
      send(frame) {
        if (!closing) client.send(frame);
      },
      close(how) {
        closing ??= (async () => {
          if (how === 'logout') {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([client.drained(), new Promise<void>((resolve) => (timer = setTimeout(resolve, logoutWaitMs)))]);
            clearTimeout(timer);
          }
          await client.close(how === 'logout' ? 'clean' : 'drop');
          clients.delete(client);
        })();
        return closing;
      },
    };
  };

  const stats = (): TransportStats => {
    const total: TransportStats = { open: 0, frames: 0, dropped: 0, refusals: 0 };
    for (const client of clients) {
      const one = client.stats();
      total.open += one.connected ? 1 : 0;
      total.frames += one.frames;
      total.dropped += one.dropped;
      total.refusals += one.errors;
    }
    return total;
  };

  return { open, stats };
}
