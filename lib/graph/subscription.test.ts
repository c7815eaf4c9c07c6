import { describe, expect, it } from 'vitest';
import { createMemoryPubSub } from '../pubsub/memory.js';
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

  it('ends with SUBSCRIBER_TOO_SLOW, unsubscribed, once a slow reader has more than maxQueued values waiting', async () => {
    const pubsub = createMemoryPubSub();
    const feed = await subscribeTopics(pubsub, ['a'], (message) => message.payload, { maxQueued: 2 });
    await pubsub.publishMany(['1', '2', '3', '4'].map((payload) => ({ topic: 'a', key: 'k', payload })));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(feed.next()).rejects.toMatchObject({ extensions: { code: 'SUBSCRIBER_TOO_SLOW' } });
    await pubsub.publish({ topic: 'a', key: 'k', payload: '5' });
    expect(await feed.next()).toEqual({ done: true, value: undefined });
    await pubsub.close();
  });
});
