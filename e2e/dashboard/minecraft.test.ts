/**
 * The Minecraft map and the windows for a Minecraft player, end to end in
 * headless Chromium: flying-squid on loopback with mineflayer players, the
 * bridge reporting them to the real stack, the gateway serving the built
 * dashboard. The world switch shows the world's blocks coloured by type, the
 * players as dots, the radar's entities; the Dereth map keeps them off; the
 * windows that only Asheron's Call fills say so. Screenshots in
 * test-artifacts/web/.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Bot } from 'mineflayer';
import type { Browser, Page } from 'playwright-core';
import { Vec3 } from 'vec3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMinecraftBridge, type MinecraftBridge } from '@lifestone/minecraft';
import { TEST_SECRET } from '@lifestone/test-kit/ingest';
import { eventually, joinPlayer, leave, playerEnded, startTestMinecraftServer, walkTo, type TestMinecraftServer } from '@lifestone/test-kit/minecraft';
import { startModelServer, type ModelServer } from '@lifestone/test-kit/model-server';
import type { GraphRequest } from '@lifestone/lib/agent';
import type { TestStack } from '@lifestone/test-kit/stack';
import { pluginTransport } from '../../minecraft/src/plugin-link.js';
import { hasChromium, screenshot, signedInPage, startLiveDashboard, type LiveDashboard, type PageGlobals } from './browser.js';

/** The bridge's log, kept to say what it did when a wait for it fails. */
const bridgeLog: string[] = [];
const keep = (level: string) => (fields: object, message?: string) => void bridgeLog.push(`${new Date().toISOString()} ${level} ${message ?? ''} ${JSON.stringify(fields)}`);
const quiet = { info: keep('info'), warn: keep('warn') };
/** The longest the worker's event loop stood still, for failure messages: a stalled worker misses keep-alives and its players are kicked. */
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();
const VEXOR = { type: 'telemetry', character_name: 'Vexor', ew: 45.6, ns: 12.3, z: 0, vt_state: 'Combat' };

