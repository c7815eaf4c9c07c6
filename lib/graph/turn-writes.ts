import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';

/**
 * Corks sockets until the event loop's next turn: what a turn writes to one
 * socket goes out in one system call. On loopback every write also wakes
 * the reader, so a feed written message by message costs both sides a
 * wake-up per message; corked, one per turn.
 */
export class TurnCorker {
  private readonly corked = new Set<Duplex>();
  private scheduled = false;

  /** Corks `transport`, if this turn has not yet; it is uncorked in the next turn. */
  cork(transport: Duplex): void {
    if (this.corked.has(transport)) return;
    transport.cork();
    this.corked.add(transport);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    for (const transport of this.corked) transport.uncork();
    this.corked.clear();
  }
}

/** A WebSocket's `send` callback: told once the message is written (or failed). */
type SendCallback = (error?: Error) => void;

/**
 * Makes every connection of `server` write what one turn of the event loop
 * sends in one system call ({@link TurnCorker}), and tells a sender its
 * message is written as soon as it is queued, while the connection holds
 * fewer than `maxUnsentBytes` unsent: graphql-ws waits for each message's
 * callback before it takes the subscription's next value, and a corked
 * write is told only in the next turn, which would hold every subscription
 * to a value a turn. Past the bound a sender waits for the write as before:
 * a gateway that stops reading holds up its subscriptions, whose own bounds
 * then end them (see push-iterator.ts), rather than filling this process.
 */
export function batchWritesPerTurn(server: WebSocketServer, maxUnsentBytes: number): void {
  const corker = new TurnCorker();
  server.on('connection', (socket: WebSocket, request: IncomingMessage) => {
    const transport = request.socket;
    const send = socket.send.bind(socket) as (data: unknown, options: object, callback?: SendCallback) => void;
    socket.send = ((data: unknown, optionsOrCallback?: object | SendCallback, maybeCallback?: SendCallback): void => {
      const callback = typeof optionsOrCallback === 'function' ? (optionsOrCallback as SendCallback) : maybeCallback;
      const options = typeof optionsOrCallback === 'object' ? optionsOrCallback : {};
      // A socket not open is ws's to answer (an error for the callback); one over the bound waits for the write.
      if (socket.readyState !== socket.OPEN) return send(data, options, callback);
      corker.cork(transport);
      if (!callback || socket.bufferedAmount >= maxUnsentBytes) return send(data, options, callback);
      // A write that fails later errors the socket, which closes it and ends its subscriptions.
      send(data, options);
      process.nextTick(callback);
    }) as WebSocket['send'];
  });
}
