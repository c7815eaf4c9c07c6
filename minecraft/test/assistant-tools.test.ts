import type { Bot } from 'mineflayer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS, type GraphRequest, type ToolContext } from '@lifestone/lib/agent';
import { TEST_SECRET } from '@lifestone/test-kit/ingest';
import { eventually, joinPlayer, leave, playerEnded, startTestMinecraftServer, type TestMinecraftServer } from '@lifestone/test-kit/minecraft';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { lookedAt } from '../../lib/agent/answering/trace.js';
import { startMinecraftBridge, type MinecraftBridge } from '../src/bridge.js';
import { pluginTransport, type BridgeLog } from '../src/plugin-link.js';

const quiet: BridgeLog = { info() {}, warn() {} };

describe("the assistant's tools about Minecraft players, against a real server and the whole stack", () => {
  let stack: TestStack;
  let minecraft: TestMinecraftServer;
  let bridge: MinecraftBridge;
  const players: Bot[] = [];
  const tokens: Record<'viewer' | 'operator', string> = { viewer: '', operator: '' };

  /** A tool's context calling the graph with a token of `role`. */
  function as(role: 'viewer' | 'operator'): ToolContext {
    const graphql: GraphRequest = async (query, variables) => {
      const { body } = await stack.graphql<never>(query, variables ?? {}, { token: tokens[role] });
      if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
      return body.data as never;
    };
    return { graphql };
  }
  const tool = (name: string) => TOOLS.find((candidate) => candidate.name === name)!;
  const run = (name: string, input: Record<string, unknown>, role: 'viewer' | 'operator' = 'operator') =>
    tool(name).run(tool(name).input.parse(input) as never, as(role)) as Promise<Record<string, unknown>>;

  beforeAll(async () => {
    [stack, minecraft] = await Promise.all([startTestStack(), startTestMinecraftServer()]);
    tokens.viewer = (await stack.createToken('viewer', 'assistant viewer')).token;
    tokens.operator = (await stack.createToken('operator', 'assistant operator')).token;
    bridge = startMinecraftBridge({
      servers: [{ name: 'survival', host: '127.0.0.1', port: minecraft.port }],
      transport: pluginTransport({ url: stack.ingest.ingest.pluginUrl, secret: TEST_SECRET, log: quiet }),
      log: quiet,
      spectator: { positionIntervalMs: 500 },
    });
    await eventually(() => expect(bridge.bots[0]?.status).toBe('online'));
    players.push(await joinPlayer(minecraft.port, 'Alice'), await joinPlayer(minecraft.port, 'Bob'));
    await eventually(async () => {
      const { rows } = await stack.ingest.db.query(`SELECT DISTINCT character_name FROM telemetry_events ORDER BY 1`);
      expect(rows).toEqual([{ character_name: 'Alice' }, { character_name: 'Bob' }]);
    });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(players.map((player) => leave(player)));
    await bridge?.stop();
    await Promise.all([minecraft?.close(), stack?.close()]);
  });

  it('says who is online on which world, with block coordinates, and the recent deaths', async () => {
    const alice = players[0] as Bot;
    (players[1] as Bot).chat('/kill Alice');
    await eventually(async () => {
      const online = await run('minecraft_online', {});
      expect(online.recentDeaths).toEqual([expect.objectContaining({ character: 'Alice', block: expect.objectContaining({ x: expect.any(Number) }) as unknown })]);
    });
    await eventually(() => expect(alice.entity.position).toBeDefined());
    // The server's status as ingest's watcher records it from the bridge's status page (test/graph.test.ts), and another game's server.
    await stack.db.query(`INSERT INTO server_status (server, status, players, checked_at) VALUES ('survival', 'up', 2, now()), ('Coldeve', 'up', 412, now())`);
    const online = await run('minecraft_online', {});
    expect(online.servers).toEqual([{ server: 'survival', status: 'UP', players: 2, checkedAt: expect.any(String) as unknown }]);
    const worlds = online.worlds as Array<{ server: string; dimension: string; players: Array<{ name: string; block: { x: number; y: number; z: number } }> }>;
    expect(worlds.map((world) => [world.server, world.dimension, world.players.map((player) => player.name).sort()])).toEqual([['survival', 'overworld', ['Alice', 'Bob']]]);
    const bob = worlds[0]?.players.find((player) => player.name === 'Bob');
    const squidBob = minecraft.server.getPlayer('Bob')?.position;
    expect(bob?.block).toEqual({ x: Math.floor(squidBob?.x ?? NaN), y: Math.floor(squidBob?.y ?? NaN), z: Math.floor(squidBob?.z ?? NaN) });
  });

  it("answers a player's place and surroundings, makes the bot follow it, and names it and its place for Mind's Eye", async () => {
    // A viewer's question is answered, and says the bot could not be asked to follow.
    const asViewer = await run('minecraft_player', { name: 'Bob' }, 'viewer');
    expect(asViewer.follow).toMatch(/^the bot was not asked to follow \(.*operator/);
    expect(bridge.bots[0]?.followed).toBeNull();

    const first = await run('minecraft_player', { name: 'Bob' });
    expect(first.follow).toBe("the bridge's bot was asked to follow this player");
    await eventually(() => expect(bridge.bots[0]?.followed).toBe('Bob'));
    const answer = await eventually(async () => {
      const again = await run('minecraft_player', { name: 'Bob', radius: 4 });
      expect(again.blocks).toEqual({ seen: 81, kinds: { grass_block: 81 }, under: { kind: 'grass_block', y: 4 } });
      const alice = playerEnded(players[0] as Bot) ?? 'connected';
      expect(again.nearby ?? [], `Bob's radar (Alice ${alice}, the bridge's bot ${String(bridge.bots[0]?.status)})`).toContainEqual(expect.objectContaining({ name: 'Alice', kind: 'player' }));
      return again;
    }, 30_000);
    expect(answer).toMatchObject({ name: 'Bob', server: 'survival', dimension: 'overworld', online: true });
    const looked = lookedAt({ name: 'Bob' }, JSON.stringify({ note: 'x', data: answer }), new Set(['name']));
    expect(looked.characters).toContain('Bob');
    expect(looked.positions).toContainEqual(expect.objectContaining({ character: 'Bob' }));

    // player_state about a Minecraft player follows it too; about an Asheron's Call character the Minecraft tool says which tool to use.
    const state = await run('player_state', { name: 'Alice' });
    expect(state).toMatchObject({ name: 'Alice', game: 'MINECRAFT', server: 'survival', follow: "the bridge's bot was asked to follow this player" });
    await eventually(() => expect(bridge.bots[0]?.followed).toBe('Alice'));
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'telemetry', character_name: 'Vexor', timestamp: Date.now(), ew: 1, ns: 2, z: 0 }]);
    await expect(run('minecraft_player', { name: 'Vexor' })).rejects.toMatchObject({ code: 'NOT_MINECRAFT' });
    await expect(run('minecraft_player', { name: 'Nobody' })).rejects.toMatchObject({ code: 'CHARACTER_NOT_FOUND' });
  }, 60_000);
});
