import { describe, expect, it } from 'vitest';
import { createPubSub, topics } from '../../lib/pubsub/index.js';
import { connectPlugin } from '@lifestone/test-kit/plugin';
import { startTestIngest, TEST_SECRET } from '@lifestone/test-kit/ingest';
import { createTestDatabase } from '@lifestone/test-kit/database';
import { sendAndFlush } from '@lifestone/test-kit/plugin-session';

const backends = [
  { name: 'memory', options: {}, enabled: true },
  { name: 'Redis', options: { redisUrl: process.env.REDIS_URL }, enabled: Boolean(process.env.REDIS_URL) },
  { name: 'NATS', options: { natsUrl: process.env.NATS_URL }, enabled: Boolean(process.env.NATS_URL) },
];

describe.each(backends)('traffic back to plugins over $name', ({ name, options, enabled }) => {
  it.skipIf(!enabled)('a command reaches the plugin connected to the other ingest instance; shared vitals reach the fellowship', async () => {
    // Two instances, two pubsub connections (one shared bus in memory), one database.
    const shared = name === 'memory' ? await createPubSub() : undefined;
    const database = await createTestDatabase();
    const first = await startTestIngest({ database, pubsub: shared ?? (await createPubSub(options)) });
    const second = await startTestIngest({ database, pubsub: shared ?? (await createPubSub(options)) });
    const suffix = Math.random().toString(36).slice(2, 8);
    const tank = `Tank ${suffix}`;
    const healer = `Healer.${suffix}`;
    const onFirst = await connectPlugin(first.ingest.pluginUrl, TEST_SECRET);
    const onSecond = await connectPlugin(second.ingest.pluginUrl, TEST_SECRET);
    try {
      await sendAndFlush(first, onFirst, [{ type: 'telemetry', character_name: tank, ew: 1, ns: 1, z: 0 }]);
      await sendAndFlush(second, onSecond, [{ type: 'telemetry', character_name: healer, ew: 1, ns: 1, z: 0 }]);
      // Published through the second instance's connection; the tank's plugin is on the first.
      await second.pubsub.publish({ topic: topics.command(tank), key: tank, payload: JSON.stringify({ command: '/radar start' }) });
      expect(await onFirst.waitFor((frame) => frame.type === 'command')).toEqual({ type: 'command', command: '/radar start' });
      await first.pubsub.publish({ topic: topics.command(healer), key: healer, payload: JSON.stringify({ command: '/vt start' }) });
      expect(await onSecond.waitFor((frame) => frame.type === 'command')).toEqual({ type: 'command', command: '/vt start' });
      expect(onFirst.received.filter((frame) => frame.type === 'command')).toHaveLength(1);

      const group = `Night Watch ${suffix}`;
      const vitals = (character: string) => ({ type: 'share_vitals', character_name: character, group, health_pct: 50, stamina_pct: 60, mana_pct: 70, vitae_pct: 0 });
      await sendAndFlush(second, onSecond, [vitals(healer)]);
      onFirst.send(vitals(tank));
      const relayed = await onSecond.waitFor((frame) => frame.type === 'share_vitals');
      expect(relayed).toMatchObject({ type: 'share_vitals', character_name: tank, group, health_pct: 50, stamina_pct: 60, mana_pct: 70, vitae_pct: 0 });
      expect(onFirst.received.filter((frame) => frame.type === 'share_vitals')).toEqual([]);
    } finally {
      await onFirst.close();
      await onSecond.close();
      await first.close();
      await second.close();
      if (!shared) {
        await first.pubsub.close();
        await second.pubsub.close();
      } else await shared.close();
      await database.drop();
    }
  });
});
