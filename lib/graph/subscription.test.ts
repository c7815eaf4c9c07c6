import { describe, expect, it } from 'vitest';
import { uniqueSuffix } from '@lifestone/test-kit/pubsub-contract';
import { cutRedisClients, withRedis } from '@lifestone/test-kit/redis';
import { createMemoryPubSub } from '../pubsub/memory.js';
import { createRedisPubSub } from '../pubsub/redis.js';
import { MAX_QUEUED, MAX_QUEUED_BUSY } from './push-iterator.js';

/** The stall time these tests give their feeds: short, so that they run in well under a second. */
const STALL_MS = 300;
import { subscribeTopics } from './subscription.js';

describe('subscribeTopics', () => {
  it('delivers selected messages of several topics in publish order, and stops at return()', async () => {
    const pubsub = createMemoryPubSub();
    const chat = await subscribeTopics(pubsub, ['a', 'b'], (message) => (message.key === 'Mab' ? `${message.topic}:${message.payload}` : undefined));
    await pubsub.publishMany([
      { topic: 'a', key: 'Mab', payload: '1' },
      { topic: 'b', key: 'Ashbringer', payload: '2' },
      { topic: 'b', key: 'Mab', payload: '3' },
      { topic: 'c', key: 'Mab', payload: '4' },
    ]);
    expect(await chat.next()).toEqual({ done: false, value: 'a:1' });
    expect(await chat.next()).toEqual({ done: false, value: 'b:3' });
    const waiting = chat.next();
    expect(await chat.return?.()).toEqual({ done: true, value: undefined });
    expect(await waiting).toEqual({ done: true, value: undefined });
    await pubsub.publish({ topic: 'a', key: 'Mab', payload: '5' });
    expect(await chat.next()).toEqual({ done: true, value: undefined });
    await pubsub.close();
  });

  it('ends with SUBSCRIBER_TOO_SLOW, unsubscribed, once a reader took nothing for stallMs with more than maxQueued values waiting', async () => {
    const pubsub = createMemoryPubSub();
    const feed = await subscribeTopics(pubsub, ['a'], (message) => message.payload, { maxQueued: 2, stallMs: STALL_MS });
    await pubsub.publishMany(['1', '2', '3', '4'].map((payload) => ({ topic: 'a', key: 'k', payload })));
    await new Promise((resolve) => setTimeout(resolve, STALL_MS + 200));
    await expect(feed.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    await pubsub.publish({ topic: 'a', key: 'k', payload: '5' });
    expect(await feed.next()).toEqual({ done: true, value: undefined });
    await pubsub.close();
  });

  it('keeps a reader that still takes values, however far behind, up to the busy bound: overload is slower, not lossy', async () => {
    const pubsub = createMemoryPubSub();
    const maxQueued = 2;
    const busyBound = maxQueued * (MAX_QUEUED_BUSY / MAX_QUEUED);
    const feed = await subscribeTopics(pubsub, ['a'], (message) => message.payload, { maxQueued });
    // Three come for each one taken: the queue passes maxQueued and grows by two a round, nothing lost, up to the bound.
    for (let i = 0; i < busyBound / 2 - 1; i++) {
      await pubsub.publishMany([0, 1, 2].map((k) => ({ topic: 'a', key: 'k', payload: String(3 * i + k) })));
      expect(await feed.next()).toEqual({ done: false, value: String(i) });
    }
    // The queue holds busyBound - 2 values: two more fill it, and one more is past it.
    await pubsub.publishMany(['full', 'fuller'].map((payload) => ({ topic: 'a', key: 'k', payload })));
    await pubsub.publish({ topic: 'a', key: 'k', payload: 'past' });
    await expect(feed.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    await pubsub.close();
  });

  it.runIf(process.env.REDIS_URL)('ends with LIVE_FEED_INTERRUPTED, unsubscribed, when Redis cuts the subscriber connection', async () => {
    const name = `subscribe-topics-${uniqueSuffix()}`;
    const pubsub = await createRedisPubSub({ url: process.env.REDIS_URL as string, name, onError: () => {} });
    try {
      const topic = `lifestone.test.${name}`;
      const feed = await subscribeTopics(pubsub, [topic], (message) => message.payload);
      const ended = feed.next().catch((error: unknown) => error);
      expect(await withRedis((redis) => cutRedisClients(redis, `${name}:sub`))).toBe(1);
      expect(await ended).toMatchObject({ extensions: { code: 'LIVE_FEED_INTERRUPTED' } });
      expect(await feed.next()).toEqual({ done: true, value: undefined });
      // Let go of: once the subscriber is back, the topic has no subscription left.
      await expect.poll(() => pubsub.up, { timeout: 10_000 }).toBe(true);
      expect(await withRedis((redis) => redis.call('PUBSUB', 'NUMSUB', topic))).toEqual([topic, 0]);
    } finally {
      await pubsub.close();
    }
  });
});
