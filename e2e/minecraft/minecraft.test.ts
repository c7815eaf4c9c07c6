import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Bot } from 'mineflayer';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatBlockCoordinates } from '../../lib/game/coordinates.js';
import { createLogger } from '../../lib/log/index.js';
import { parseRoutes, startDiscordBot, type DiscordBot } from '../../discord/src/index.js';
import { startMinecraftBridge, type MinecraftBridge } from '../../minecraft/src/bridge.js';
import { pluginTransport } from '../../minecraft/src/plugin-link.js';
import { startDiscordStandIn, type DiscordStandIn } from '@lifestone/test-kit/discord';
import { TEST_SECRET } from '@lifestone/test-kit/ingest';
import { eventually, joinPlayer, leave, startTestMinecraftServer, type TestMinecraftServer } from '@lifestone/test-kit/minecraft';
import { startTestStack, type ResultStream, type TestStack } from '@lifestone/test-kit/stack';

const quiet = { info() {}, warn() {} };

interface Placed {
  name: string;
  game: string;
  server: string | null;
  dimension: string | null;
  online: boolean;
  position: { ew: number; ns: number } | null;
}
const CHARACTER = `query ($name: String!) { character(name: $name) { name game server dimension online position { ew ns } } }`;
const LIVE = `{ livePlayers(game: MINECRAFT) { name game server dimension online position { ew ns } } }`;
const ALERTS = 'subscription { alerts(types: [DEATH]) { type character summary coordinates } }';

