import { describe, expect, it } from 'vitest';
import { topicKinds, WAIT } from '@lifestone/test-kit/pubsub-contract';
import { createPubSub } from './index.js';

const redisUrl = process.env.REDIS_URL;
const natsUrl = process.env.NATS_URL;

describe('createPubSub', () => {
  it('uses the in-memory pubsub when no URL is set, passing onError through', async () => {
    const errors: unknown[] = [];
    const pubsub = await createPubSub({ onError: (error) => errors.push(error) });
    expect(pubsub.kind).toBe('memory');
    const topic = topicKinds.event('choice');
    await pubsub.subscribe(topic, () => {
      throw new Error('handler failed');
    });
    await pubsub.publish({ topic, key: 'k', payload: '' });
    await expect.poll(() => errors.length, WAIT).toBe(1);
    expect((errors[0] as Error).message).toBe('handler failed');
    await pubsub.close();
  });

  it.skipIf(!redisUrl || !natsUrl)('prefers Redis when both URLs are set', async () => {
    const pubsub = await createPubSub({ redisUrl, natsUrl });
    expect(pubsub.kind).toBe('redis');
    await pubsub.close();
  });

  it.skipIf(!natsUrl)('uses NATS when only natsUrl is set', async () => {
    const pubsub = await createPubSub({ redisUrl: '', natsUrl });
    expect(pubsub.kind).toBe('nats');
    await pubsub.close();
  });
});
