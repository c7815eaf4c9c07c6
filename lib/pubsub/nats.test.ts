import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, headers, nanos, type NatsConnection } from '@nats-io/transport-node';
import { createServer, connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collector, describePubSubContract, topicKinds, WAIT } from '@lifestone/test-kit/pubsub-contract';
import { PubSubErrorCode } from './errors.js';
import { COMMAND_STREAM, createNatsPubSub, KEY_HEADER } from './nats.js';
import { durableTopicSubjects } from './topics.js';
import type { PubSub } from './types.js';

const url = process.env.NATS_URL;

/**
 * A TCP relay to the NATS server that the test can cut: `cut()` drops every
 * relayed connection and refuses new ones until `restore()`, which is what a
 * network outage looks like to the client. `stall()` first loses what the
 * server sends, as a connection does before either end sees it is gone.
 */
interface Relay { url: string; stall(): void; cut(): void; restore(): void; close(): Promise<void> }

async function startRelay(target: URL): Promise<Relay> {
  const sockets = new Set<Socket>();
  let open = true;
  let stalled = false;
  const server = createServer((client) => {
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    }
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (!stalled) client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the relay has no port');
  return {
    url: `nats://127.0.0.1:${address.port}`,
    stall() {
      stalled = true;
    },
    cut() {
      open = false;
      stalled = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe.skipIf(!url)('nats', () => {
  const natsUrl = url ?? '';

  describePubSubContract('nats', (options) => createNatsPubSub({ url: natsUrl, ...options }), { sharedAcrossInstances: true });

  describe('nats pubsub', () => {
    /** A plain connection, to look at the server the way an operator would. */
    let nc: NatsConnection;
    let jsm: JetStreamManager;
    beforeAll(async () => {
      nc = await connect({ servers: natsUrl });
      jsm = await jetstreamManager(nc);
    });
    afterAll(async () => {
      await nc.close();
    });

    async function withPubSub(test: (pubsub: PubSub, errors: unknown[]) => Promise<void>): Promise<void> {
      const errors: unknown[] = [];
      const pubsub = await createNatsPubSub({ url: natsUrl, onError: (error) => errors.push(error) });
      try {
        await test(pubsub, errors);
      } finally {
        await pubsub.close();
      }
    }

    it('has JetStream store a command before publish resolves, and delivers it', async () => {
      await withPubSub(async (pubsub, errors) => {
        const topic = topicKinds.command('Sir Larsson');
        const sink = collector();
        await pubsub.subscribe(topic, sink.handler);
        await pubsub.publish({ topic, key: 'operator', payload: '{"command":"/vt start"}' });
        const stream = await jsm.streams.info(COMMAND_STREAM, { subjects_filter: topic });
        expect(stream.config).toMatchObject({ subjects: [durableTopicSubjects], max_age: nanos(10 * 60 * 1000) });
        expect(stream.state.subjects).toEqual({ [topic]: 1 });
        await sink.waitFor(1);
        expect(sink.received).toEqual([{ topic, key: 'operator', payload: '{"command":"/vt start"}' }]);
        expect(errors).toEqual([]);
      });
    });

    it('gives a command subscriber only the commands published after it subscribed', async () => {
      await withPubSub(async (pubsub) => {
        const topic = topicKinds.command('late subscriber');
        await pubsub.publish({ topic, key: 'operator', payload: 'before' });
        const sink = collector();
        await pubsub.subscribe(topic, sink.handler);
        await pubsub.publish({ topic, key: 'operator', payload: 'after' });
        await sink.waitFor(1);
        expect(sink.received).toEqual([{ topic, key: 'operator', payload: 'after' }]);
      });
    });

    /**
     * A command subscriber reaching NATS through a relay the test can cut, and
     * a publisher reaching it directly: `outage` runs between the first command
     * being delivered and the connection coming back, and publishes the second.
     * What the subscriber reports (the lost connection, its consumer's errors)
     * is shown only if the second command never arrives.
     */
    async function commandThroughOutage(label: string, outage: (relay: Relay, publish: (payload: string) => Promise<void>) => Promise<void>, waitMs: number): Promise<void> {
      const relay = await startRelay(new URL(natsUrl));
      const reported: unknown[] = [];
      const subscriber = await createNatsPubSub({ url: relay.url, onError: (error) => reported.push(error) });
      try {
        await withPubSub(async (publisher) => {
          const topic = topicKinds.command(label);
          const publish = (payload: string): Promise<void> => publisher.publish({ topic, key: 'operator', payload });
          const sink = collector();
          await subscriber.subscribe(topic, sink.handler);
          await publish('before');
          await sink.waitFor(1);
          expect(subscriber.up).toBe(true);
          await outage(relay, publish);
          // Published while the subscriber could not read: it cannot have the second command yet.
          expect(sink.received).toHaveLength(1);
          await expect.poll(() => subscriber.up).toBe(false);
          relay.restore();
          await sink.waitFor(2, waitMs).catch((error: unknown) => {
            throw new Error(`${String(error)}; the subscriber reported: ${reported.map(String).join(' | ') || 'nothing'}`, { cause: error });
          });
          expect(sink.received).toEqual([
            { topic, key: 'operator', payload: 'before' },
            { topic, key: 'operator', payload: 'during' },
          ]);
          expect(subscriber.up).toBe(true);
        });
      } finally {
        await subscriber.close();
        await relay.close();
      }
    }

    it('delivers a command published while the subscriber was disconnected, once it is back', async () => {
      await commandThroughOutage('outage', async (relay, publish) => {
        relay.cut();
        // Resolves once JetStream has stored it: the subscriber cannot have it before the relay is restored.
        await publish('during');
        // The client reconnects after its wait (2 s, with jitter) and the consumer then resumes; a loaded machine takes longer.
      }, 70_000);
    }, 90_000);

    it('delivers a command the server handed to a connection that was already lost, once the subscriber is back', async () => {
      await commandThroughOutage('lost pull', async (relay, publish) => {
        relay.stall();
        await publish('during');
        // The server hands it to the subscriber's pull, which no longer reads, and counts it delivered.
        await new Promise((resolve) => setTimeout(resolve, 500));
        relay.cut();
      }, 30_000);
    }, 60_000);

    it('sends events over core NATS, not JetStream', async () => {
      await withPubSub(async (pubsub) => {
        const topic = topicKinds.event('core');
        const before = await jsm.streams.info(COMMAND_STREAM);
        await pubsub.publishMany([{ topic, key: 'k', payload: 'event' }]);
        const after = await jsm.streams.info(COMMAND_STREAM);
        // Other runs may add commands meanwhile, but never on this subject.
        expect(after.config.subjects).toEqual([durableTopicSubjects]);
        expect((await jsm.streams.info(COMMAND_STREAM, { subjects_filter: topic })).state.subjects ?? {}).toEqual({});
        expect(after.state.last_seq).toBeGreaterThanOrEqual(before.state.last_seq);
      });
    });

    it('carries the key in the Lifestone-Key header, percent-encoding only what a header would lose', async () => {
      await withPubSub(async (pubsub) => {
        const topic = topicKinds.event('header');
        const seen: { key: string; payload: string }[] = [];
        const sub = nc.subscribe(topic, {
          callback: (_error, msg) => {
            seen.push({ key: msg.headers?.get(KEY_HEADER) ?? '(none)', payload: msg.string() });
          },
        });
        await nc.flush();
        await pubsub.publishMany([
          { topic, key: 'Sir Larsson', payload: '{"hp":1}' },
          { topic, key: ' Ærindæl\n100% ', payload: '' },
        ]);
        await expect.poll(() => seen.length, WAIT).toBeGreaterThanOrEqual(2);
        expect(seen).toEqual([
          { key: 'Sir Larsson', payload: '{"hp":1}' },
          { key: '%20Ærindæl%0A100%25%20', payload: '' },
        ]);
        sub.unsubscribe();
      });
    });

    it('drops and reports a message published without the key header', async () => {
      await withPubSub(async (pubsub, errors) => {
        const eventTopic = topicKinds.event('malformed');
        const commandTopic = topicKinds.command('malformed');
        const sink = collector();
        await pubsub.subscribe(eventTopic, sink.handler);
        await pubsub.subscribe(commandTopic, sink.handler);
        nc.publish(eventTopic, 'published by hand');
        const badHeader = headers();
        badHeader.set(KEY_HEADER, '%E0%A4%A');
        nc.publish(eventTopic, 'bad percent-encoding', { headers: badHeader });
        await jsm.jetstream().publish(commandTopic, 'published by hand');
        await nc.flush();
        await pubsub.publish({ topic: commandTopic, key: 'k', payload: 'keyed' });
        await sink.waitFor(1);
        await expect.poll(() => errors.length, WAIT).toBeGreaterThanOrEqual(3);
        expect(sink.received).toEqual([{ topic: commandTopic, key: 'k', payload: 'keyed' }]);
        expect(errors).toMatchObject(Array.from({ length: 3 }, () => ({ code: PubSubErrorCode.MALFORMED_MESSAGE })));
      });
    });

    it('brings an existing command stream back to its configuration at connect', async () => {
      const stream = await jsm.streams.info(COMMAND_STREAM);
      await jsm.streams.update(COMMAND_STREAM, { ...stream.config, max_age: nanos(5 * 60 * 1000) });
      await withPubSub(async () => {
        expect((await jsm.streams.info(COMMAND_STREAM)).config.max_age).toBe(nanos(10 * 60 * 1000));
      });
    });
  });
});
