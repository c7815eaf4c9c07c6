import { Vec3 } from 'vec3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '@lifestone/lib/pubsub';
import { startTestIngest, TEST_SECRET, type TestIngest } from '@lifestone/test-kit/ingest';
import { eventually, joinPlayer, leave, startTestMinecraftServer, walkTo, type TestMinecraftServer } from '@lifestone/test-kit/minecraft';
import { startMinecraftBridge, type MinecraftBridge } from '../src/bridge.js';
import { envelope } from '../src/frames.js';
import { pluginTransport, streamId, type BridgeLog } from '../src/plugin-link.js';
import type { SpectatorBot } from '../src/spectator.js';

const quiet: BridgeLog = { info() {}, warn() {} };

interface Tile {
  x: number;
  y: number;
  z: number;
  kind: string;
}

/** Every stored tile of a world, by map coordinates. */
async function tilesOf(ingest: TestIngest, world: string): Promise<Map<string, Tile>> {
  const { rows } = await ingest.db.query<{ tiles: Tile[] }>('SELECT tiles FROM dungeon_maps WHERE world = $1', [world]);
  return new Map(rows.flatMap((row) => row.tiles.map(({ x, y, z, kind }) => [`${x},${y}`, { x, y, z, kind }] as const)));
}

describe("a followed player's surroundings, against a real server and a real ingest", () => {
  let ingest: TestIngest;
  let minecraft: TestMinecraftServer;
  let bridge: MinecraftBridge;
  let spectator: SpectatorBot;

  beforeAll(async () => {
    // View distance 3: flying-squid at 2 sends the bot only chunks -2..+1 around it, and sends more only once it has
    // moved 16 blocks, so the slice around a player 10 blocks from the bot may reach past them for as long as the
    // test lasts, however often the bot teleports to her (a vanilla server sends -N..+N and on every chunk crossed).
    [ingest, minecraft] = await Promise.all([startTestIngest(), startTestMinecraftServer(undefined, undefined, { viewDistance: 3 })]);
    bridge = startMinecraftBridge({
      servers: [{ name: 'survival', host: '127.0.0.1', port: minecraft.port }],
      transport: pluginTransport({ url: ingest.ingest.pluginUrl, secret: TEST_SECRET, log: quiet }),
      log: quiet,
      spectator: { positionIntervalMs: 500 },
    });
    spectator = bridge.bots[0] as SpectatorBot;
    await eventually(() => expect(spectator.status).toBe('online'));
  });

  afterAll(async () => {
    await bridge?.stop();
    await Promise.all([minecraft?.close(), ingest?.close()]);
  });

  it('sends the entities near the followed player as radar objects and the blocks around it as a slice, then what changed; scan looks elsewhere', async () => {
    const alice = await joinPlayer(minecraft.port, 'Alice');
    const bob = await joinPlayer(minecraft.port, 'Bob');
    await eventually(() => expect(spectator.reported.sort()).toEqual(['Alice', 'Bob']));
    // They may have joined farther apart than radar range (32 blocks): Bob goes to stand beside her.
    await walkTo(bob, alice.entity.position, 3);
    // A command reaches a character's connection once ingest has had a frame of it.
    await eventually(async () => {
      const { rows } = await ingest.db.query(`SELECT DISTINCT character_name FROM telemetry_events ORDER BY character_name`);
      expect(rows).toEqual([{ character_name: 'Alice' }, { character_name: 'Bob' }]);
    });
    await ingest.pubsub.publish({ topic: topics.command('Alice'), key: 'Alice', payload: JSON.stringify({ command: 'follow' }) });

    // Bob stands beside Alice: her radar shows him, a player, at his block.
    await eventually(async () => {
      const { rows } = await ingest.db.query<{ objects: Array<Record<string, unknown>> }>(`SELECT objects FROM nearby_objects WHERE character_name = 'Alice'`);
      expect(rows[0]?.objects).toContainEqual(expect.objectContaining({
        name: 'Bob', object_class: 'player', ew: Math.floor(bob.entity.position.x), ns: -Math.floor(bob.entity.position.z) || 0,
      }));
    });

    // The superflat world's top is grass at y = 4: the slice is 32 x 32 columns of it around Alice.
    const ax = Math.floor(alice.entity.position.x);
    const az = Math.floor(alice.entity.position.z);
    await eventually(async () => {
      const tiles = await tilesOf(ingest, 'survival/overworld');
      expect(tiles.size).toBe(1024);
      expect(tiles.get(`${ax},${-az || 0}`)).toEqual({ x: ax, y: -az || 0, z: 4, kind: 'grass_block' });
      expect([...tiles.values()].every((tile) => tile.kind === 'grass_block' && tile.z === 4)).toBe(true);
    });
    const { rows: regions } = await ingest.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM dungeon_maps WHERE world = 'survival/overworld'`);

    // A block placed beside her: the next slice carries that column alone, merged into what ingest holds.
    const frames = () => ingest.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM dungeon_maps`);
    const stone = minecraft.server.registry.blocksByName.stone?.defaultState ?? 1;
    await minecraft.server.setBlock(minecraft.server.overworld, new Vec3(ax + 3, 5, az), stone);
    await eventually(async () => {
      const tiles = await tilesOf(ingest, 'survival/overworld');
      expect(tiles.get(`${ax + 3},${-az || 0}`)).toEqual({ x: ax + 3, y: -az || 0, z: 5, kind: 'stone' });
      expect(tiles.size).toBe(1024);
    });
    expect((await frames()).rows[0]?.count).toBe(regions[0]?.count);

    // scan: the bot goes to (200, 200) and sends the 16 x 16 square there, on the connection the command came through.
    await ingest.pubsub.publish({ topic: topics.command('Bob'), key: 'Bob', payload: JSON.stringify({ command: 'scan 200 200 8' }) });
    await eventually(async () => {
      const tiles = await tilesOf(ingest, 'survival/overworld');
      expect(tiles.get('200,-200')).toEqual({ x: 200, y: -200, z: 4, kind: 'grass_block' });
      expect(tiles.size).toBe(1024 + 256);
    }, 30_000);
    const { rows: scanned } = await ingest.db.query(`SELECT character_name FROM dungeon_maps WHERE landblock = '0x80067FF9'`);
    expect(scanned).toEqual([{ character_name: 'Bob' }]);
    expect(spectator.followed).toBeNull();
    await Promise.all([leave(alice), leave(bob)]);
  }, 90_000);

  it('merges what changed into a stored region, a tile of kind air removing the block there', async () => {
    const transport = pluginTransport({ url: ingest.ingest.pluginUrl, secret: TEST_SECRET, log: quiet });
    const link = transport.open('Carol', streamId('creative', 'Carol', 1), () => {});
    const context = { server: 'creative', session: 'creative-1', at: new Date() };
    const slice = (tiles: Tile[]) => ({ ...envelope('dungeon_map', 'Carol', context), dimension: 'the_nether', landblock: '0x80008000', tiles });
    link.send(slice([{ x: 1, y: 1, z: 30, kind: 'netherrack' }, { x: 2, y: 1, z: 31, kind: 'lava' }, { x: 3, y: 1, z: 30, kind: 'air' }]));
    link.send(slice([{ x: 2, y: 1, z: 29, kind: 'air' }, { x: 4, y: 1, z: 30, kind: 'soul_sand' }]));
    await link.close('logout');
    await ingest.ingest.flush();
    const tiles = await tilesOf(ingest, 'creative/the_nether');
    expect([...tiles.values()].sort((a, b) => a.x - b.x)).toEqual([{ x: 1, y: 1, z: 30, kind: 'netherrack' }, { x: 4, y: 1, z: 30, kind: 'soul_sand' }]);
    const next = transport.open('Carol', streamId('creative', 'Carol', 2), () => {});
    next.send(slice([{ x: 1, y: 1, z: 30, kind: 'air' }]));
    await next.close('logout');
    expect([...(await tilesOf(ingest, 'creative/the_nether')).values()]).toEqual([{ x: 4, y: 1, z: 30, kind: 'soul_sand' }]);
    // The other game's dungeon of the same landblock is a map of its own, replaced whole as before.
    const dungeon = transport.open('Dereth Walker', 'dereth-walker', () => {});
    dungeon.send({ type: 'dungeon_map', character_name: 'Dereth Walker', landblock: '0x80008000', tiles: [{ x: 10, y: 20, kind: 'corridor' }] });
    await dungeon.close('logout');
    const { rows } = await ingest.db.query(`SELECT world, jsonb_array_length(tiles) AS tiles FROM dungeon_maps WHERE landblock = '0x80008000' AND world IN ('', 'creative/the_nether') ORDER BY world`);
    expect(rows).toEqual([{ world: '', tiles: 1 }, { world: 'creative/the_nether', tiles: 1 }]);
  });
});
