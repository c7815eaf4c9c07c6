import { vi } from 'vitest';
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
        waitFor: (predicate, timeoutMs = 10_000) =>
          vi.waitFor(
            () => {
              const found = received.find(predicate);
              if (!found) throw new Error(`no matching frame; received ${JSON.stringify(received)}`);
              return found;
            },
            { timeout: timeoutMs, interval: 10 },
          ),
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

/** How long tests wait for ingest to take, store or answer what a plugin sent, and how often they look (`expect.poll`, `vi.waitFor`). */
export const INGEST_WAIT = { timeout: 15_000, interval: 25 };
