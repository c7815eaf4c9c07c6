import { describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import { createMemoryPubSub } from '../../lib/pubsub/memory.js';
import { topics, type PubSubMessage } from '../../lib/pubsub/index.js';
import { createIngestMetrics } from '../src/metrics.js';
import { EventPublisher } from '../src/publisher.js';
import { acceptedEventOf } from './events.js';

describe('the publisher', () => {
  it('publishes an accepted telemetry frame once, on its event topic, which feeds the live map too', async () => {
    const pubsub = createMemoryPubSub();
    // Every message the publisher hands over, whatever its topic.
    const handedOver: PubSubMessage[] = [];
    const watched = { ...pubsub, up: true, publishMany: (messages: PubSubMessage[]) => {
      handedOver.push(...messages);
      return pubsub.publishMany(messages);
    } };
    const metrics = createIngestMetrics();
    const publisher = new EventPublisher({ pubsub: watched, log: createLogger('publisher-test', 'silent'), metrics });
    const telemetry = acceptedEventOf({ type: 'telemetry', character_name: 'Once', ew: 1, ns: 2, z: 0, landblock: '0x12340000' });
    publisher.accepted(telemetry);
    // /metrics counts it as one message waiting.
    expect((await metrics.publishOutbox.get()).values.map((value) => value.value)).toEqual([1]);
    await publisher.flush();
    expect(handedOver).toEqual([{ topic: 'lifestone.event.telemetry', key: 'Once', payload: telemetry.payload }]);
    expect((await metrics.publishOutbox.get()).values.map((value) => value.value)).toEqual([0]);
    await pubsub.close();
  });

  it.each([[0, [1, 1, 1]], [40, [3]]])('hands over what gathers in %i ms in one call', async (gatherMs, calls) => {
    const pubsub = createMemoryPubSub();
    const handedOver: number[] = [];
    const watched = { ...pubsub, up: true, publishMany: (messages: PubSubMessage[]) => {
      handedOver.push(messages.length);
      return pubsub.publishMany(messages);
    } };
    const publisher = new EventPublisher({ pubsub: watched, log: createLogger('publisher-test', 'silent'), metrics: createIngestMetrics(), gatherMs });
    for (const character of ['One', 'Two', 'Three']) {
      publisher.accepted(acceptedEventOf({ type: 'chat', character_name: character, channel: 'General', text: 'hi' }));
      // Each in a turn of its own, as frames of three plugins.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await publisher.flush();
    expect(handedOver).toEqual(calls);
    await pubsub.close();
  });

  it('keeps up with a turn that accepts more than its outbox holds: nothing is dropped', async () => {
    const pubsub = createMemoryPubSub();
    const metrics = createIngestMetrics();
    const publisher = new EventPublisher({ pubsub, log: createLogger('publisher-test', 'silent'), metrics, outboxMax: 10_000 });
    let heard = 0;
    await pubsub.subscribe(topics.event('telemetry'), () => void heard++);
    const telemetry = acceptedEventOf({ type: 'telemetry', character_name: 'Busy', ew: 1, ns: 2, z: 0, landblock: '0x12340000' });
    // One turn of the event loop reading thousands of sockets: 30 callbacks of 2,000 frames each, 60,000 messages,
    // before the turn in which the publisher's drain was first scheduled.
    await new Promise<void>((resolve) => {
      for (let callback = 0; callback < 30; callback++) {
        setImmediate(() => {
          for (let i = 0; i < 2_000; i++) publisher.accepted(telemetry);
          if (callback === 29) resolve();
        });
      }
    });
    await publisher.flush();
    expect((await metrics.publishDropped.get()).values.reduce((sum, value) => sum + value.value, 0)).toBe(0);
    await expect.poll(() => heard).toBe(60_000);
    await pubsub.close();
  });

  it('hands nothing to a pubsub that is not up, then publishes everything in order once it is', async () => {
    const pubsub = createMemoryPubSub();
    // A Redis pubsub back from an outage whose subscriptions are not in force yet says it is not up.
    let up = false;
    let handedOver = 0;
    const waking = { ...pubsub, get up() { return up; }, publishMany: (messages: PubSubMessage[]) => {
      handedOver += messages.length;
      return pubsub.publishMany(messages);
    } };
    const metrics = createIngestMetrics();
    const publisher = new EventPublisher({ pubsub: waking, log: createLogger('publisher-test', 'silent'), metrics });
    const heard: string[] = [];
    await pubsub.subscribe(topics.event('chat'), (message) => void heard.push(message.payload));
    const lines = Array.from({ length: 5 }, (_, i) => acceptedEventOf({ type: 'chat', character_name: 'Waiting', channel: 'General', text: `line ${i}`, color: 0 }));
    for (const line of lines) publisher.accepted(line);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handedOver).toBe(0);
    expect((await metrics.publishOutbox.get()).values.map((value) => value.value)).toEqual([5]);
    up = true;
    await publisher.flush();
    expect(heard).toEqual(lines.map((line) => line.payload));
    expect((await metrics.publishDropped.get()).values.reduce((sum, value) => sum + value.value, 0)).toBe(0);
    await pubsub.close();
  });

  it('asks for the plugin sockets to be paused while a slow pubsub lets its outbox pass half, and drops nothing', async () => {
    const pubsub = createMemoryPubSub();
    // The machine's pubsub, slowed: each hand-over takes 20 ms, as a saturated Redis connection would.
    const slow = { ...pubsub, up: true, publishMany: async (messages: Parameters<typeof pubsub.publishMany>[0]) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await pubsub.publishMany(messages);
    } };
    const metrics = createIngestMetrics();
    const told: boolean[] = [];
    const publisher = new EventPublisher({ pubsub: slow, log: createLogger('publisher-test', 'silent'), metrics, outboxMax: 2_000, onBehind: (behind) => told.push(behind) });
    let heard = 0;
    await pubsub.subscribe(topics.event('telemetry'), () => void heard++);
    const telemetry = acceptedEventOf({ type: 'telemetry', character_name: 'Busy', ew: 1, ns: 2, z: 0, landblock: '0x12340000' });
    // 4,800 telemetry frames (a message each), 800 a turn, by a reader that stops while told to: more than the outbox holds.
    let sent = 0;
    while (sent < 4_800) {
      if (told.at(-1) === true) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      for (let i = 0; i < 800; i++) publisher.accepted(telemetry);
      sent += 800;
      if (sent === 800) expect(told).toEqual([]);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(told[0]).toBe(true);
    await publisher.flush();
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told.at(-1)).toBe(false);
    expect((await metrics.publishDropped.get()).values.reduce((sum, value) => sum + value.value, 0)).toBe(0);
    await expect.poll(() => heard).toBe(4_800);
    await pubsub.close();
  });
});
