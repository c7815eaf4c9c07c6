import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryPubSub } from '../../lib/pubsub/memory.js';
import type { PubSub } from '../../lib/pubsub/types.js';
import { startTestStack, type ResultStream, type TestStack } from '@lifestone/test-kit/stack';
import { CHAT_TOPIC, tinySubgraph } from './tiny-subgraph.js';

/** The memory pubsub, counting the subscriptions open on each topic: one per subgraph subscription. */
function countingPubSub(): { pubsub: PubSub; open: (topic: string) => number } {
  const inner = createMemoryPubSub();
  const counts = new Map<string, number>();
  const change = (topic: string, by: number): void => void counts.set(topic, (counts.get(topic) ?? 0) + by);
  const pubsub: PubSub = {
    kind: inner.kind,
    get up() {
      return inner.up;
    },
    publish: (message) => inner.publish(message),
    publishMany: (messages) => inner.publishMany(messages),
    onGap: (listener) => inner.onGap(listener),
    subscribe: async (topic, handler) => {
      const subscription = await inner.subscribe(topic, handler);
      change(topic, 1);
      return { unsubscribe: () => subscription.unsubscribe().finally(() => change(topic, -1)) };
    },
    close: () => inner.close(),
  };
  return { pubsub, open: (topic) => counts.get(topic) ?? 0 };
}

const CHAT = 'subscription($c: String) { chat(character: $c) }';

let stack: TestStack;
let counting: ReturnType<typeof countingPubSub>;
beforeAll(async () => {
  counting = countingPubSub();
  stack = await startTestStack({ modules: [tinySubgraph()], pubsub: counting.pubsub, sharedSubscriptionFields: new Set(['chat']) });
});
afterAll(() => stack?.close());

