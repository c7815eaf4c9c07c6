/**
 * The floor under ingest's CPU per event, for `npm run bench:scale`: a bare
 * WebSocket server, ws with the options ingest's plugin server has, that
 * takes every plugin connection and counts the messages it reads and does
 * nothing else. A fleet sent to it costs it what reading the fleet's frames
 * costs Node and ws alone (the kernel's socket reads, libuv's callbacks,
 * ws's framing), which ingest pays before any work of its own.
 *
 * Sends `{ port }` once it listens; answers `{ count: true }` with
 * `{ messages }`, the messages read so far.
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { DEFAULT_MAX_FRAME_BYTES, pluginSocketOptions } from '@lifestone/ingest';

export interface FloorCount { messages: number }

let messages = 0;
const wss = new WebSocketServer(pluginSocketOptions(DEFAULT_MAX_FRAME_BYTES));
const server = createServer((_request, response) => response.writeHead(404).end());
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => {
    ws.on('message', () => void messages++);
    ws.on('error', () => undefined);
  });
});
process.on('message', (message: { count?: boolean }) => {
  if (message.count) process.send?.({ messages } satisfies FloorCount);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
