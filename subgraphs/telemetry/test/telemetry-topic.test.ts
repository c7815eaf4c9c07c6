import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
// A plain client, to look at Redis the way an operator would (as lib/pubsub/redis.test.ts does).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { topics, type PubSub } from '@lifestone/lib/pubsub';
import { createRedisPubSub } from '@lifestone/lib/pubsub/redis';
import { redisClientsNamed } from '@lifestone/test-kit/redis';
import { startTelemetryHarness, type TelemetryHarness } from './harness.js';

const url = process.env.REDIS_URL;

/**
 * Telemetry is the bulk of the firehose: ingest publishes each frame once, on
 * its event topic, and the subgraph's `events` and `positions` feeds both read
 * it through one Redis subscription.
 */
describe.skipIf(!url)('telemetry over Redis', () => {
  const suffix = randomBytes(4).toString('hex');
  // Connection names of the subgraph's pubsub in CLIENT LIST: `<name>:pub`, `<name>:sub`.
  const name = `lifestone-test-telemetry-${suffix}`;
  const who = `Once ${suffix}`;
  let ingestPubSub: PubSub;
  let subgraphPubSub: PubSub;
  let harness: TelemetryHarness;
  let raw: Redis;
  let observer: Redis;
  /** Every message Redis carried about `who`, on any Lifestone channel. */
  const carried: { channel: string; frame: string }[] = [];

  beforeAll(async () => {
    raw = new Redis(url ?? '');
    observer = new Redis(url ?? '');
    observer.on('pmessage', (_pattern: string, channel: string, frame: string) => {
      if (frame.startsWith(`${Buffer.byteLength(who)}:${who}`)) carried.push({ channel, frame });
    });
    await observer.psubscribe('lifestone.*');
    ingestPubSub = await createRedisPubSub({ url: url ?? '', name: `${name}-ingest`, onError: () => {} });
    subgraphPubSub = await createRedisPubSub({ url: url ?? '', name, onError: () => {} });
    harness = await startTelemetryHarness({ positionsTickMs: 50 }, { ingest: ingestPubSub, subgraph: subgraphPubSub });
  });

  afterAll(async () => {
    await harness?.close();
    await subgraphPubSub?.close();
    await ingestPubSub?.close();
    await observer?.quit();
    await raw?.quit();
  });

  /** The channels the subgraph's subscriber connection holds, as Redis counts them. */
  async function subgraphChannels(): Promise<number | undefined> {
    const [subscriber] = await redisClientsNamed(raw, `${name}:sub`);
    return subscriber === undefined ? undefined : Number(subscriber.sub);
  }

  it('publishes a telemetry frame once, on its event topic, and both feeds get it through one subscription', async () => {
    const positions = await harness.subscribe('subscription ($characters: [String!]) { positions(characters: $characters) { positions { character position { ew ns } } } }', { characters: [who] });
    const events = await harness.subscribe(
      'subscription ($characters: [String!]) { events(types: [TELEMETRY], characters: $characters) { type character payload { ... on TelemetryPayload { position { ew ns } } } } }',
      { characters: [who] },
    );
    // Both feeds hold a handler on the telemetry topic; Redis sees one channel subscribed.
    expect(harness.pubsub.active()).toEqual([topics.event('telemetry'), topics.event('telemetry')]);
    expect(await subgraphChannels()).toBe(1);

    await harness.send({ type: 'telemetry', character_name: who, ew: 4.5, ns: -6.25, z: 1 });
    expect(await positions.next()).toEqual({ data: { positions: { positions: [{ character: who, position: { ew: 4.5, ns: -6.25 } }] } } });
    expect(await events.next()).toEqual({ data: { events: { type: 'TELEMETRY', character: who, payload: { position: { ew: 4.5, ns: -6.25 } } } } });

    // One message on one channel, and nothing after it (ingest has handed over all it had when `send` resolved).
    await vi.waitFor(() => expect(carried).toHaveLength(1));
    await sleep(200);
    expect(carried.map((message) => message.channel)).toEqual([topics.event('telemetry')]);

    // The channel stays while either feed has a subscriber, and goes with the last.
    await positions.close();
    await sleep(100);
    expect(await subgraphChannels()).toBe(1);
    await events.close();
    await vi.waitFor(async () => expect(await subgraphChannels()).toBe(0));
  });
});
