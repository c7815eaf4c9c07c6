import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { startMinecraftBridge, type MinecraftBridge } from '../src/bridge.js';
import { pluginTransport, type BridgeLog } from '../src/plugin-link.js';
import type { SpectatorBot } from '../src/spectator.js';
import { restartablePort } from '@lifestone/lib/db';
import { eventually, joinPlayer, leave, startTestMinecraftServer, type TestMinecraftServer } from '@lifestone/test-kit/minecraft';

describe('the Minecraft bridge when its server restarts', () => {
  let ingest: TestIngest;
  let minecraft: TestMinecraftServer | undefined;
  let bridge: MinecraftBridge;
  const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
  const record = (fields: object, message: string): void => void lines.push({ fields: fields as Record<string, unknown>, message });
  const log: BridgeLog = { info: record, warn: record };

  beforeAll(async () => {
    ingest = await startTestIngest();
  });

  afterAll(async () => {
    await bridge?.stop();
    await minecraft?.close();
    await ingest?.close();
  });

  it('reconnects with backoff and reports the players of the server that came back', async () => {
    const port = await restartablePort();
    minecraft = await startTestMinecraftServer(port);
    bridge = startMinecraftBridge({
      servers: [{ name: 'survival', host: '127.0.0.1', port }],
      transport: pluginTransport({ url: ingest.ingest.pluginUrl, secret: TEST_SECRET, log }),
      log,
    });
    const spectator = bridge.bots[0] as SpectatorBot;
    await eventually(() => expect(spectator.status).toBe('online'));

    await minecraft.close();
    minecraft = undefined;
    // Down: the first retry after 1 s finds nothing listening, the next waits 2 s.
    await eventually(() => {
      const retries = lines.filter((line) => line.message === 'minecraft server connection lost; reconnecting');
      expect(retries.map((line) => line.fields.retryInMs).slice(0, 2)).toEqual([1_000, 2_000]);
      expect(retries[0]?.fields.reason).toBe('kicked: Server closed');
    });
    expect(spectator.status).not.toBe('online');

    minecraft = await startTestMinecraftServer(port);
    await eventually(() => expect(spectator.counts).toEqual({ connects: 2, disconnects: 1 }), 40_000);
    expect(spectator.status).toBe('online');

    const alice = await joinPlayer(port, 'Alice');
    await eventually(async () => {
      const { rows } = await ingest.db.query(`SELECT extra->>'server' AS server FROM telemetry_events WHERE character_name = 'Alice' LIMIT 1`);
      expect(rows).toEqual([{ server: 'survival' }]);
    });
    await leave(alice);
  }, 60_000);

  it('keeps backing off from a server that kicks the bot as soon as it is in the world', async () => {
    const port = await restartablePort();
    const kicking = await startTestMinecraftServer(port);
    // The bot asks for spectator mode once it has spawned: that is when this server throws it out.
    kicking.server.on('newPlayer', (player: { kick(reason: string): void; _client: { on(event: string, listener: () => void): void } }) =>
      player._client.on('chat_command', () => player.kick('No bots here')),
    );
    const kicked: Array<{ fields: Record<string, unknown>; message: string }> = [];
    const keep = (fields: object, message: string): void => void kicked.push({ fields: fields as Record<string, unknown>, message });
    const bounced = startMinecraftBridge({
      servers: [{ name: 'strict', host: '127.0.0.1', port }],
      transport: pluginTransport({ url: ingest.ingest.pluginUrl, secret: TEST_SECRET, log }),
      log: { info: keep, warn: keep },
    });
    try {
      await eventually(() => {
        const retries = kicked.filter((line) => line.message === 'minecraft server connection lost; reconnecting');
        expect(retries.slice(0, 3).map((line) => [line.fields.reason, line.fields.retryInMs])).toEqual([
          ['kicked: No bots here', 1_000],
          ['kicked: No bots here', 2_000],
          ['kicked: No bots here', 4_000],
        ]);
      }, 30_000);
      expect((bounced.bots[0] as SpectatorBot).counts.connects).toBeGreaterThanOrEqual(3);
    } finally {
      await bounced.stop();
      await kicking.close();
    }
  }, 60_000);
});
