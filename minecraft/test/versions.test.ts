import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { eventually, joinPlayer, leave, startTestMinecraftServer } from '@lifestone/test-kit/minecraft';
import { startMinecraftBridge } from '../src/bridge.js';
import { pluginTransport, type BridgeLog } from '../src/plugin-link.js';
import type { SpectatorBot } from '../src/spectator.js';

const quiet: BridgeLog = { info() {}, warn() {} };

describe('the Minecraft bridge on older servers', () => {
  let ingest: TestIngest;

  beforeAll(async () => {
    ingest = await startTestIngest();
  });

  afterAll(async () => {
    await ingest?.close();
  });

  // The bot is given no version: it asks each server for its own.
  it.each(['1.12.2', '1.16.5', '1.20.3'])('reports the players of a %s server', async (version) => {
    const minecraft = await startTestMinecraftServer(undefined, version);
    const bridge = startMinecraftBridge({
      servers: [{ name: `v${version}`, host: '127.0.0.1', port: minecraft.port }],
      transport: pluginTransport({ url: ingest.ingest.pluginUrl, secret: TEST_SECRET, log: quiet }),
      log: quiet,
    });
    try {
      await eventually(() => expect((bridge.bots[0] as SpectatorBot).status).toBe('online'));
      const player = `Steve_${version.replaceAll('.', '')}`;
      const steve = await joinPlayer(minecraft.port, player, version);
      steve.chat(`hello from ${version}`);
      await eventually(async () => {
        const { rows } = await ingest.db.query(
          `SELECT (SELECT count(*)::int FROM telemetry_events WHERE character_name = $1) AS positions,
                  (SELECT array_agg(text) FROM chat_messages WHERE character_name = $1) AS lines`,
          [player],
        );
        expect(rows[0].positions).toBeGreaterThan(0);
        expect(rows[0].lines).toEqual([`hello from ${version}`]);
      });
      await leave(steve);
    } finally {
      await bridge.stop();
      await minecraft.close();
    }
  }, 60_000);
});
