import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { Bot } from 'mineflayer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '@lifestone/lib/pubsub';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { startMinecraftBridge, type MinecraftBridge } from '../src/bridge.js';
import { mapPosition } from '../src/frames.js';
import { pluginTransport, type BridgeLog } from '../src/plugin-link.js';
import type { SpectatorBot } from '../src/spectator.js';
import { eventually, joinPlayer, leave, startTestMinecraftServer, walkUntil, type TestMinecraftServer } from '@lifestone/test-kit/minecraft';

/** A log that keeps what it was told, for assertions. */
function recordingLog(): BridgeLog & { lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> } {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const record = (level: string) => (fields: object, message: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { lines, info: record('info'), warn: record('warn') };
}

/** A TCP server that accepts connections and never says a word, as a hung Minecraft server does. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** mineflayer's yaw facing north (-z). */
const NORTH = 0;

/** Walks a test player forward until it is at least `blocks` from `from` (default: where it stands), then stops it. */
function walk(player: Bot, blocks: number, from = player.entity.position.clone()): Promise<void> {
  return walkUntil(player, () => expect(player.entity.position.distanceTo(from)).toBeGreaterThanOrEqual(blocks));
}

describe('the Minecraft bridge against a real server and a real ingest', () => {
  let ingest: TestIngest;
  let minecraft: TestMinecraftServer;
  let hung: Awaited<ReturnType<typeof silentServer>>;
  let bridge: MinecraftBridge;
  let spectator: SpectatorBot;
  const log = recordingLog();

  beforeAll(async () => {
    [ingest, minecraft, hung] = await Promise.all([startTestIngest(), startTestMinecraftServer(), silentServer()]);
    const transport = pluginTransport({ url: ingest.ingest.pluginUrl, secret: TEST_SECRET, log });
    bridge = startMinecraftBridge({
      servers: [
        { name: 'hung', host: '127.0.0.1', port: hung.port },
        { name: 'survival', host: '127.0.0.1', port: minecraft.port },
      ],
      transport,
      log,
      spectator: { joinTimeoutMs: 2_000 },
    });
    spectator = bridge.bots[1] as SpectatorBot;
    await eventually(() => expect(spectator.status).toBe('online'));
  });

  afterAll(async () => {
    await bridge?.stop();
    await Promise.all([minecraft?.close(), hung?.close(), ingest?.close()]);
  });

  it('asks for spectator mode and gets it where it may', async () => {
    await eventually(() => expect(minecraft.server.getPlayer('LifestoneEye')?.gameMode).toBe(3));
  });

  it("reports a player's moves, chat, death and leaving; a hung server stops none of it", async () => {
    const alice = await joinPlayer(minecraft.port, 'Alice');
    await eventually(() => expect(spectator.reported).toEqual(['Alice']));
    await walk(alice, 3);
    const stopped = mapPosition(alice.entity.position);
    expect(stopped).toBeDefined();
    // Positions arrive as block coordinates with north up: ew = x, ns = -z, z = y.
    const position = await eventually(async () => {
      const { rows } = await ingest.db.query<{ ew: number; ns: number; z: number; extra: Record<string, unknown>; session_id: string }>(
        `SELECT ew, ns, z, extra, session_id FROM telemetry_events WHERE character_name = 'Alice' AND ew = $1 AND ns = $2 AND z = $3 LIMIT 1`,
        [stopped?.ew, stopped?.ns, stopped?.z],
      );
      expect(rows).toHaveLength(1);
      return rows[0];
    });
    expect(position?.extra).toMatchObject({ game: 'MINECRAFT', server: 'survival', dimension: 'overworld' });
    expect(position?.session_id).toMatch(/^survival-\d+$/);

    alice.chat('hello from the overworld');
    await eventually(async () => {
      const { rows } = await ingest.db.query(`SELECT channel, sender, text, extra FROM chat_messages WHERE character_name = 'Alice'`);
      expect(rows).toEqual([{ channel: 'General', sender: 'Alice', text: 'hello from the overworld', extra: { game: 'MINECRAFT', server: 'survival' } }]);
    });

    // Vanilla shares a player's health with those who see it, in the entity's metadata (key 9 in 1.21.4);
    // flying-squid does not, so the server is made to send what vanilla would.
    const squidAlice = minecraft.server.getPlayer('Alice');
    minecraft.server.getPlayer('LifestoneEye')?._client.write('entity_metadata', { entityId: squidAlice?.id, metadata: [{ key: 9, type: 'float', value: 13 }] });
    await eventually(async () => {
      const { rows } = await ingest.db.query(
        `SELECT health_pct, stamina_pct, mana_pct, health_current, health_max, extra FROM vitals_events WHERE character_name = 'Alice'`,
      );
      expect(rows).toEqual([{ health_pct: 65, stamina_pct: 100, mana_pct: 100, health_current: 13, health_max: 20, extra: { game: 'MINECRAFT', server: 'survival' } }]);
    });

    const bob = await joinPlayer(minecraft.port, 'Bob');
    await eventually(() => expect(spectator.reported.sort()).toEqual(['Alice', 'Bob']));
    bob.chat('/kill Alice');
    await eventually(async () => {
      const { rows } = await ingest.db.query(`SELECT type, character_name, detail FROM alerts WHERE type = 'DEATH'`);
      expect(rows).toEqual([{ type: 'DEATH', character_name: 'Alice', detail: { deaths: 1 } }]);
    });

    await leave(alice);
    await eventually(() => expect(spectator.reported).toEqual(['Bob']));
    // A player who left is logged out, not silent: no OFFLINE alert will come.
    await eventually(async () => {
      const { rows } = await ingest.db.query(`SELECT logged_out_at IS NOT NULL AS out FROM alert_state WHERE character_name = 'Alice'`);
      expect(rows).toEqual([{ out: true }]);
    });

    // An operator's `follow` reaches the bot through Bob's connection; Bob is out of its sight, so it teleports to him.
    // Bob walks north: flying-squid at view distance 2 keeps two chunks ahead of a player north and west, one east and
    // south, and sends more only once it has moved 16 blocks; mineflayer moves no one into a chunk it does not hold, so
    // a walk south could stop at a chunk's edge for good.
    const eyeAt = minecraft.server.getPlayer('LifestoneEye')?.position;
    await bob.look(NORTH, 0, true);
    await walk(bob, 24, bob.entity.position.clone().set(eyeAt?.x ?? 0, bob.entity.position.y, eyeAt?.z ?? 0));
    const far = mapPosition(bob.entity.position);
    await eventually(async () => {
      const { rows } = await ingest.db.query(`SELECT 1 FROM telemetry_events WHERE character_name = 'Bob' AND ew = $1 AND ns = $2`, [far?.ew, far?.ns]);
      expect(rows.length).toBeGreaterThan(0);
    });
    await ingest.pubsub.publish({ topic: topics.command('Bob'), key: 'Bob', payload: JSON.stringify({ command: 'follow' }) });
    await eventually(() => {
      const eye = minecraft.server.getPlayer('LifestoneEye');
      expect(Math.hypot((eye?.position.x ?? 0) - bob.entity.position.x, (eye?.position.z ?? 0) - bob.entity.position.z)).toBeLessThan(2);
    });
    expect(spectator.followed).toBe('Bob');
    await leave(bob);

    // Meanwhile the hung server's bot gave up on each attempt and tried again, 1 s, then 2 s later.
    await eventually(() => {
      const retries = log.lines.filter((line) => line.fields.server === 'hung' && line.message === 'minecraft server connection lost; reconnecting');
      expect(retries.slice(0, 3).map((line) => [line.fields.reason, line.fields.retryInMs])).toEqual([
        ['no answer in time', 1_000],
        ['no answer in time', 2_000],
        ['no answer in time', 4_000],
      ]);
    }, 30_000);
  }, 60_000);
});
