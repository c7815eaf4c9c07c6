import { describe, expect, it } from 'vitest';
import { collector, describePubSubContract, topicKinds } from '@lifestone/test-kit/pubsub-contract';
import { createMemoryPubSub } from './memory.js';

describePubSubContract('memory', async (options) => createMemoryPubSub(options), { sharedAcrossInstances: false });

describe('memory pubsub', () => {
  it('delivers after publish returns, never inside the publisher’s call', async () => {
    const pubsub = createMemoryPubSub();
    const topic = topicKinds.event('async');
    const sink = collector();
    await pubsub.subscribe(topic, sink.handler);
    const published = pubsub.publish({ topic, key: 'k', payload: '1' });
    expect(sink.received).toEqual([]);
    await published;
    await sink.waitFor(1);
    expect(sink.received).toEqual([{ topic, key: 'k', payload: '1' }]);
    await pubsub.close();
  });

  it('delivers only what is published after subscribing, and nothing queued after unsubscribing', async () => {
    const pubsub = createMemoryPubSub();
    const topic = topicKinds.event('snapshot');
    const early = collector();
    const late = collector();
    const subscription = await pubsub.subscribe(topic, early.handler);
    // No await until both messages are queued: delivery has not started yet.
    void pubsub.publish({ topic, key: 'k', payload: 'before late subscribed' });
    const lateSubscribed = pubsub.subscribe(topic, late.handler);
    void pubsub.publish({ topic, key: 'k', payload: 'after late subscribed' });
    const unsubscribed = subscription.unsubscribe();
    await Promise.all([lateSubscribed, unsubscribed]);
    await late.waitFor(1);
    expect(late.received).toEqual([{ topic, key: 'k', payload: 'after late subscribed' }]);
    expect(early.received).toEqual([]);
    await pubsub.close();
  });

  it('hands subscribers a copy, so the publisher may reuse its object', async () => {
    const pubsub = createMemoryPubSub();
    const topic = topicKinds.event('copy');
    const sink = collector();
    await pubsub.subscribe(topic, sink.handler);
    const message = { topic, key: 'k', payload: 'first' };
    const published = pubsub.publish(message);
    // Changed before delivery, which happens in a later microtask.
    message.payload = 'second';
    await Promise.all([published, pubsub.publish(message)]);
    await sink.waitFor(2);
    expect(sink.received.map((m) => m.payload)).toEqual(['first', 'second']);
    await pubsub.close();
  });

  it('delivers what is queued before close resolves', async () => {
    const pubsub = createMemoryPubSub();
    const topic = topicKinds.event('flush');
    const sink = collector();
    await pubsub.subscribe(topic, sink.handler);
    void pubsub.publish({ topic, key: 'k', payload: 'last' });
    await pubsub.close();
    expect(sink.received).toEqual([{ topic, key: 'k', payload: 'last' }]);
  });
});
