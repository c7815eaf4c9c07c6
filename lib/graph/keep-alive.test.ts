import type { AddressInfo } from 'node:net';
import { afterEach, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { keepSocketsAlive, UNANSWERED_CLOSE } from './keep-alive.js';

const INTERVAL_MS = 100;
const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A WebSocket server kept alive every INTERVAL_MS, each connection sent `greeting` lines on arrival. */
async function keptServer(greeting: string[] = []): Promise<{ url: string; unanswered: WebSocket[] }> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  server.on('connection', (socket) => {
    for (const line of greeting) socket.send(line);
  });
  const unanswered: WebSocket[] = [];
  keepSocketsAlive(server, { intervalMs: INTERVAL_MS, onUnanswered: (socket) => unanswered.push(socket) });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, unanswered };
}

/** A client's messages and how it closed. */
function record(client: WebSocket): { messages: string[]; closed: Promise<{ code: number; reason: string }> } {
  const messages: string[] = [];
  client.on('message', (data) => messages.push(String(data)));
  return { messages, closed: new Promise((resolve) => client.once('close', (code, reason) => resolve({ code, reason: String(reason) }))) };
}

it('leaves a connection that answers its pings open', async () => {
  const { url, unanswered } = await keptServer();
  const client = new WebSocket(url);
  const pinged = vi.fn();
  client.on('ping', pinged);
  await new Promise((resolve) => client.once('open', resolve));
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 6));
  expect(pinged.mock.calls.length).toBeGreaterThanOrEqual(4);
  expect(client.readyState).toBe(WebSocket.OPEN);
  expect(unanswered).toEqual([]);
  client.close();
});

it('closes one that does not answer with 1013 after what it was sent, and tells of it once', async () => {
  const { url, unanswered } = await keptServer(['first', 'second']);
  const client = new WebSocket(url, { autoPong: false });
  const { messages, closed } = record(client);
  // Not a cut (1006): a close frame, read after the lines sent before it.
  expect(await closed).toEqual({ code: 1013, reason: UNANSWERED_CLOSE.reason });
  expect(messages).toEqual(['first', 'second']);
  expect(unanswered).toHaveLength(1);
});

it('gives a late answer no second chance: one ping unanswered for an interval is enough', async () => {
  const { url, unanswered } = await keptServer();
  const client = new WebSocket(url, { autoPong: false });
  const { closed } = record(client);
  const opened = performance.now();
  // Answers every ping only after twice the interval.
  client.on('ping', () => setTimeout(() => client.readyState === WebSocket.OPEN && client.pong(), INTERVAL_MS * 2));
  expect((await closed).code).toBe(1013);
  expect(performance.now() - opened).toBeLessThan(INTERVAL_MS * 5);
  expect(unanswered).toHaveLength(1);
});

it('pings nothing with an interval of 0', async () => {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  keepSocketsAlive(server, { intervalMs: 0, onUnanswered: () => {} });
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { autoPong: false });
  const pinged = vi.fn();
  client.on('ping', pinged);
  await new Promise((resolve) => client.once('open', resolve));
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 3));
  expect(pinged).not.toHaveBeenCalled();
  expect(client.readyState).toBe(WebSocket.OPEN);
  client.close();
});
