import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { publishedPayload } from '@lifestone/lib/published';
import { topics } from '@lifestone/lib/pubsub';
import { metricValue, pausedEventStream } from '@lifestone/test-kit/http';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';

/**
 * The report's case on the real graph: ten `events` subscribers over SSE
 * that never read, while chat flows. Each is held to the unsent bound and
 * told, rather than growing the gateway by the whole feed.
 */

const READERS = 10;
const EVENTS_PUBLISHED = 1_000;
const MAX_UNSENT_BYTES = 64 * 1024;
const EVENTS = 'subscription { events(types: [CHAT]) { type character payload { ... on ChatPayload { text } } } }';
/** 16 KiB a line: the flood is 16 MB a reader, four times what loopback's buffers hold for a reader that never read. */
const TEXT = 'z'.repeat(16 * 1024);

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ subscriptionLimits: { maxUnsentBytes: MAX_UNSENT_BYTES, slowReaderGraceMs: 30_000 } });
});
afterAll(() => stack?.close());



it('ten SSE `events` subscribers that never read are each ended with SUBSCRIBER_TOO_SLOW at the bound, counted, their subscriptions stopped', async () => {
  const { token } = await stack.createToken('viewer', 'ten tabs that never read');
  const running = `lifestone_subgraph_subscriptions{operation="events",subgraph="telemetry"}`;
  const readers = await Promise.all(Array.from({ length: READERS }, () => pausedEventStream(stack.url, token, JSON.stringify({ query: EVENTS }))));
  await vi.waitFor(async () => expect(await metricValue(stack.subgraphs.telemetry?.url ?? '', running)).toBe(READERS));

  for (let i = 0; i < EVENTS_PUBLISHED; i++) {
    const frame = `"type":"chat","character_name":"Mira","timestamp":"${new Date().toISOString()}","channel":"General","text":"${TEXT}"`;
    await stack.ingest.pubsub.publish({ topic: topics.event('chat'), key: 'Mira', payload: publishedPayload(new Date(), frame) });
    await new Promise((resolve) => setImmediate(resolve));
  }
  await vi.waitFor(async () => expect(await metricValue(stack.gateway.url, 'lifestone_gateway_slow_subscribers_total{transport="sse"}')).toBe(READERS));
  await vi.waitFor(async () => expect(await metricValue(stack.subgraphs.telemetry?.url ?? '', running)).toBe(0));

  for (const reader of readers) {
    const { text } = await reader.resume();
    const events = text.split('\n\n').filter((event) => event.startsWith('event: next'));
    // What waited for each was the socket buffers' and the bound's worth, not the flood.
    expect(events.length).toBeLessThan(EVENTS_PUBLISHED / 2);
    expect(JSON.parse(events.at(-1)?.split('data: ')[1] ?? 'null')).toEqual({
      errors: [expect.objectContaining({ extensions: { code: 'SUBSCRIBER_TOO_SLOW', limit: MAX_UNSENT_BYTES, setting: 'LIFESTONE_MAX_UNSENT_BYTES' } })],
    });
    expect(text.endsWith('event: complete\ndata:\n\n')).toBe(true);
  }
});
