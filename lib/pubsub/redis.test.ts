import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { collector, describePubSubContract, topicKinds, uniqueSuffix, WAIT } from '@lifestone/test-kit/pubsub-contract';
import { redisClientsNamed } from '@lifestone/test-kit/redis';
import { PubSubErrorCode, subscriberCuts } from './errors.js';
import { createRedisPubSub } from './redis.js';
import type { PubSub } from './types.js';

const url = process.env.REDIS_URL;

describe.skipIf(!url)('redis', () => {
  const redisUrl = url ?? '';

  describePubSubContract('redis', (options) => createRedisPubSub({ url: redisUrl, ...options }), { sharedAcrossInstances: true });

  describe('redis pubsub', () => {
    /** A plain client, to look at the server the way an operator would. */
    let raw: Redis;
    beforeAll(() => {
      raw = new Redis(redisUrl);
    });
    afterAll(async () => {
      await raw.quit();
    });

    async function withPubSub(test: (pubsub: PubSub, errors: unknown[], name: string) => Promise<void>): Promise<void> {
      const errors: unknown[] = [];
      const name = `lifestone-test-${uniqueSuffix()}`;
      const pubsub = await createRedisPubSub({ url: redisUrl, name, onError: (error) => errors.push(error) });
      try {
        await test(pubsub, errors, name);
      } finally {
        await pubsub.close();
      }
    }

    it('frames a message as <key byte length>:<key><payload>', async () => {
      await withPubSub(async (pubsub) => {
        const topic = topicKinds.event('framing');
        const listener = new Redis(redisUrl);
        const frames: string[] = [];
        listener.on('message', (_channel: string, frame: string) => frames.push(frame));
        await listener.subscribe(topic);
        await pubsub.publish({ topic, key: 'Sir Larsson', payload: '{"hp":1}' });
        await pubsub.publish({ topic, key: 'Ærindæl', payload: '{}' });
        await expect.poll(() => frames.length, WAIT).toBeGreaterThanOrEqual(2);
        expect(frames).toEqual(['11:Sir Larsson{"hp":1}', '9:Ærindæl{}']);
        await listener.quit();
      });
    });

    it('drops and reports a message published without the framing', async () => {
      await withPubSub(async (pubsub, errors) => {
        const topic = topicKinds.event('malformed');
        const sink = collector();
        await pubsub.subscribe(topic, sink.handler);
        await raw.publish(topic, 'published by hand');
        await raw.publish(topic, '99:too short');
        await pubsub.publish({ topic, key: 'k', payload: 'framed' });
        await sink.waitFor(1);
        expect(sink.received).toEqual([{ topic, key: 'k', payload: 'framed' }]);
        expect(errors).toMatchObject([{ code: PubSubErrorCode.MALFORMED_MESSAGE }, { code: PubSubErrorCode.MALFORMED_MESSAGE }]);
      });
    });

    it('holds one Redis subscription per topic, whatever the number of handlers', async () => {
      await withPubSub(async (pubsub) => {
        const topic = topicKinds.event('shared subscribe');
        const numsub = async (): Promise<unknown> => raw.call('PUBSUB', 'NUMSUB', topic);
        const first = await pubsub.subscribe(topic, () => {});
        const second = await pubsub.subscribe(topic, () => {});
        expect(await numsub()).toEqual([topic, 1]);
        await first.unsubscribe();
        expect(await numsub()).toEqual([topic, 1]);
        await second.unsubscribe();
        expect(await numsub()).toEqual([topic, 0]);
      });
    });

    it('resubscribes after its subscriber connection is killed, and counts, names and tells of the cut once', async () => {
      await withPubSub(async (pubsub, errors, name) => {
        const cutsBefore = subscriberCuts();
        let gaps = 0;
        const stopHearing = pubsub.onGap(() => (gaps += 1));
        let gapsAfterStop = 0;
        pubsub.onGap(() => (gapsAfterStop += 1))();
        const topic = topicKinds.event('reconnect');
        const sink = collector();
        await pubsub.subscribe(topic, sink.handler);
        const clients = () => redisClientsNamed(raw, `${name}:sub`);
        const [before] = await clients();
        expect(before).toMatchObject({ sub: '1' });
        await raw.call('CLIENT', 'KILL', 'ID', before!.id);

        // The subscriber reconnects and resubscribes.
        await vi.waitFor(async () => {
          const after = await clients();
          expect(after).toHaveLength(1);
          expect(after[0]!.id).not.toBe(before!.id);
          expect(after[0]!.sub).toBe('1');
        }, WAIT);
        // Up again once a PING behind the resubscription has answered on the new connection.
        await expect.poll(() => pubsub.up, WAIT).toBe(true);
        await pubsub.publish({ topic, key: 'k', payload: 'after reconnect' });
        await sink.waitFor(1);
        expect(sink.received).toEqual([{ topic, key: 'k', payload: 'after reconnect' }]);
        // What was published while it was cut is lost to it: the cut is counted once and reported with its code.
        expect(subscriberCuts()).toBe(cutsBefore + 1);
        expect(errors).toMatchObject([{ code: PubSubErrorCode.SUBSCRIBER_CUT }]);
        // Its live feeds are told, so that they end rather than go on with a hole.
        expect(gaps).toBe(1);
        expect(gapsAfterStop).toBe(0);
        stopHearing();
      });
    });
  });
});
