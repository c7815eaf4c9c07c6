/**
 * The behaviour every pubsub backend promises, as one vitest suite that
 * lib/pubsub's memory.test.ts, redis.test.ts and nats.test.ts run against their adapter,
 * plus the helpers those tests share.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PubSubErrorCode, topics, topicSegment, type MessageHandler, type PubSub, type PubSubMessage, type PubSubOptions } from '@lifestone/lib/pubsub';

export type PubSubFactory = (options: PubSubOptions) => Promise<PubSub>;

/** A short random suffix so parallel runs against one server never share a topic. */
export function uniqueSuffix(): string {
  return randomBytes(6).toString('hex');
}

/** The two kinds of topic a backend may treat differently (on NATS: core and JetStream). */
export const topicKinds = {
  event: (label: string, suffix = uniqueSuffix()): string => `lifestone.test.${topicSegment(label)}.${suffix}`,
  command: (label: string, suffix = uniqueSuffix()): string => topics.command(`${label} ${suffix}`),
} as const;

/** How long the tests wait for what a backend delivers, and how often they look. */
export const WAIT = { timeout: 10_000, interval: 5 };

/** A handler that records what it receives, and a wait for the first `count`. */
export function collector(): { received: PubSubMessage[]; handler: MessageHandler; waitFor(count: number, timeoutMs?: number): Promise<void> } {
  const received: PubSubMessage[] = [];
  return {
    received,
    handler: (message) => {
      received.push(message);
    },
    waitFor: (count, timeoutMs = WAIT.timeout) => vi.waitFor(() => expect(received.length, `${count} messages`).toBeGreaterThanOrEqual(count), { ...WAIT, timeout: timeoutMs }),
  };
}

/**
 * Network handles and timers, sorted, to compare before and after a pubsub's
 * life. Pipes are left out: the test runner's own come and go with its output.
 */
function activeResources(): string[] {
  return process.getActiveResourcesInfo().filter((kind) => kind !== 'PipeWrap').sort();
}

/** The active resources beyond those in `before` (counted: two timers then, three now, is one more). */
function openedSince(before: readonly string[]): string[] {
  const remaining = [...before];
  return activeResources().filter((kind) => {
    const index = remaining.indexOf(kind);
    if (index < 0) return true;
    remaining.splice(index, 1);
    return false;
  });
}

const awkwardKeys = [
  'Sir Larsson',
  'Sir.Larsson',
  '',
  ' ',
  '  leading and trailing  ',
  '\ttab\t',
  'Ærindæl ⚔ 騎士 🐉',
  'line\nbreak\r\nand\rreturn',
  '11:Sir Larsson',
  '0:',
  ':',
  'unit\u001fseparator',
  'percent %41 %%',
  'lifestone.command.>',
  '*',
];

const awkwardPayloads = [
  '{"hp":1}',
  '',
  ' ',
  'Ærindæl ⚔ 騎士 🐉',
  'line\nbreak\r\n',
  '3:abc',
  'unit\u001fseparator',
  '%00 %',
  'x'.repeat(100_000),
];

