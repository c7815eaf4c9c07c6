import { describe, expect, it } from 'vitest';
import { createLogger } from '../../lib/log/index.js';
import { createPubSub, topics } from '../../lib/pubsub/index.js';
import type { FrameOf } from '../../lib/protocol/index.js';
import { PluginRelay, type PluginLink } from '../src/relay.js';
import { recordingPubSub } from '@lifestone/test-kit/recording-pubsub';
import { connectPlugin, INGEST_WAIT } from '@lifestone/test-kit/plugin';
import { startTestIngest, TEST_SECRET } from '@lifestone/test-kit/ingest';
import { acceptedFrames } from '@lifestone/test-kit/plugin-session';

const link = (): PluginLink & { texts: string[] } => {
  const texts: string[] = [];
  return { texts, send: (frame) => void texts.push(JSON.stringify(frame)), sendText: (text) => void texts.push(text) };
};

/** The fields of a share_vitals frame the relay reads. */
const vitals = (character: string, group: string) =>
  ({ type: 'share_vitals', character_name: character, group, health_pct: 1, stamina_pct: 1, mana_pct: 1, vitae_pct: 0, timestamp: new Date(), extra: {} }) as unknown as FrameOf<'share_vitals'>;

describe('the plugin relay', () => {
  it('keeps a topic while any link here needs it, and releases exactly the topics of the link that leaves', async () => {
    const pubsub = recordingPubSub(await createPubSub());
    const relay = new PluginRelay(pubsub, createLogger('relay-test', 'silent'));
    const [a, b, c] = [link(), link(), link()];
    relay.addCharacter(a, 'Tank');
    relay.addCharacter(b, 'Tank');
    relay.addCharacter(c, 'Healer');
    relay.shareVitals(a, vitals('Tank', 'fellows'));
    relay.shareVitals(c, vitals('Healer', 'fellows'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pubsub.active()).toEqual([topics.command('Healer'), topics.command('Tank'), topics.shareVitals('fellows')].sort());

    await relay.remove(a);
    expect(pubsub.active()).toEqual([topics.command('Healer'), topics.command('Tank'), topics.shareVitals('fellows')].sort());
    await relay.remove(c);
    expect(pubsub.active()).toEqual([topics.command('Tank')]);
    await relay.remove(c); // twice: harmless
    await relay.remove(b);
    expect(pubsub.active()).toEqual([]);
    await pubsub.close();
  });
});

describe('a plugin that closes while its frames are decoded', () => {
  it('leaves them stored and nothing of itself in the relay', async () => {
    const pubsub = recordingPubSub(await createPubSub());
    const stack = await startTestIngest({ pubsub });
    try {
      const plugin = await connectPlugin(stack.ingest.pluginUrl, TEST_SECRET);
      const frames = Array.from({ length: 60 }, (_, i) => ({ type: 'telemetry', character_name: `Leaver ${i % 5}`, ew: i, ns: 1, z: 0 }));
      frames.push({ type: 'share_vitals', character_name: 'Leaver 0', group: 'Gone', health_pct: 1, stamina_pct: 1, mana_pct: 1, vitae_pct: 0 } as never);
      for (const frame of frames) plugin.send(frame);
      plugin.socket.terminate();
      await expect.poll(() => acceptedFrames(stack), INGEST_WAIT).toBeGreaterThanOrEqual(frames.length);
      await stack.ingest.flush();
      const { rows } = await stack.db.query<{ n: number }>('SELECT count(*)::int AS n FROM telemetry_events');
      expect(rows[0]?.n).toBe(60);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Ingest's own subscription, for as long as it runs: plugin key changes.
      expect(pubsub.active()).toEqual([topics.pluginKey]);
    } finally {
      await stack.close();
      await pubsub.close();
    }
  });
});