describe.skipIf(!hasChromium)('a Minecraft world in the dashboard', () => {
  let live: LiveDashboard;
  let stack: TestStack;
  let browser: Browser;
  let base: string;
  let minecraft: TestMinecraftServer;
  let bridge: MinecraftBridge;
  let operator: string;
  let model: ModelServer;
  const players: Bot[] = [];
  /** The assistant's tools call the graph as an operator: a tool's look at a Minecraft player may make the bot follow it. */
  const assistantGraph: GraphRequest = async (query, variables) => {
    const { body } = await stack.graphql<never>(query, variables ?? {}, { token: operator });
    if (body.errors?.length) throw new Error(body.errors.map((error) => error.message).join('; '));
    return body.data as never;
  };

  beforeAll(async () => {
    model = await startModelServer();
    const assistant = { model: { model: { provider: 'anthropic' as const, url: model.anthropicUrl, apiKey: 'test-key', model: 'scripted-model' } }, graph: assistantGraph };
    [live, minecraft] = await Promise.all([startLiveDashboard(() => [{ ...VEXOR, timestamp: Date.now() }], 5_000, { assistant }), startTestMinecraftServer(undefined, undefined, { viewDistance: 3 })]);
    ({ stack, browser, base } = live);
    bridge = startMinecraftBridge({
      servers: [{ name: 'survival', host: '127.0.0.1', port: minecraft.port }],
      transport: pluginTransport({ url: stack.ingest.ingest.pluginUrl, secret: TEST_SECRET, log: quiet }),
      log: quiet,
    });
    await eventually(() => expect(bridge.bots[0]?.status).toBe('online'));
    players.push(await joinPlayer(minecraft.port, 'Alice'), await joinPlayer(minecraft.port, 'Bob'));
    // They may have joined farther apart than radar range (32 blocks): Bob goes to stand beside her.
    await walkTo(players[1] as Bot, (players[0] as Bot).entity.position, 3);
    operator = (await stack.createToken('operator', 'minecraft operator')).token;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(players.map((player) => Promise.race([leave(player), new Promise((resolve) => setTimeout(resolve, 5_000))])));
    await bridge?.stop();
    await Promise.all([minecraft?.close(), live?.close()]);
    await model?.close();
  }, 120_000);

  /** What the bridge and the players went through, to say why a wait on them failed. */
  function story(): string {
    const ended = players.map((player) => `${player.username}: ${playerEnded(player) ?? 'connected'}`).join(', ');
    return `bot ${bridge.bots[0]?.status ?? 'absent'}, following ${bridge.bots[0]?.followed ?? 'nobody'}; ${ended}; longest event-loop stall ${Math.round(loopDelay.max / 1e6)} ms; the bridge:\n${bridgeLog.slice(-10).join('\n')}`;
  }

  /** Waits for `selector` on `page`, saying what the bridge and players went through if it does not come. */
  async function waitForBridged(page: Page, selector: string): Promise<void> {
    await page.waitForSelector(selector, { timeout: 15_000 }).catch((error: unknown) => {
      throw new Error(`${selector} did not come: ${story()}`, { cause: error });
    });
  }

  async function command(character: string, text: string): Promise<void> {
    await eventually(async () => {
      const { body } = await stack.graphql<{ sendCommand: boolean }>('mutation ($c: String!, $t: String!) { sendCommand(character: $c, command: $t) }', { c: character, t: text }, { token: operator });
      expect(body.errors ?? []).toEqual([]);
      expect(body.data?.sendCommand).toBe(true);
      const { rows } = await stack.ingest.db.query(`SELECT 1 FROM telemetry_events WHERE character_name = $1 LIMIT 1`, [character]);
      expect(rows).toHaveLength(1);
    });
  }

  it("shows the world's blocks by type, its players and entities on its own map, switched with one control", async () => {
    const alice = players[0] as Bot;
    const ax = Math.floor(alice.entity.position.x);
    const az = Math.floor(alice.entity.position.z);
    // A little landscape beside Alice: a pond, a lava pool, a tree's crown, a stone path, bare dirt.
    const squid = minecraft.server;
    const put = (name: string, dx: number, dz: number, y = 4) => squid.setBlock(squid.overworld, new Vec3(ax + dx, y, az + dz), squid.registry.blocksByName[name]?.defaultState ?? 0);
    for (let dx = 3; dx <= 7; dx++) for (let dz = -6; dz <= -2; dz++) await put('water', dx, dz);
    for (let dx = -7; dx <= -5; dx++) for (let dz = 3; dz <= 5; dz++) await put('lava', dx, dz);
    for (let dx = 4; dx <= 8; dx++) for (let dz = 4; dz <= 8; dz++) await put('oak_leaves', dx, dz, 6);
    for (let dx = -12; dx <= 12; dx++) await put('stone', dx, 0);
    for (let dz = -10; dz <= -6; dz++) for (let dx = -10; dx <= -6; dx++) await put('dirt', dx, dz);
    await command('Alice', '/follow');
    await eventually(async () => {
      const { rows } = await stack.ingest.db.query<{ kinds: string[] }>(
        `SELECT array_agg(DISTINCT tile->>'kind' ORDER BY tile->>'kind') AS kinds FROM dungeon_maps, jsonb_array_elements(tiles) AS tile WHERE world = 'survival/overworld'`,
      );
      expect(rows[0]?.kinds).toEqual(['dirt', 'grass_block', 'lava', 'oak_leaves', 'stone', 'water']);
    }, 30_000);

    const page = await signedInPage(browser, base, stack.admin);
    // Dereth's map keeps the Asheron's Call character and none of the Minecraft players.
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet().Vexor, undefined, { timeout: 15_000 });
    await page.waitForTimeout(5_000);
    expect(Object.keys(await page.evaluate(() => (globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet() ?? {}))).toEqual(['Vexor']);

    await page.waitForSelector('[data-world-switch] option[value="survival/overworld"]', { state: 'attached', timeout: 15_000 });
    await page.selectOption('[data-world-switch] select', 'survival/overworld');
    await page.waitForSelector('[data-minecraft-map][data-players="2"]', { timeout: 15_000 });
    await page.waitForFunction(() => Number(document.querySelector('[data-minecraft-map]')?.getAttribute('data-blocks')) >= 1024, undefined, { timeout: 15_000 });
    await page.waitForTimeout(800);
    // The pointer over the stone path, one block east of Alice: its block coordinates and what is there.
    const box = await page.locator('[data-minecraft-map] .leaflet-container').boundingBox();
    expect(box).not.toBeNull();
    const centre = await page.evaluate(() => {
      const container = document.querySelector('[data-minecraft-map] .leaflet-container') as HTMLElement;
      return { width: container.clientWidth, height: container.clientHeight };
    });
    // The map centres on Alice at zoom 3 (8 pixels per block).
    const aliceAt = await page.evaluate(() => document.querySelector('[data-minecraft-map]')?.getAttribute('data-players'));
    expect(aliceAt).toBe('2');
    await page.mouse.move(box!.x + centre.width / 2 + 8 * (1 + (alice.entity.position.x - ax) - 0.5), box!.y + centre.height / 2 + 8 * (0.5 - (alice.entity.position.z - az)));
    const readout = await page.textContent('[data-minecraft-map] [data-map-pointer]');
    expect(readout).toMatch(/^x -?\d+ · z -?\d+ · stone at y 4$/);
    await screenshot(page, 'minecraft-map');

    // Back to Dereth with the same control.
    await page.selectOption('[data-world-switch] select', 'dereth');
    await page.waitForSelector('[data-minecraft-map]', { state: 'detached' });
    await page.close();
  }, 120_000);

  it("says which windows do not apply to a Minecraft player, and shows its place in Character", async () => {
    const page: Page = await signedInPage(browser, base, stack.admin);
    for (const id of ['character', 'inventory']) {
      await page.click(`[data-open-window=${id}]`);
      await page.waitForSelector(`[data-window=${id}] [data-character-picker] option[value="Alice"]`, { state: 'attached', timeout: 15_000 });
    }
    await page.selectOption('[data-window=character] [data-character-picker]', 'Alice');
    await page.waitForSelector('[data-window=character] [data-minecraft-place]', { timeout: 15_000 });
    expect((await page.textContent('[data-window=character] [data-minecraft-place]'))?.replace(/\s+/g, ' ').trim()).toMatch(/^Minecraft · survival · overworld · x -?\d+, y \d+, z -?\d+\s*show on its map$/);
    await page.waitForSelector('[data-window=inventory] [data-game-only]', { timeout: 15_000 });
    expect(await page.textContent('[data-window=inventory] [data-game-only]')).toContain('Alice plays Minecraft (server survival): the Inventory window shows items');
    // The radar of a Minecraft player is in blocks: Bob, who stands beside Alice, is metres away, not hundreds.
    await page.click('[data-open-window=radar]');
    await waitForBridged(page, '[data-window=radar] [data-radar-object]');
    const bob = page.locator('[data-window=radar] [data-radar-object]', { has: page.locator('[data-radar-name]', { hasText: 'Bob' }) });
    expect(await bob.getAttribute('data-radar-class')).toBe('player');
    expect(Number.parseFloat((await bob.locator('[data-radar-distance]').textContent()) ?? '')).toBeLessThan(40);
    await screenshot(page, 'minecraft-windows');
    await page.close();
  }, 60_000);

  it("makes the bot follow the Minecraft player an assistant's tool looked at, and lights up that area on the world's map", async () => {
    await command('Alice', '/unfollow');
    await eventually(() => expect(bridge.bots[0]?.followed).toBeNull());
    model.script({ toolCalls: [{ id: 'toolu_minecraft_1', name: 'minecraft_player', arguments: { name: 'Alice' } }] }, { text: ['Alice is on survival, standing on grass.'] });
    const page = await signedInPage(browser, base, stack.admin);
    await page.selectOption('[data-world-switch] select', 'survival/overworld');
    await page.waitForSelector('[data-minecraft-map][data-players="2"]', { timeout: 15_000 });
    await page.click('[data-open-window=assistant]');
    await page.waitForSelector('[data-window=assistant] [data-assistant-model]');
    await page.fill('[data-window=assistant] [data-assistant-input]', 'Where is Alice and what is around her?');
    await page.click('[data-window=assistant] [data-assistant-send]');
    await page.waitForSelector('[data-window=assistant] [data-tool-call=minecraft_player][data-tool-state=done]', { timeout: 20_000 });
    // Should the bot not follow, what the tool said of its request and what the bridge did.
    const toolResult = () => /\\"follow\\":\\"([^\\]*)/.exec(JSON.stringify(model.requests.at(-1)?.body))?.[1];
    await eventually(() => expect(bridge.bots[0]?.followed, `the tool said ${toolResult()}; ${story()}`).toBe('Alice'));
    // Alice is highlighted: as a player the tool named, her area a square in the session's colour.
    await page.waitForSelector('[data-minecraft-map]:not([data-focus="0"])', { timeout: 10_000 });
    expect(await page.locator('[data-minecraft-map] path.minecraft-focus').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.locator('[data-minecraft-map] path.minecraft-player').count(), { timeout: 5_000 }).toBe(2);
    await page.waitForTimeout(400);
    await screenshot(page, 'minecraft-minds-eye');
    // Dereth's map does not take Alice's place for one of its own.
    await page.selectOption('[data-world-switch] select', 'dereth');
    await page.waitForSelector('[data-minecraft-map]', { state: 'detached' });
    expect(await page.getAttribute('[data-assistant-focus]', 'data-assistant-focus')).toBe('0');
    await page.close();
  }, 90_000);
});
