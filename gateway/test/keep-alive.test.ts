import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UNANSWERED_CLOSE } from '@lifestone/lib/graph';
import { metricValue } from '@lifestone/test-kit/http';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { rawSocket } from './raw-socket.js';
import { CHAT_TOPIC, tinySubgraph } from './tiny-subgraph.js';

/** The keep-alive here (LIFESTONE_KEEP_ALIVE_MS), the gateway's and the subgraph's: short, so that the test does not wait the default 12 s. */
const KEEP_ALIVE_MS = 300;
vi.stubEnv('LIFESTONE_KEEP_ALIVE_MS', String(KEEP_ALIVE_MS));

const CHAT = 'subscription($c: String) { chat(character: $c) }';

describe('a graphql-ws connection to the gateway', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ modules: [tinySubgraph()] });
  });
  afterAll(() => stack?.close());

  /** Publishes `line` for `character` every 50 ms until `received()` holds. */
  async function publishUntil(character: string, line: string, received: () => boolean): Promise<void> {
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: character, payload: line }), 50);
    await vi.waitFor(() => expect(received()).toBe(true)).finally(() => clearInterval(publisher));
  }

  it('that stops answering pings is closed with 1013 after the lines sent before, and counted: not cut with nothing said', async () => {
    const { token } = await stack.createToken('viewer', 'stops answering');
    const late = await rawSocket(stack, token);
    late.socket.send(JSON.stringify({ id: 'feed', type: 'subscribe', payload: { query: CHAT, variables: { c: 'Late' } } }));
    await publishUntil('Late', 'hello', () => late.messages.some((message) => message.id === 'feed'));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => late.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })));

    // Its process stops reading (starved, or behind): the pings and the lines wait in the socket.
    late.pause();
    for (const line of ['one', 'two', 'three']) await stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Late', payload: line });
    await vi.waitFor(async () => expect(await metricValue(stack.url, 'lifestone_gateway_websockets_unanswered_total')).toBe(1));
    late.resume();

    expect(await closed).toEqual({ code: 1013, reason: UNANSWERED_CLOSE.reason });
    const lines = late.messages.filter((message) => message.id === 'feed').map((message) => (message.payload as { data: { chat: string } }).data.chat);
    expect(lines.slice(-3)).toEqual(['Late: one', 'Late: two', 'Late: three']);
  });

  it('that answers its pings stays open', async () => {
    const { token } = await stack.createToken('viewer', 'answers');
    const steady = await rawSocket(stack, token);
    await new Promise((resolve) => setTimeout(resolve, KEEP_ALIVE_MS * 4));
    expect(steady.socket.readyState).toBe(steady.socket.OPEN);
    steady.socket.close();
  });
});

describe('a subscription whose subgraph connection closes under it', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ modules: [tinySubgraph()] });
  });
  afterAll(() => stack?.close());

  it('ends with LIVE_FEED_INTERRUPTED, counted, rather than going on with a hole', async () => {
    const { token } = await stack.createToken('viewer', 'subgraph restarts');
    const reader = await stack.subscribeWs<{ chat: string }>(CHAT, { c: 'Gap' }, token);
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Gap', payload: 'before' }), 50);
    await reader.waitFor((result) => result.data?.chat === 'Gap: before').finally(() => clearInterval(publisher));

    await stack.restartSubgraph('telemetry', tinySubgraph());

    const ended = await reader.waitFor((result) => result.errors !== undefined, 10_000);
    expect(ended.errors?.[0]?.extensions?.code).toBe('LIVE_FEED_INTERRUPTED');
    expect(await metricValue(stack.url, 'lifestone_gateway_subscriptions_interrupted_total{subgraph="telemetry"}')).toBe(1);
    await reader.close();
  });
});
