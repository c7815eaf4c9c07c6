import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryPubSub } from '@lifestone/lib/pubsub/memory';
import type { PubSub } from '@lifestone/lib/pubsub';
import { metricValue, pausedEventStream } from '@lifestone/test-kit/http';
import { recordingPubSub } from '@lifestone/test-kit/recording-pubsub';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { rawSocket } from './raw-socket.js';
import { CHAT_TOPIC, tinySubgraph } from './tiny-subgraph.js';

/** The gateway's stall time here (LIFESTONE_SUBSCRIBER_STALL_MS): short, so that the test does not wait the default 30 s. */
const STALL_MS = 1_000;
vi.stubEnv('LIFESTONE_SUBSCRIBER_STALL_MS', String(STALL_MS));

/** The memory pubsub, counting the subscriptions open on the chat topic: one per subgraph subscription. */
function countingPubSub(): { pubsub: PubSub; open: () => number } {
  const pubsub = recordingPubSub(createMemoryPubSub());
  return { pubsub, open: () => pubsub.active().filter((topic) => topic === CHAT_TOPIC).length };
}

const CHAT = 'subscription($c: String) { chat(character: $c) }';
/** Far more than the bound below and than loopback's socket buffers hold for a reader that never read (a few MB). */
const FLOOD_MESSAGES = 200;
const LINE = 'x'.repeat(64 * 1024);
const MAX_UNSENT_BYTES = 256 * 1024;
const GRACE_MS = 1_500;


/** Publishes `messages` 64 KiB chat lines for `character`, letting the event loop turn between them as a real feed would. */
async function flood(stack: TestStack, character: string, messages = FLOOD_MESSAGES): Promise<void> {
  for (let i = 0; i < messages; i++) {
    await stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: character, payload: LINE });
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** An SSE subscription to `character`'s chat whose reader does not read until `resume()`. */
function pausedChat(stack: TestStack, token: string, character: string): ReturnType<typeof pausedEventStream> {
  return pausedEventStream(stack.url, token, JSON.stringify({ query: CHAT, variables: { c: character } }));
}

const tooSlow = {
  message: `This subscription ended: more than ${MAX_UNSENT_BYTES} bytes were waiting for you to read them. Read faster or subscribe to less, subscribe again, and fill the gap from the queries' history.`,
  extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: MAX_UNSENT_BYTES, setting: 'LIFESTONE_MAX_UNSENT_BYTES' },
};

