import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@lifestone/lib/log';
import { publishedPayload } from '@lifestone/lib/published';
import { topics, type PubSub } from '@lifestone/lib/pubsub';
import { createRedisPubSub } from '@lifestone/lib/pubsub/redis';
import { uniqueSuffix } from '@lifestone/test-kit/pubsub-contract';
import { cutRedisClients, withRedis } from '@lifestone/test-kit/redis';
import { LiveFeeds } from '../subscriptions.js';

/**
 * The live feeds when Redis cuts the subgraph's subscriber connection (as it
 * does past its client-output-buffer-limit pubsub): what was published
 * meanwhile is lost to them, so `events` and `alerts` end with
 * LIVE_FEED_INTERRUPTED for their clients to read it back; `positions` goes on.
 */
describe.skipIf(!process.env.REDIS_URL)('the live feeds when the pubsub loses messages', () => {
  const name = `telemetry-feeds-${uniqueSuffix()}`;
  let pubsub: PubSub;

  beforeAll(async () => {
    pubsub = await createRedisPubSub({ url: process.env.REDIS_URL as string, name, onError: () => {} });
  });
  afterAll(async () => {
    await pubsub?.close();
  });

  it('end every events and alerts subscription with LIVE_FEED_INTERRUPTED, and leave positions going', async () => {
    const feeds = new LiveFeeds(10).of(pubsub, createLogger('feed-gaps-test', 'silent'));
    const chat = await feeds.events.open(['chat'], ['Mira']);
    const everything = await feeds.events.open(['chat', 'vitals'], null);
    const alerts = await feeds.alerts.open(null, null);
    const positions = await feeds.positions.open(null);
    const pending = [chat, everything, alerts].map((feed) => feed.next().catch((error: unknown) => error));

    expect(await withRedis((redis) => cutRedisClients(redis, `${name}:sub`))).toBe(1);
    for (const ended of await Promise.all(pending)) expect(ended).toMatchObject({ extensions: { code: 'LIVE_FEED_INTERRUPTED' } });
    for (const feed of [chat, everything, alerts]) expect(await feed.next()).toEqual({ value: undefined, done: true });

    // Positions still arrive once the subscriber is back.
    const next = positions.next();
    await expect.poll(() => pubsub.up, { timeout: 10_000 }).toBe(true);
    const telemetry = { type: 'telemetry', character_name: 'Mira', timestamp: new Date().toISOString(), ew: 1, ns: 2, z: 0 };
    await pubsub.publish({ topic: topics.event('telemetry'), key: 'Mira', payload: publishedPayload(new Date(), JSON.stringify(telemetry).slice(1, -1)) });
    expect((await next).value?.positions.map((moved: { character: string }) => moved.character)).toEqual(['Mira']);
    await positions.return?.();
  });
});
