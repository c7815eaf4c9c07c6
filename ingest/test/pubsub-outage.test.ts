import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRedisPubSub } from '../../lib/pubsub/redis.js';
import { startTestIngest, TEST_SECRET } from '@lifestone/test-kit/ingest';
import { connectPlugin, INGEST_WAIT } from '@lifestone/test-kit/plugin';
import { findBinary, startPubSubServer } from '@lifestone/test-kit/pubsub-server';

describe.skipIf(!findBinary('redis-server'))('a Redis outage', () => {
  it('holds up no write, and /healthz answers 503 naming the pubsub until it is back', async () => {
    const redis = await startPubSubServer('redis');
    const pubsub = await createRedisPubSub({ url: redis.url, onError: () => {} });
    const stack = await startTestIngest({ pubsub });
    const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    // A fellow on another plugin: the shared vitals relayed to it go through the same outbox as events.
    const fellow = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
    const shared = (character: string) => ({ type: 'share_vitals', character_name: character, group: 'Outage fellows', health_pct: 0.5, stamina_pct: 1, mana_pct: 1, vitae_pct: 0 });
    const health = async () => {
      const response = await fetch(`${stack.ingest.url}/healthz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const stored = async () => (await stack.db.query(`SELECT count(*)::int AS n FROM chat_messages WHERE character_name = 'Outage'`)).rows[0].n as number;
    const metric = async (name: 'publishDropped' | 'publishOutbox') => (await stack.ingest.metrics[name].get()).values.reduce((sum, value) => sum + value.value, 0);
    let sent = 0;
    const chat = () => plugin.send({ type: 'chat', character_name: 'Outage', channel: 'General', text: `line ${++sent}`, color: 0 });
    try {
      expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok', pubsub: 'ok' } });
      fellow.send(shared('Fellow'));
      await expect.poll(async () => (await stack.ingest.metrics.publishOutbox.get()).values[0]?.value, INGEST_WAIT).toBe(0);
      await sleep(200); // the fellowship's topic subscribed
      await redis.stop();
      await expect.poll(health, INGEST_WAIT).toMatchObject({ status: 503, body: { status: 'degraded', database: 'ok', pubsub: 'down' } });
      // Three seconds of chat, a line every 100 ms: each is stored within 2 s (a lane waiting on the pubsub took about 10 s).
      for (let i = 0; i < 30; i++) {
        chat();
        await sleep(100);
        await expect.poll(stored, { timeout: 2_000, interval: 10 }).toBe(sent);
      }
      plugin.send(shared('Outage'));
      // The thirty lines, the shared vitals on their event topic, and their relay to the fellowship.
      await expect.poll(() => metric('publishOutbox'), INGEST_WAIT).toBe(32);
      expect(await health()).toMatchObject({ status: 503, body: { status: 'degraded', database: 'ok', pubsub: 'down', queueDepth: 0, publishOutbox: 32 } });
      await redis.start();
      await fellow.waitFor((frame) => frame.type === 'share_vitals' && frame.character_name === 'Outage', INGEST_WAIT.timeout);
      await expect.poll(health, INGEST_WAIT).toEqual({
        status: 200,
        body: { status: 'ok', database: 'ok', pubsub: 'ok', plugins: 2, decodePending: 0, queueDepth: 0, publishOutbox: 0 },
      });
      await stack.ingest.flush();
      expect(await metric('publishDropped')).toBe(0);
    } finally {
      await fellow.close();
      await plugin.close();
      await stack.close();
      await pubsub.close();
      await redis.remove();
    }
  }, 60_000);
});
