import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_SECRET } from '@lifestone/test-kit/ingest';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import { eventually, joinPlayer, leave, startTestMinecraftServer, type TestMinecraftServer } from '@lifestone/test-kit/minecraft';
import { startTestStack, type ResultStream, type TestStack } from '@lifestone/test-kit/stack';
import type { Bot } from 'mineflayer';
import { watchGameServers } from '@lifestone/ingest';
import { createLogger } from '@lifestone/lib/log';
import { startMinecraftBridge, type MinecraftBridge } from '../src/bridge.js';
import { startBridgeStatusPages } from '../src/status-page.js';
import { pluginTransport, type BridgeLog } from '../src/plugin-link.js';

/**
 * The bridge's players in the graph: a flying-squid server, mineflayer
 * players, the bridge, and the whole stack (ingest, subgraphs, gateway),
 * beside an Asheron's Call character reported by an ordinary plugin.
 */

const quiet: BridgeLog = { info: () => {}, warn: () => {} };

interface Placed { name: string; game: string; server: string | null; dimension: string | null }
const PLAYERS = `query ($game: Game) { livePlayers(game: $game) { name game server dimension } }`;

interface AlertNode { type: string; character: string; rare: { name: string } | null }
const ALERTS = 'subscription { alerts(types: [DEATH, RARE]) { type character rare { name } } }';

describe("Minecraft players in the graph, beside Asheron's Call characters", () => {
  let stack: TestStack;
  let minecraft: TestMinecraftServer;
  let bridge: MinecraftBridge;
  let plugin: TestPlugin;
  let viewer: string;
  const players: Bot[] = [];

  beforeAll(async () => {
    [stack, minecraft] = await Promise.all([startTestStack(), startTestMinecraftServer()]);
    bridge = startMinecraftBridge({
      servers: [{ name: 'survival', host: '127.0.0.1', port: minecraft.port }],
      transport: pluginTransport({ url: stack.ingest.ingest.pluginUrl, secret: TEST_SECRET, log: quiet }),
      log: quiet,
    });
    plugin = await stack.connectPlugin();
    viewer = (await stack.createToken('viewer', 'minecraft reader')).token;
  });

  let minecraftClosed = false;
  afterAll(async () => {
    if (!minecraftClosed) await Promise.all(players.map((player) => leave(player)));
    await bridge?.stop();
    await Promise.all([minecraftClosed ? undefined : minecraft?.close(), stack?.close()]);
  });

  async function livePlayers(game?: string): Promise<Placed[]> {
    const { body } = await stack.graphql<{ livePlayers: Placed[] }>(PLAYERS, { game }, { token: viewer });
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data!.livePlayers;
  }

  it('shows each player as a MINECRAFT character on its server, and filters livePlayers by game', async () => {
    await stack.send(plugin, [{ type: 'telemetry', character_name: 'Vexor', session_id: 's1', timestamp: Date.now(), ew: 45.6, ns: 12.3, z: 0 }]);
    players.push(await joinPlayer(minecraft.port, 'Alice'), await joinPlayer(minecraft.port, 'Bob'));
    await eventually(async () =>
      expect(await livePlayers('MINECRAFT')).toEqual([
        { name: 'Alice', game: 'MINECRAFT', server: 'survival', dimension: 'overworld' },
        { name: 'Bob', game: 'MINECRAFT', server: 'survival', dimension: 'overworld' },
      ]),
    );
    expect(await livePlayers('ASHERONS_CALL')).toEqual([{ name: 'Vexor', game: 'ASHERONS_CALL', server: null, dimension: null }]);
    expect((await livePlayers()).map((character) => `${character.name} ${character.game}`)).toEqual(['Alice MINECRAFT', 'Bob MINECRAFT', 'Vexor ASHERONS_CALL']);

    // The fleet board's lists: every character of a game, and its activity (the characters reporting in each bucket).
    const board = await stack.graphql<{ mc: Array<{ name: string }>; ac: Array<{ name: string }>; mcActivity: Array<{ online: number }>; acActivity: Array<{ online: number }> }>(
      `{ mc: characters(game: MINECRAFT) { name } ac: characters(game: ASHERONS_CALL) { name }
         mcActivity: fleetHistory(hours: 2, game: MINECRAFT) { online } acActivity: fleetHistory(hours: 2, game: ASHERONS_CALL) { online } }`,
      {},
      { token: viewer },
    );
    expect(board.body.errors).toBeUndefined();
    expect(board.body.data?.mc).toEqual([{ name: 'Alice' }, { name: 'Bob' }]);
    expect(board.body.data?.ac).toEqual([{ name: 'Vexor' }]);
    expect(Math.max(...(board.body.data?.mcActivity ?? []).map((bucket) => bucket.online))).toBe(2);
    expect(Math.max(...(board.body.data?.acActivity ?? []).map((bucket) => bucket.online))).toBe(1);
  });

  it("raises a Minecraft player's death as a DEATH alert to an alerts subscriber", async () => {
    const stream: ResultStream<{ alerts: AlertNode }> = await stack.subscribeWs(ALERTS, undefined, viewer);
    try {
      // Probes until the subscription is live all the way to the subgraph: then the death cannot be missed.
      let probes = 0;
      await vi.waitFor(
        async () => {
          if (stream.results.some((result) => result.data?.alerts.rare !== null && result.data?.alerts.character === 'Vexor')) return;
          probes += 1;
          await stack.send(plugin, [{ type: 'rare', character_name: 'Vexor', name: `Pearl of Probing ${probes}`, ew: 0, ns: 0, z: 0, timestamp: Date.now() }]);
          throw new Error('the alerts subscription never went live');
        },
        { timeout: 10_000, interval: 100 },
      );
      players[1]?.chat('/kill Alice');
      const death = await stream.waitFor((result) => result.data?.alerts.type === 'DEATH', 20_000);
      expect(death.data?.alerts).toEqual({ type: 'DEATH', character: 'Alice', rare: null });
    } finally {
      await stream.close();
    }
  });

  it("shows the server's status as the bridge sees it: up with its players, then down when the server goes away", async () => {
    const pages = await startBridgeStatusPages(bridge.bots);
    const watcher = watchGameServers({ pool: stack.db, servers: pages.pages, intervalMs: 200, log: createLogger('status-test', 'silent') });
    interface Status { server: string; status: string; players: number | null; since: string | null }
    const status = async (): Promise<Status[]> => {
      const { body } = await stack.graphql<{ serverStatus: Status[] }>('{ serverStatus { server status players since } }', {}, { token: viewer });
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data!.serverStatus;
    };
    try {
      const up = await eventually(async () => {
        const [survival] = await status();
        expect(survival).toMatchObject({ server: 'survival', status: 'UP', players: 2 });
        return survival as Status;
      });
      minecraftClosed = true;
      await minecraft.close();
      const down = await eventually(async () => {
        const [survival] = await status();
        expect(survival).toMatchObject({ server: 'survival', status: 'DOWN', players: null });
        return survival as Status;
      });
      expect(Date.parse(down.since as string)).toBeGreaterThan(Date.parse(up.since as string));
    } finally {
      await watcher.close();
      await pages.close();
    }
  });
});