describe('a subscriber that does not read', () => {
  let stack: TestStack;
  let counting: ReturnType<typeof countingPubSub>;
  beforeAll(async () => {
    counting = countingPubSub();
    stack = await startTestStack({
      modules: [tinySubgraph()],
      pubsub: counting.pubsub,
      sharedSubscriptionFields: new Set(['chat']),
      subscriptionLimits: { maxUnsentBytes: MAX_UNSENT_BYTES, slowReaderGraceMs: GRACE_MS },
    });
  });
  afterAll(() => stack?.close());

  it('over SSE holds at most the bound: its stream ends with SUBSCRIBER_TOO_SLOW, counted, and the subscription stops upstream', async () => {
    const { token } = await stack.createToken('viewer', 'never reads sse');
    const reader = await pausedChat(stack, token, 'Sse');
    await vi.waitFor(() => expect(counting.open()).toBe(1));
    await flood(stack, 'Sse');
    await vi.waitFor(async () => expect(await metricValue(stack.url, 'lifestone_gateway_slow_subscribers_total{transport="sse"}')).toBe(1));
    await vi.waitFor(() => expect(counting.open()).toBe(0));

    const { text, complete } = await reader.resume();
    // What was waiting was the socket buffers' and the bound's worth, not the flood: before, all of it queued in the gateway.
    const received = text.split('event: next\n').length - 1;
    expect(received).toBeLessThan(FLOOD_MESSAGES / 2);
    expect(complete).toBe(true);
    const events = text.split('\n\n').filter((event) => event.startsWith('event: next'));
    expect(JSON.parse(events.at(-1)?.split('data: ')[1] ?? 'null')).toEqual({ errors: [tooSlow] });
  });

  it('over SSE and never reading again is cut off after the grace, the last error unsent', async () => {
    const { token } = await stack.createToken('viewer', 'never reads sse at all');
    const reader = await pausedChat(stack, token, 'Gone');
    await vi.waitFor(() => expect(counting.open()).toBe(1));
    await flood(stack, 'Gone');
    await vi.waitFor(() => expect(counting.open()).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 500));
    const { text, complete } = await reader.resume();
    expect(complete).toBe(false);
    expect(text).not.toContain('SUBSCRIBER_TOO_SLOW');
  });

  it('over graphql-ws ends its shared subscriptions with SUBSCRIBER_TOO_SLOW, counted, while another subscriber of the same feed goes on', async () => {
    const [slow, steady] = await Promise.all([stack.createToken('viewer', 'never reads ws'), stack.createToken('viewer', 'reads ws')]);
    const reader = await stack.subscribeWs<{ chat: string }>(CHAT, { c: 'Ws' }, steady.token);
    const paused = await rawSocket(stack, slow.token);
    paused.socket.send(JSON.stringify({ id: 'feed', type: 'subscribe', payload: { query: CHAT, variables: { c: 'Ws' } } }));
    // Both are subscribed once a line reaches both (graphql-ws says nothing when a subscription is in place).
    const publisher = setInterval(() => void stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Ws', payload: 'hello' }), 50);
    await vi.waitFor(() => expect(paused.messages.some((message) => message.id === 'feed') && reader.results.length > 0).toBe(true)).finally(() => clearInterval(publisher));
    expect(counting.open()).toBe(1);
    const before = await metricValue(stack.url, 'lifestone_gateway_slow_subscribers_total{transport="ws"}');
    paused.pause();
    await flood(stack, 'Ws');
    await vi.waitFor(async () => expect(await metricValue(stack.url, 'lifestone_gateway_slow_subscribers_total{transport="ws"}')).toBe(before + 1));
    await vi.waitFor(() => expect(reader.results.filter((result) => result.data?.chat === `Ws: ${LINE}`)).toHaveLength(FLOOD_MESSAGES));
    // The upstream subscription goes on for the subscriber that reads.
    expect(counting.open()).toBe(1);

    paused.resume();
    await vi.waitFor(() => expect(paused.messages.at(-1)).toEqual({ id: 'feed', type: 'complete' }));
    const feed = paused.messages.filter((message) => message.id === 'feed');
    expect(feed.at(-2)).toEqual({ id: 'feed', type: 'next', payload: { errors: [tooSlow] } });
    expect(feed.filter((message) => message.type === 'next' && JSON.stringify(message.payload).includes(LINE)).length).toBeLessThan(FLOOD_MESSAGES / 2);
    paused.socket.close();
    await reader.close();
    await vi.waitFor(() => expect(counting.open()).toBe(0));
  });

  it('over graphql-ws and never reading again is cut off after the grace', async () => {
    const { token } = await stack.createToken('viewer', 'never reads ws at all');
    const paused = await rawSocket(stack, token);
    paused.socket.send(JSON.stringify({ id: 'feed', type: 'subscribe', payload: { query: CHAT, variables: { c: 'WsGone' } } }));
    await vi.waitFor(() => expect(counting.open()).toBe(1));
    paused.pause();
    await flood(stack, 'WsGone');
    await vi.waitFor(() => expect(counting.open()).toBe(0));
    const closed = new Promise<number>((resolve) => paused.socket.once('close', resolve));
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS + 500));
    paused.resume();
    // Cut, not closed: no close frame came, and the last error with it.
    expect(await closed).toBe(1006);
    expect(paused.messages.some((message) => message.type === 'complete')).toBe(false);
  });
});

describe('an unshared graphql-ws subscription whose subscriber does not read', () => {
  it('ends with SUBSCRIBER_TOO_SLOW once a thousand results wait for it and it takes none, counted, and stops upstream', async () => {
    const counting = countingPubSub();
    const stack = await startTestStack({ modules: [tinySubgraph()], pubsub: counting.pubsub });
    try {
      const { token } = await stack.createToken('viewer', 'never reads its own');
      const paused = await rawSocket(stack, token);
      paused.socket.send(JSON.stringify({ id: 'own', type: 'subscribe', payload: { query: CHAT, variables: { c: 'Own' } } }));
      await vi.waitFor(() => expect(counting.open()).toBe(1));
      paused.pause();
      // Each result is 16 KiB: the socket buffers fill with a few hundred, then results wait in the gateway.
      const line = 'y'.repeat(16 * 1024);
      for (let i = 0; i < 3_000 && counting.open() > 0; i++) {
        await stack.ingest.pubsub.publish({ topic: CHAT_TOPIC, key: 'Own', payload: line });
        if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      // Past a thousand waiting, the subscription ends once it has taken nothing for STALL_MS.
      await vi.waitFor(() => expect(counting.open()).toBe(0), { timeout: STALL_MS + 5_000 });
      expect(await metricValue(stack.url, 'lifestone_gateway_slow_subscribers_total{transport="ws"}')).toBe(1);
      // The gateway ended it, and counts it as its own: the subgraph, read at once, ended nothing.
      expect(await metricValue(stack.subgraphs.telemetry?.url ?? '', 'lifestone_subgraph_process_subscriptions_too_slow_total{subgraph="telemetry"}')).toBe(0);

      paused.resume();
      await vi.waitFor(() => expect(paused.messages.at(-1)).toEqual({ id: 'own', type: 'complete' }), { timeout: 10_000 });
      expect(paused.messages.at(-2)).toEqual({
        id: 'own',
        type: 'next',
        payload: {
          data: null,
          errors: [
            {
              message: "This subscription fell more than 1000 values behind and was ended so that no value is lost unannounced: subscribe again, and fill the gap from the queries' history.",
              path: ['chat'],
              extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: 1000, serviceName: 'telemetry' },
            },
          ],
        },
      });
      paused.socket.close();
    } finally {
      await stack.close();
    }
  });
});

