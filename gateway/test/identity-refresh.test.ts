/**
 * The identity the gateway signs for a subgraph's socket lives one TTL; the
 * gateway refreshes it with a ping before then, so that a subscription
 * through the gateway outlives many TTLs, while a socket opened with a
 * captured identity is closed after one.
 */
import { IDENTITY_HEADER, signIdentity } from '@lifestone/lib/graph';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { INTERNAL_SECRET, startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { CHAT_TOPIC, tinySubgraph } from './tiny-subgraph.js';

const TTL_MS = 900;

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ modules: [tinySubgraph()], identityTtlMs: TTL_MS });
});
afterAll(() => stack?.close());

describe('a subscription through the gateway', () => {
  it('keeps delivering across several TTLs of its subgraph socket’s identity', async () => {
    const viewer = await stack.createToken('viewer', 'long-watcher');
    const stream = await stack.subscribeWs<{ chat: string }>('subscription($c: String) { chat(character: $c) }', { c: 'Ivy' }, viewer.token);
    const publish = (payload: string) => stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Ivy', payload });
    const publisher = setInterval(() => void publish('early'), 50);
    await stream.waitFor((result) => result.data?.chat === 'Ivy: early').finally(() => clearInterval(publisher));
    await new Promise((resolve) => setTimeout(resolve, TTL_MS * 4));
    await publish('late');
    await stream.waitFor((result) => result.data?.chat === 'Ivy: late');
    expect(stream.results.filter((result) => result.errors !== undefined)).toEqual([]);
    await stream.close();
  });

  it('does not keep open a subgraph socket opened with a captured identity', async () => {
    const subgraph = stack.subgraphs.telemetry;
    if (!subgraph) throw new Error('no telemetry subgraph');
    const captured = signIdentity({ kind: 'token', id: 'x', name: 'captured', role: 'viewer' }, INTERNAL_SECRET, { use: 'ws', subgraph: 'telemetry' });
    const socket = new WebSocket(subgraph.wsUrl, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    await new Promise((resolve) => socket.once('open', resolve));
    const opened = Date.now();
    socket.send(JSON.stringify({ type: 'connection_init', payload: { [IDENTITY_HEADER]: captured } }));
    await vi.waitFor(async () => expect(await closed).toEqual({ code: 4403, reason: 'Forbidden: the gateway identity expired unrefreshed' }), { timeout: TTL_MS * 3 });
    expect(Date.now() - opened).toBeGreaterThanOrEqual(TTL_MS - 100);
  });
});