describe('a Minecraft server end to end: the graph, a subscriber and Discord', () => {
  let stack: TestStack;
  let minecraft: TestMinecraftServer;
  let bridge: MinecraftBridge;
  let standIn: DiscordStandIn;
  let discord: DiscordBot;
  let dataDir: string;
  let viewer: string;
  const players: Bot[] = [];

  beforeAll(async () => {
    [stack, minecraft, standIn] = await Promise.all([
      startTestStack({ revalidateMs: 200 }),
      startTestMinecraftServer(),
      startDiscordStandIn({ heartbeatMs: 250, guild: { name: 'Survival', channels: [{ name: 'deaths' }] } }),
    ]);
    viewer = (await stack.createToken('viewer', 'minecraft e2e')).token;
    bridge = startMinecraftBridge({
      servers: [{ name: 'survival', host: '127.0.0.1', port: minecraft.port }],
      transport: pluginTransport({ url: stack.ingest.ingest.pluginUrl, secret: TEST_SECRET, log: quiet }),
      log: quiet,
    });
    dataDir = await mkdtemp(path.join(tmpdir(), 'lifestone-minecraft-e2e-'));
    discord = await startDiscordBot({
      token: standIn.token,
      routes: parseRoutes(`death=${standIn.guild.channels[0]!.id}`, undefined),
      apiUrl: standIn.apiUrl,
      guildId: standIn.guild.id,
      graphqlUrl: stack.url,
      apiToken: (await stack.createToken('viewer', 'discord bot')).token,
      publicUrl: 'https://lifestone.example.org/',
      dataDir,
      burst: 100,
      windowMs: 60_000,
      log: createLogger('discord-e2e', process.env.LIFESTONE_LOG_LEVEL ?? 'silent'),
      client: { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } as never },
    });
    await eventually(() => expect(bridge.bots[0]?.status).toBe('online'));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(players.map((player) => Promise.race([leave(player), new Promise((resolve) => setTimeout(resolve, 5_000))])));
    await bridge?.stop();
    await discord?.close();
    await Promise.all([minecraft?.close(), standIn?.close()]);
    await stack?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function graph<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await stack.graphql<T>(query, variables, { token: viewer });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  it('joins, walks, chats, dies and leaves', async () => {
    const alice = await joinPlayer(minecraft.port, 'Alice');
    const bob = await joinPlayer(minecraft.port, 'Bob');
    players.push(alice, bob);
    await eventually(async () => {
      const { livePlayers } = await graph<{ livePlayers: Placed[] }>(LIVE);
      expect(livePlayers.map(({ name, game, server, dimension, online }) => ({ name, game, server, dimension, online }))).toEqual([
        { name: 'Alice', game: 'MINECRAFT', server: 'survival', dimension: 'overworld', online: true },
        { name: 'Bob', game: 'MINECRAFT', server: 'survival', dimension: 'overworld', online: true },
      ]);
    });

    // Walks north (−z) until 5 blocks from where she stood: the graph follows, north up.
    const from = alice.entity.position.clone();
    await alice.look(0, 0, true);
    alice.setControlState('forward', true);
    await eventually(() => expect(alice.entity.position.distanceTo(from)).toBeGreaterThanOrEqual(5));
    alice.setControlState('forward', false);
    await eventually(async () => {
      const { character } = await graph<{ character: Placed }>(CHARACTER, { name: 'Alice' });
      expect(character.position).toEqual({ ew: Math.floor(alice.entity.position.x), ns: -Math.floor(alice.entity.position.z) || 0 });
      expect(character.position!.ns).toBeGreaterThanOrEqual(-Math.floor(from.z) + 4);
    }, 15_000);

    alice.chat('anyone seen the stronghold?');
    await eventually(async () => {
      const { chat } = await graph<{ chat: Array<{ character: string; channel: string; sender: string | null; text: string }> }>(
        `{ chat(character: "Alice", first: 10) { character channel sender text } }`,
      );
      expect(chat).toEqual([{ character: 'Alice', channel: 'General', sender: 'Alice', text: 'anyone seen the stronghold?' }]);
    });

    // Where she died, as the graph has it: the death is placed there, in block coordinates.
    const { character: standing } = await graph<{ character: { position: { ew: number; ns: number; z: number } } }>(
      `{ character(name: "Alice") { position { ew ns z } } }`,
    );
    const diedAt = formatBlockCoordinates(standing.position);
    expect(diedAt).toBe(`x ${Math.floor(alice.entity.position.x)}, y ${Math.floor(alice.entity.position.y)}, z ${Math.floor(alice.entity.position.z)}`);
    const stream: ResultStream<{ alerts: { type: string; character: string; summary: string; coordinates: string | null } }> = await stack.subscribeWs(ALERTS, undefined, viewer);
    try {
      // The subscription is live once a probe death of another character arrives through it.
      let probes = 0;
      const plugin = await stack.connectPlugin();
      await vi
        .waitFor(
          async () => {
            if (stream.results.some((result) => result.data?.alerts.character === 'Probe')) return;
            probes += 1;
            await stack.send(plugin, [
              { type: 'vitals', character_name: 'Probe', health_pct: 50, stamina_pct: 50, mana_pct: 50, vitae_pct: 0, timestamp: Date.now() - 1_000 + probes * 2 },
              { type: 'vitals', character_name: 'Probe', health_pct: 50, stamina_pct: 50, mana_pct: 50, vitae_pct: 5, timestamp: Date.now() + probes * 2 },
            ]);
            throw new Error('the alerts subscription never went live');
          },
          { timeout: 15_000, interval: 300 },
        )
        .catch(async (error: unknown) => {
          // What was stored against what the subscription delivered, to tell a stalled subscription from alerts never raised.
          const { rows: stored } = await stack.ingest.db.query(`SELECT id, type, occurred_at FROM alerts WHERE character_name = 'Probe' ORDER BY id`);
          throw new Error(`${(error as Error).message}: ${probes} probes sent; stored ${JSON.stringify(stored)}; delivered ${JSON.stringify(stream.results)}`, { cause: error });
        });
      bob.chat('/kill Alice');
      const death = await stream.waitFor((result) => result.data?.alerts.character === 'Alice', 20_000);
      expect(death.data?.alerts).toEqual({ type: 'DEATH', character: 'Alice', summary: `Alice died at ${diedAt}`, coordinates: diedAt });
    } finally {
      await stream.close();
    }
    const deaths = () => standIn.messages(standIn.guild.channels[0]!.id).filter((message) => message.source === 'bot').flatMap((message) => message.embeds);
    await standIn.waitFor(() => deaths().some((embed) => embed.title === '💀 Alice died'), 15_000);
    expect(deaths().find((embed) => embed.title === '💀 Alice died')).toMatchObject({
      description: `Alice died at ${diedAt}`,
      fields: expect.arrayContaining([expect.objectContaining({ name: 'Where', value: diedAt })]),
    });

    await leave(alice);
    players.splice(players.indexOf(alice), 1);
    await eventually(async () => {
      const { character } = await graph<{ character: Placed }>(CHARACTER, { name: 'Alice' });
      expect(character.online).toBe(false);
      const { rows } = await stack.ingest.db.query(`SELECT logged_out_at IS NOT NULL AS out FROM alert_state WHERE character_name = 'Alice'`);
      expect(rows).toEqual([{ out: true }]);
    }, 40_000);
    const { livePlayers } = await graph<{ livePlayers: Placed[] }>(LIVE);
    expect(livePlayers.map((player) => player.name)).toEqual(['Bob']);
  }, 150_000);
});
