import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';

/** A frame ingest sent to the plugin (error, command, share_vitals). */
export type ReceivedFrame = Record<string, unknown> & { type: string };

/** A plugin connection as a test drives it: real WebSocket, every received frame recorded. */
export interface TestPlugin {
  socket: WebSocket;
  received: ReceivedFrame[];
  /** Sends a frame object as JSON, or a raw string as is. */
  send(frame: object | string): void;
  /** Resolves with the first received frame matching `predicate` (already received or later). */
  waitFor(predicate: (frame: ReceivedFrame) => boolean, timeoutMs?: number): Promise<ReceivedFrame>;
  close(): Promise<void>;
}

/** Connects a plugin; resolves once open, rejects with the HTTP status if refused. */
export function connectPlugin(url: string, secret?: string, headers: Record<string, string> = {}): Promise<TestPlugin> {
  const socket = new WebSocket(url, { headers: secret === undefined ? headers : { 'x-plugin-secret': secret, ...headers } });
  const received: ReceivedFrame[] = [];
  socket.on('message', (data) => received.push(JSON.parse(String(data)) as ReceivedFrame));
  return new Promise((resolve, reject) => {
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with HTTP ${response.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () =>
      resolve({
        socket,
        received,
        send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
        async waitFor(predicate, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const found = received.find(predicate);
            if (found) return found;
            if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms; received ${JSON.stringify(received)}`);
            await sleep(10);
          }
        },
        close: () =>
          new Promise<void>((done) => {
            if (socket.readyState === socket.CLOSED) return done();
            socket.once('close', () => done());
            socket.close();
          }),
      }),
    );
  });
}

/** Polls `read` until it returns a value `accept` takes, or fails after `timeoutMs` with the last value. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await sleep(25);
  }
}
