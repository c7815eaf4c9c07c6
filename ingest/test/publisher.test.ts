import { describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import { createMemoryPubSub } from '../../lib/pubsub/memory.js';
import { topics } from '../../lib/pubsub/index.js';
import { createIngestMetrics } from '../src/metrics.js';
import { EventPublisher } from '../src/publisher.js';
import { acceptedEventOf } from './events.js';

describe('the publisher', () => {
  it('keeps up with a turn that accepts more than its outbox holds: nothing is dropped', async () => {
    const pubsub = createMemoryPubSub();
    const metrics = createIngestMetrics();
    const publisher = new EventPublisher({ pubsub, log: createLogger('publisher-test', 'silent'), metrics, outboxMax: 10_000 });
    let heard = 0;
    await pubsub.subscribe(topics.positions, () => void heard++);
    const telemetry = acceptedEventOf({ type: 'telemetry', character_name: 'Busy', ew: 1, ns: 2, z: 0, landblock: '0x12340000' });
    // One turn of the event loop reading thousands of sockets: 30 callbacks of 1,000 frames each, 60,000 messages
    // (telemetry goes out on two topics), before the turn in which the publisher's drain was first scheduled.
    await new Promise<void>((resolve) => {
      for (let callback = 0; callback < 30; callback++) {
        setImmediate(() => {
          for (let i = 0; i < 1_000; i++) publisher.accepted(telemetry);
          if (callback === 29) resolve();
        });
      }
    });
    await publisher.flush();
    expect((await metrics.publishDropped.get()).values.reduce((sum, value) => sum + value.value, 0)).toBe(0);
    await expect.poll(() => heard).toBe(30_000);
    await pubsub.close();
  });
});