/** Publishes `text` for `character` until every stream received it (graphql-ws says nothing when the subgraph has subscribed). */
async function chatUntilReceived(character: string, text: string, streams: ResultStream<{ chat: string }>[]): Promise<void> {
  const waiting = Promise.all(streams.map((stream) => stream.waitFor((result) => result.data?.chat === `${character}: ${text}`)));
  const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: character, payload: text }), 50);
  await waiting.finally(() => clearInterval(publisher));
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 5_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('graphql-ws subscriptions shared among callers', () => {
  it('run once upstream for every subscriber of the same operation and role, each getting every result, until the last leaves', async () => {
    const [ada, bea, oscar] = await Promise.all([stack.createToken('viewer', 'ada'), stack.createToken('viewer', 'bea'), stack.createToken('operator', 'oscar')]);
    const first = await stack.subscribeWs<{ chat: string }>(CHAT, { c: 'Dee' }, ada.token);
    const second = await stack.subscribeWs<{ chat: string }>(CHAT, { c: 'Dee' }, bea.token);
    await chatUntilReceived('Dee', 'hi', [first, second]);
    expect(counting.open(CHAT_TOPIC)).toBe(1);

    // Another role runs its own; other variables are another operation.
    const operator = await stack.subscribeWs<{ chat: string }>(CHAT, { c: 'Dee' }, oscar.token);
    const other = await stack.subscribeWs<{ chat: string }>(CHAT, { c: 'Eve' }, ada.token);
    await chatUntilReceived('Dee', 'again', [first, second, operator]);
    await chatUntilReceived('Eve', 'hello', [other]);
    expect(counting.open(CHAT_TOPIC)).toBe(3);
    expect(first.results.every((result) => result.data?.chat.startsWith('Dee: '))).toBe(true);

    // The subscriber that started it leaves; the other keeps receiving.
    await first.close();
    await chatUntilReceived('Dee', 'still there', [second]);
    expect(counting.open(CHAT_TOPIC)).toBe(3);
    await Promise.all([second.close(), operator.close(), other.close()]);
    await waitUntil(() => counting.open(CHAT_TOPIC) === 0);
  });

  it('are shared whatever the document’s shape: fragments, inline fragments and aliases at the root', async () => {
    const { token } = await stack.createToken('viewer', 'shapes');
    const shapes = [
      'subscription($c: String) { ...Feed } fragment Feed on Subscription { chat(character: $c) }',
      'subscription($c: String) { ... on Subscription { chat(character: $c) } }',
      'subscription($c: String) { ... { ...Feed } } fragment Feed on Subscription { chat(character: $c) }',
    ];
    const streams = [];
    for (const query of shapes) streams.push(await stack.subscribeWs<{ chat: string }>(query, { c: 'Gus' }, token));
    streams.push(await stack.subscribeWs<{ chat: string }>(shapes[0] as string, { c: 'Gus' }, token));
    await chatUntilReceived('Gus', 'hi', streams);
    // One upstream subscription per distinct document, not one per subscriber: the fourth joined the first.
    expect(counting.open(CHAT_TOPIC)).toBe(3);
    const aliased = await stack.subscribeWs<{ said: string }>('subscription($c: String) { said: chat(character: $c) }', { c: 'Gus' }, token);
    const twin = await stack.subscribeWs<{ said: string }>('subscription($c: String) { said: chat(character: $c) }', { c: 'Gus' }, token);
    const waiting = Promise.all([aliased, twin].map((stream) => stream.waitFor((result) => result.data?.said === 'Gus: aliased')));
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Gus', payload: 'aliased' }), 50);
    await waiting.finally(() => clearInterval(publisher));
    expect(counting.open(CHAT_TOPIC)).toBe(4);
    await Promise.all([...streams, aliased, twin].map((stream) => stream.close()));
    await waitUntil(() => counting.open(CHAT_TOPIC) === 0);
  });

  it('authenticate every joiner: a socket whose token was revoked starts nothing, even an operation others run', async () => {
    const [ada, revoked] = await Promise.all([stack.createToken('viewer', 'ada'), stack.createToken('viewer', 'soon revoked')]);
    const running = await stack.subscribeWs<{ chat: string }>(CHAT, { c: 'Fay' }, ada.token);
    await chatUntilReceived('Fay', 'hi', [running]);
    // Not lazy: the socket stays open, authenticated at connection_init, after its first subscription ends.
    const client = stack.wsClient(revoked.token, { lazy: false });
    const whoami = client.iterate({ query: 'subscription { whoami }' });
    expect((await whoami.next()).value).toEqual({ data: { whoami: 'soon revoked:viewer' } });
    await stack.graphql('mutation($id: ID!) { revokeApiToken(id: $id) }', { id: revoked.id }, { cookie: stack.adminCookie });
    const refused = await client.iterate({ query: CHAT, variables: { c: 'Fay' } }).next();
    expect(refused.value).toEqual({
      errors: [expect.objectContaining({ message: expect.stringMatching(/^This API token is not valid/), extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })],
    });
    expect(counting.open(CHAT_TOPIC)).toBe(1);
    await client.dispose();
    await running.close();
  });

  it('never share a subscription outside the shared fields: each subscriber runs its own', async () => {
    const own = countingPubSub();
    const bare = await startTestStack({ modules: [tinySubgraph()], pubsub: own.pubsub });
    try {
      const [ada, bea] = await Promise.all([bare.createToken('viewer', 'ada'), bare.createToken('viewer', 'bea')]);
      const first = await bare.subscribeWs<{ chat: string }>(CHAT, { c: 'Fay' }, ada.token);
      const second = await bare.subscribeWs<{ chat: string }>(CHAT, { c: 'Fay' }, bea.token);
      const waiting = Promise.all([first, second].map((stream) => stream.waitFor((result) => result.data?.chat === 'Fay: hi')));
      const publisher = setInterval(() => void bare.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Fay', payload: 'hi' }), 50);
      await waiting.finally(() => clearInterval(publisher));
      expect(own.open(CHAT_TOPIC)).toBe(2);
    } finally {
      await bare.close();
    }
  });
});