export function describePubSubContract(name: string, factory: PubSubFactory, options: { sharedAcrossInstances: boolean }): void {
  describe(`${name} pubsub contract`, () => {
    let pubsub: PubSub;
    let errors: unknown[];

    beforeEach(async () => {
      errors = [];
      pubsub = await factory({ onError: (error) => errors.push(error) });
    });

    afterEach(async () => {
      await pubsub.close();
      expect(errors).toEqual([]);
    });

    it('is up while connected, and down once closed', async () => {
      expect(pubsub.up).toBe(true);
      const closed = await factory({});
      await closed.close();
      expect(closed.up).toBe(false);
    });

    for (const [kind, makeTopic] of Object.entries(topicKinds)) {
      describe(`on ${kind} topics`, () => {
        it('delivers the exact key and payload', async () => {
          const topic = makeTopic('delivery');
          const sink = collector();
          await pubsub.subscribe(topic, sink.handler);
          await pubsub.publish({ topic, key: 'Sir Larsson', payload: '{"hp":1}' });
          await sink.waitFor(1);
          expect(sink.received).toEqual([{ topic, key: 'Sir Larsson', payload: '{"hp":1}' }]);
        });

        it('preserves the order of 1,000 publishes', async () => {
          const topic = makeTopic('order');
          const sink = collector();
          await pubsub.subscribe(topic, sink.handler);
          const messages = Array.from({ length: 1000 }, (_, i) => ({ topic, key: `character ${i % 7}`, payload: String(i) }));
          // Not awaited one by one: the order of the calls must be the order of delivery.
          await Promise.all(messages.map((message) => pubsub.publish(message)));
          await sink.waitFor(1000);
          expect(sink.received).toEqual(messages);
        });

        it('delivers every message to every subscriber', async () => {
          const topic = makeTopic('two subscribers');
          const first = collector();
          const second = collector();
          await pubsub.subscribe(topic, first.handler);
          await pubsub.subscribe(topic, second.handler);
          const messages = [
            { topic, key: 'a', payload: '1' },
            { topic, key: 'b', payload: '2' },
          ];
          await pubsub.publishMany(messages);
          await first.waitFor(2);
          await second.waitFor(2);
          expect(first.received).toEqual(messages);
          expect(second.received).toEqual(messages);
        });

        it('stops delivering to a handler once it unsubscribes, and resumes for a new subscription', async () => {
          const topic = makeTopic('unsubscribe');
          const leaving = collector();
          const staying = collector();
          const leavingSubscription = await pubsub.subscribe(topic, leaving.handler);
          const stayingSubscription = await pubsub.subscribe(topic, staying.handler);
          const [m1, m2, m3] = [1, 2, 3].map((n) => ({ topic, key: 'k', payload: `m${n}` }));
          await pubsub.publish(m1!);
          await leaving.waitFor(1);
          await staying.waitFor(1);
          await leavingSubscription.unsubscribe();
          await pubsub.publish(m2!);
          await staying.waitFor(2);
          // Both handlers are fed from the same backend subscription in the same turn.
          expect(leaving.received).toEqual([m1]);
          expect(staying.received).toEqual([m1, m2]);

          await stayingSubscription.unsubscribe();
          await stayingSubscription.unsubscribe();
          const returning = collector();
          await pubsub.subscribe(topic, returning.handler);
          await pubsub.publish(m3!);
          await returning.waitFor(1);
          expect(returning.received).toEqual([m3]);
          expect(staying.received).toEqual([m1, m2]);
        });

        it('keeps topics apart, including names that differ only in encoded characters', async () => {
          const labels = ['Sir Larsson', 'Sir.Larsson', 'Sir%20Larsson', 'Sir Larsson.x'];
          // One suffix for all, so the names differ only where the labels do.
          const suffix = uniqueSuffix();
          const topicsUnderTest = labels.map((label) => makeTopic(label, suffix));
          expect(new Set(topicsUnderTest).size).toBe(labels.length);
          const sinks = topicsUnderTest.map(() => collector());
          await Promise.all(topicsUnderTest.map((topic, i) => pubsub.subscribe(topic, sinks[i]!.handler)));
          const messages = topicsUnderTest.map((topic, i) => ({ topic, key: labels[i]!, payload: String(i) }));
          await pubsub.publishMany(messages);
          await Promise.all(sinks.map((sink) => sink.waitFor(1)));
          // A sentinel after the batch: anything misrouted would have arrived before it.
          await pubsub.publishMany(topicsUnderTest.map((topic) => ({ topic, key: 'sentinel', payload: '' })));
          await Promise.all(sinks.map((sink) => sink.waitFor(2)));
          sinks.forEach((sink, i) => {
            expect(sink.received).toEqual([messages[i], { topic: topicsUnderTest[i], key: 'sentinel', payload: '' }]);
          });
        });

        it('carries keys and payloads with spaces, dots, unicode, newlines and the framing characters unchanged', async () => {
          const topic = makeTopic('awkward');
          const sink = collector();
          await pubsub.subscribe(topic, sink.handler);
          const messages = [
            ...awkwardKeys.map((key, i) => ({ topic, key, payload: awkwardPayloads[i % awkwardPayloads.length]! })),
            ...awkwardPayloads.map((payload, i) => ({ topic, key: awkwardKeys[i]!, payload })),
          ];
          for (const message of messages) await pubsub.publish(message);
          await sink.waitFor(messages.length);
          expect(sink.received).toEqual(messages);
        });

        it('delivers a publishMany of 10,000 messages, all in order', async () => {
          const topic = makeTopic('many');
          const sink = collector();
          await pubsub.subscribe(topic, sink.handler);
          const messages = Array.from({ length: 10_000 }, (_, i) => ({ topic, key: `character ${i % 13}`, payload: `{"seq":${i}}` }));
          await pubsub.publishMany(messages);
          await sink.waitFor(10_000);
          expect(sink.received.length).toBe(10_000);
          expect(sink.received).toEqual(messages);
        });

        it('reports a throwing or rejecting handler and still delivers to the others', async () => {
          const topic = makeTopic('throwing');
          await pubsub.subscribe(topic, (message) => {
            throw new Error(`throwing handler got ${message.payload}`);
          });
          await pubsub.subscribe(topic, async (message) => {
            throw new Error(`rejecting handler got ${message.payload}`);
          });
          const sink = collector();
          await pubsub.subscribe(topic, sink.handler);
          const messages = [
            { topic, key: 'k', payload: '1' },
            { topic, key: 'k', payload: '2' },
          ];
          await pubsub.publish(messages[0]!);
          await pubsub.publish(messages[1]!);
          await sink.waitFor(2);
          await expect.poll(() => errors.length, WAIT).toBeGreaterThanOrEqual(4);
          expect(sink.received).toEqual(messages);
          expect(errors.map((error) => (error as Error).message).sort()).toEqual([
            'rejecting handler got 1',
            'rejecting handler got 2',
            'throwing handler got 1',
            'throwing handler got 2',
          ]);
          errors.length = 0;
        });
      });
    }

    it('closes cleanly, leaving no open handles, and refuses later use', async () => {
      const before = activeResources();
      const own = await factory({ onError: (error) => errors.push(error) });
      const sink = collector();
      const eventTopic = topicKinds.event('close');
      const commandTopic = topicKinds.command('close');
      await own.subscribe(eventTopic, sink.handler);
      await own.subscribe(commandTopic, sink.handler);
      await own.publishMany([
        { topic: eventTopic, key: 'k', payload: 'event' },
        { topic: commandTopic, key: 'k', payload: 'command' },
      ]);
      await sink.waitFor(2);
      await own.close();
      // Handles of the process that end meanwhile (another test's timer) may go; none the pubsub opened may stay.
      await expect.poll(() => openedSince(before), { ...WAIT, timeout: 5_000 }).toEqual([]);
      await expect(own.publish({ topic: eventTopic, key: 'k', payload: 'late' })).rejects.toMatchObject({ code: PubSubErrorCode.CLOSED });
      await expect(own.subscribe(eventTopic, sink.handler)).rejects.toMatchObject({ code: PubSubErrorCode.CLOSED });
    });

    if (options.sharedAcrossInstances) {
      it('lets two instances, on two connections, see each other’s messages', async () => {
        const other = await factory({ onError: (error) => errors.push(error) });
        try {
          const eventTopic = topicKinds.event('across');
          const commandTopic = topicKinds.command('across');
          const here = collector();
          const there = collector();
          await pubsub.subscribe(eventTopic, here.handler);
          await pubsub.subscribe(commandTopic, here.handler);
          await other.subscribe(eventTopic, there.handler);
          await other.subscribe(commandTopic, there.handler);
          await other.publish({ topic: eventTopic, key: 'from other', payload: '1' });
          await pubsub.publish({ topic: commandTopic, key: 'from here', payload: '2' });
          await here.waitFor(2);
          await there.waitFor(2);
          const sortByPayload = (messages: PubSubMessage[]): PubSubMessage[] => [...messages].sort((a, b) => a.payload.localeCompare(b.payload));
          const expected = [
            { topic: eventTopic, key: 'from other', payload: '1' },
            { topic: commandTopic, key: 'from here', payload: '2' },
          ];
          // The two topics have no order between them.
          expect(sortByPayload(here.received)).toEqual(expected);
          expect(sortByPayload(there.received)).toEqual(expected);
        } finally {
          await other.close();
        }
      });
    } else {
      it('keeps two instances apart', async () => {
        const other = await factory({ onError: (error) => errors.push(error) });
        try {
          const topic = topicKinds.event('apart');
          const here = collector();
          const there = collector();
          await pubsub.subscribe(topic, here.handler);
          await other.subscribe(topic, there.handler);
          await pubsub.publish({ topic, key: 'k', payload: 'here' });
          await other.publish({ topic, key: 'k', payload: 'there' });
          await here.waitFor(1);
          await there.waitFor(1);
          expect(here.received).toEqual([{ topic, key: 'k', payload: 'here' }]);
          expect(there.received).toEqual([{ topic, key: 'k', payload: 'there' }]);
        } finally {
          await other.close();
        }
      });
    }
  });
}