describe('subscription caps', () => {
  let stack: TestStack;
  let counting: ReturnType<typeof countingPubSub>;
  beforeAll(async () => {
    counting = countingPubSub();
    stack = await startTestStack({ modules: [tinySubgraph()], pubsub: counting.pubsub, subscriptionLimits: { perSocket: 3, perCaller: 5 } });
  });
  afterAll(() => stack?.close());

  const refusal = (limit: number, setting: string) => ({
    errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_SUBSCRIPTIONS', limit, setting }) })],
  });

  it('refuse a socket its subscription past LIFESTONE_MAX_SUBSCRIPTIONS_PER_SOCKET, and take one again once another ends', async () => {
    const { token } = await stack.createToken('viewer', 'one socket');
    const client = stack.wsClient(token, { lazy: false });
    const stops = [1, 2, 3].map((n) => client.subscribe({ query: CHAT, variables: { c: `S${n}` } }, { next: () => {}, error: () => {}, complete: () => {} }));
    // Each runs its own subscription in the subgraph: the three are running once the pubsub has three.
    await vi.waitFor(() => expect(counting.open()).toBe(3));
    const fourth = client.iterate({ query: CHAT, variables: { c: 'S4' } });
    expect((await fourth.next()).value).toEqual(refusal(3, 'LIFESTONE_MAX_SUBSCRIPTIONS_PER_SOCKET'));
    expect((await fourth.next()).done).toBe(true);
    expect(await metricValue(stack.url, 'lifestone_gateway_subscriptions_refused_total{cap="socket"}')).toBe(1);

    stops[0]?.();
    await vi.waitFor(async () => expect((await client.iterate({ query: 'subscription { whoami }' }).next()).value).toEqual({ data: { whoami: 'one socket:viewer' } }));
    for (const stop of stops) stop();
    await client.dispose();
    await vi.waitFor(() => expect(counting.open()).toBe(0));
  });

  it('refuse one caller past LIFESTONE_MAX_SUBSCRIPTIONS_PER_CALLER across its sockets and SSE streams, and no one else', async () => {
    const [mine, theirs] = await Promise.all([stack.createToken('viewer', 'many sockets'), stack.createToken('viewer', 'someone else')]);
    const first = stack.wsClient(mine.token, { lazy: false });
    const second = stack.wsClient(mine.token, { lazy: false });
    const running = [
      ...[1, 2, 3].map((n) => first.iterate({ query: CHAT, variables: { c: `C${n}` } })),
      ...[4].map((n) => second.iterate({ query: CHAT, variables: { c: `C${n}` } })),
    ];
    const sse = await stack.subscribeSse<{ chat: string }>(CHAT, { c: 'C5' }, { token: mine.token });
    await vi.waitFor(() => expect(counting.open()).toBe(5));
    // Five running: the sixth is refused on another socket, and over SSE.
    const sixth = second.iterate({ query: CHAT, variables: { c: 'C6' } });
    expect((await sixth.next()).value).toEqual(refusal(5, 'LIFESTONE_MAX_SUBSCRIPTIONS_PER_CALLER'));
    const refusedStream = await stack.subscribeSse(CHAT, { c: 'C7' }, { token: mine.token });
    expect(await refusedStream.waitFor(() => true)).toEqual(refusal(5, 'LIFESTONE_MAX_SUBSCRIPTIONS_PER_CALLER'));
    expect(await metricValue(stack.url, 'lifestone_gateway_subscriptions_refused_total{cap="caller"}')).toBe(2);

    // Someone else is not held back.
    const other = stack.wsClient(theirs.token);
    const whoami = other.iterate({ query: 'subscription { whoami }' });
    expect((await whoami.next()).value).toEqual({ data: { whoami: 'someone else:viewer' } });

    // The SSE stream's end gives its place back.
    await sse.close();
    await vi.waitFor(async () => expect((await second.iterate({ query: 'subscription { whoami }' }).next()).value).toEqual({ data: { whoami: 'many sockets:viewer' } }));
    await Promise.all(running.map((iterator) => iterator.return?.()));
    await Promise.all([first.dispose(), second.dispose(), other.dispose()]);
  });
});
