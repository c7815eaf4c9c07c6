import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { batchWritesPerTurn } from './turn-writes.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('batchWritesPerTurn', () => {
  let server: WebSocketServer | undefined;
  afterEach(async () => {
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  /** A server whose connections batch their writes, and a client connected to it: the server's side of the connection. */
  async function connected(maxUnsentBytes: number): Promise<{ socket: WebSocket; request: IncomingMessage; received: string[] }> {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    batchWritesPerTurn(server, maxUnsentBytes);
    const accepted = new Promise<[WebSocket, IncomingMessage]>((resolve) => server?.once('connection', (socket, request) => resolve([socket, request])));
    await new Promise((resolve) => server?.once('listening', resolve));
    const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const received: string[] = [];
    client.on('message', (data) => received.push(String(data)));
    const [socket, request] = await accepted;
    return { socket, request, received };
  }

  it('writes what one turn sends in one go, telling each sender at once', async () => {
    const { socket, request, received } = await connected(1_048_576);
    const told: number[] = [];
    for (const n of [1, 2, 3]) socket.send(`message ${n}`, () => told.push(n));
    await new Promise((resolve) => process.nextTick(resolve));
    // Told before the turn ends, while the three wait corked, unwritten.
    expect(told).toEqual([1, 2, 3]);
    expect(request.socket.writableCorked).toBe(1);
    expect(request.socket.writableLength).toBeGreaterThan(0);
    await nextTurn();
    expect(request.socket.writableCorked).toBe(0);
    await expect.poll(() => received).toEqual(['message 1', 'message 2', 'message 3']);
  });

  it('leaves a send on a closed connection to ws, which tells the sender it failed', async () => {
    const { socket } = await connected(1_048_576);
    socket.close();
    const error = await new Promise<Error | undefined>((resolve) => socket.send('too late', resolve));
    expect(error?.message).toMatch(/not open/i);
  });

  it('makes a sender wait for the write once the connection holds the bound unsent', async () => {
    const { socket, received } = await connected(10);
    const told: number[] = [];
    socket.send('a message past the bound', () => told.push(1));
    await new Promise((resolve) => process.nextTick(resolve));
    // Past ten bytes unsent: told only once written, in the next turn.
    socket.send('and another', () => told.push(2));
    await new Promise((resolve) => process.nextTick(resolve));
    expect(told).toEqual([1]);
    await expect.poll(() => told).toEqual([1, 2]);
    await expect.poll(() => received).toHaveLength(2);
  });
});
