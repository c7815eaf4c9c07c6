import { expect, vi } from 'vitest';
import WebSocket from 'ws';
import type { TestStack } from '@lifestone/test-kit/stack';

/** A graphql-ws message as a raw socket reads it. */
export interface RawMessage {
  id?: string;
  type: string;
  payload?: unknown;
}

/** A graphql-ws connection to the gateway read by hand, acknowledged: its messages, and a way to stop and resume reading its socket. */
export async function rawSocket(stack: TestStack, token: string): Promise<{ socket: WebSocket; messages: RawMessage[]; pause: () => void; resume: () => void }> {
  const socket = new WebSocket(stack.gateway.wsUrl, 'graphql-transport-ws');
  const messages: RawMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as RawMessage));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await vi.waitFor(() => expect(messages.some((message) => message.type === 'connection_ack')).toBe(true));
  const tcp = (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  return { socket, messages, pause: () => tcp.pause(), resume: () => tcp.resume() };
}
