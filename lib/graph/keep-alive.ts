import type { WebSocket, WebSocketServer } from 'ws';
import { integerSetting } from '../config/index.js';
import { WebSocketCloseCode } from './close-codes.js';

/** How often graphql-ws connections are pinged, and how long each has to answer (`LIFESTONE_KEEP_ALIVE_MS`, 12 s by default). */
export function keepAliveMs(): number {
  return integerSetting('LIFESTONE_KEEP_ALIVE_MS');
}

/** How a connection that did not answer a ping is closed (a reason of at most 123 bytes). */
export const UNANSWERED_CLOSE = {
  code: WebSocketCloseCode.TryAgainLater,
  reason: 'Try again later: no answer to a ping in time; connect again, subscribe again and read back what you missed',
} as const;

export interface KeepAliveOptions {
  /** 0 pings nothing. @default {@link keepAliveMs}() */
  intervalMs?: number;
  /** Told of each connection closed for not answering, before it is closed. */
  onUnanswered: (socket: WebSocket) => void;
}

/**
 * Pings every connection of `server` each `intervalMs`; one that has not
 * answered the last ping by the next is closed with 1013 Try Again Later.
 *
 * This replaces graphql-ws's own keep-alive, which terminates such a
 * connection: the ping waits behind every message already sent, so a client
 * that is alive but reading slowly (a starved process, a congested link)
 * answers late, and a terminated one loses what was on its way without a
 * word. A close frame goes after those messages: a slow client reads through
 * them to the close, and knows from where to read back. One that is gone does
 * not answer the close either, and ws cuts it once the close handshake times
 * out (30 s). One timer serves every connection; it stops when the server
 * closes.
 */
export function keepSocketsAlive(server: WebSocketServer, options: KeepAliveOptions): void {
  const intervalMs = options.intervalMs ?? keepAliveMs();
  if (intervalMs === 0) return;
  const awaiting = new WeakSet<WebSocket>();
  server.on('connection', (socket: WebSocket) => socket.on('pong', () => awaiting.delete(socket)));
  const timer = setInterval(() => {
    for (const socket of server.clients) {
      if (socket.readyState !== socket.OPEN) continue;
      if (!awaiting.has(socket)) {
        awaiting.add(socket);
        socket.ping();
        continue;
      }
      awaiting.delete(socket);
      options.onUnanswered(socket);
      socket.close(UNANSWERED_CLOSE.code, UNANSWERED_CLOSE.reason);
    }
  }, intervalMs);
  timer.unref();
  server.once('close', () => clearInterval(timer));
}
