/**
 * The Radar, Dungeon map and Vital sharing windows end to end in headless
 * Chromium, against the real stack (plugin frames into ingest, the telemetry
 * subgraph, the gateway serving the built dashboard): radar objects listed
 * nearest first and drawn, filtered by kind, named on hover, and `/radar
 * start` reaching the plugin; a dungeon's two levels drawn with the
 * character's level emphasised, following it up the stairs; fellows' shared
 * bars live with their distance and direction. Screenshots in
 * test-artifacts/web/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startLiveDashboard, type LiveDashboard, type PageGlobals } from './browser.js';

const VIEWPORT = { width: 1440, height: 900 };

interface Spot {
  name: string;
  ew: number;
  ns: number;
  z: number;
  heading: number;
  landblock?: string;
}

/** The radar's character; its fellows stand 120 m north and 60 m east of it (240 m per map unit). */
const SCOUT: Spot = { name: 'Scout Vey', ew: 10, ns: 20, z: 50, heading: 45 };
const NORTH_FELLOW: Spot = { name: 'Anwen Brightshield', ew: 10, ns: 20.5, z: 50, heading: 0 };
const EAST_FELLOW: Spot = { name: 'Bors', ew: 10.25, ns: 20, z: 50, heading: 0 };
/**
 * In dungeon 0x01D9, at 50 m east and 50 m north of the landblock's corner
 * (the game's rule: ew = (blockX * 8 + x / 24) / 10 - 101.95), first outdoors.
 */
const DELVER: Spot = { name: 'Delver Ost', ew: 30, ns: 30, z: 80, heading: 90, landblock: '0x7F7F0011' };
const DUNGEON_SPOT = { ew: (1 * 8 + 50 / 24) / 10 - 101.95, ns: (0xd9 * 8 + 50 / 24) / 10 - 101.95 };
const EVERYONE = [SCOUT, NORTH_FELLOW, EAST_FELLOW, DELVER];

describe.skipIf(!hasChromium)('radar, dungeon map and vital sharing in the dashboard', () => {
  let live: LiveDashboard;
  let stack: TestStack;
  let plugin: TestPlugin;
  let browser: Browser;
  let base: string;

  const telemetry = (spot: Spot) => ({ type: 'telemetry', character_name: spot.name, timestamp: Date.now(), ...spotFields(spot), vt_state: 'Combat' });
  const spotFields = ({ ew, ns, z, heading, landblock }: Spot) => ({ ew, ns, z, heading, ...(landblock ? { landblock } : {}) });
  /** Every character's position, sent again and again to keep them live. */
  const positions = () => EVERYONE.map(telemetry);

  beforeAll(async () => {
    live = await startLiveDashboard(positions, 5_000, { positionsTickMs: 250 });
    ({ stack, browser, base, plugin } = live);
  }, 180_000);

  afterAll(() => live?.close());

  async function openOn(id: string, character: string, as: { name: string; password: string } = stack.admin): Promise<Page> {
    const page = await signedInPage(browser, base, as, VIEWPORT);
    await page.waitForFunction((names) => names.every((name) => (globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet()[name]), EVERYONE.map((spot) => spot.name), {
      timeout: 15_000,
    });
    await page.click(`[data-open-window=${id}]`);
    await page.waitForSelector(`[data-window=${id}] [data-character-picker] option[value="${character}"]`, { state: 'attached' });
    await page.selectOption(`[data-window=${id}] [data-character-picker]`, character);
    return page;
  }

  const radarRows = (page: Page) =>
    page.locator('[data-window=radar] [data-radar-object]').evaluateAll((rows) =>
      rows.map((row) => [row.querySelector('[data-radar-name]')?.textContent, row.getAttribute('data-radar-class'), row.querySelector('[data-radar-distance]')?.textContent].join(' | ')),
    );
  const canvasData = (page: Page, selector: string, attribute: string) => page.getAttribute(selector, attribute);

  it('lists and draws the radar nearest first, filters by kind, names on hover, and starts a quiet radar', async () => {
    const page = await openOn('radar', SCOUT.name);
    // Nothing swept yet: an admin is offered /radar start, which reaches the character's plugin.
    await page.waitForSelector('[data-window=radar] [data-radar-quiet]');
    await page.click('[data-window=radar] [data-radar-start]');
    await expect.poll(() => canvasData(page, '[data-radar-start-status]', 'data-radar-start-status')).toBe('sent');
    await plugin.waitFor((frame) => frame.type === 'command' && frame.command === '/radar start');

    await stack.send(plugin, [
      {
        type: 'nearby_objects',
        character_name: SCOUT.name,
        timestamp: Date.now(),
        objects: [
          { id: 3001, name: 'Drudge Ravener', object_class: 'Monster', ew: SCOUT.ew + 0.1, ns: SCOUT.ns, z: 50, distance: 24 },
          { id: 3002, name: 'Portal to Holtburg', object_class: 'Portal', ew: SCOUT.ew, ns: SCOUT.ns - 0.2, z: 50, distance: 48 },
          { id: 3003, name: 'Town Crier', object_class: 'Npc', ew: SCOUT.ew, ns: SCOUT.ns + 0.05, z: 50, distance: 12 },
        ],
      },
    ]);
    await expect.poll(() => radarRows(page), { timeout: 10_000 }).toEqual(['Town Crier | npc | 12 m', 'Drudge Ravener | monster | 24 m', 'Portal to Holtburg | portal | 48 m']);
    await expect.poll(() => canvasData(page, '[data-radar-canvas]', 'data-radar-drawn')).toBe('3');
    // 48 m with the margin needs the 60 m range.
    expect(await canvasData(page, '[data-radar-canvas]', 'data-radar-range')).toBe('60');
    expect(await page.locator('[data-window=radar] [data-radar-quiet]').count()).toBe(0);
    expect(await page.textContent('[data-radar-filter=monster]')).toContain('1');

    // Hovering the monster's dot (24 m east of the centre) names it.
    const box = await page.locator('[data-radar-canvas]').boundingBox();
    if (!box) throw new Error('the radar canvas is not on screen');
    const radius = Math.min(box.width, box.height) / 2 - 6;
    await page.mouse.move(box.x + box.width / 2 + (24 / 60) * radius, box.y + box.height / 2);
    await expect.poll(() => page.innerText('[data-radar-tooltip]')).toBe('Drudge Ravener\nMonsters · 24 m');
    await screenshot(page, 'radar');

    await page.click('[data-radar-filter=monster]');
    expect(await page.getAttribute('[data-radar-filter=monster]', 'aria-pressed')).toBe('false');
    await expect.poll(() => radarRows(page)).toEqual(['Town Crier | npc | 12 m', 'Portal to Holtburg | portal | 48 m']);
    await expect.poll(() => canvasData(page, '[data-radar-canvas]', 'data-radar-drawn')).toBe('2');

    // The filter is remembered across page loads.
    await page.reload();
    await page.waitForSelector('[data-open-window=radar]');
    if (!(await page.locator('[data-window=radar]').count())) await page.click('[data-open-window=radar]');
    await page.waitForSelector('[data-radar-filter=monster]');
    expect(await page.getAttribute('[data-radar-filter=monster]', 'aria-pressed')).toBe('false');
    expect(await page.getAttribute('[data-radar-filter=npc]', 'aria-pressed')).toBe('true');
    await page.close();
  });

  it('does not offer /radar start to a viewer', async () => {
    const viewer = { name: 'radar-viewer', password: 'radar-viewer-password-1' };
    const created = await stack.graphql(
      'mutation Viewer($name: String!, $password: String!) { createAccount(name: $name, password: $password, role: VIEWER) { name } }',
      viewer,
      { cookie: stack.adminCookie },
    );
    expect(created.body.errors).toBeUndefined();
    const page = await openOn('radar', NORTH_FELLOW.name, viewer);
    await page.waitForSelector('[data-window=radar] [data-radar-quiet]');
    expect(await page.innerText('[data-window=radar] [data-radar-quiet]')).toBe(`No radar sweep from ${NORTH_FELLOW.name} in the last minute.\nAn operator can start it.`);
    expect(await page.locator('[data-radar-start]').count()).toBe(0);
    await page.close();
  });

  it('draws the dungeon the character is in, its level emphasised and the other faded, and follows it up the stairs', async () => {
    const page = await openOn('dungeon', DELVER.name);
    await page.waitForSelector('[data-window=dungeon] [data-dungeon-outdoors]');

    // Into the dungeon, on the lower level (z -11 is nearest -12).
    Object.assign(DELVER, { ...DUNGEON_SPOT, z: -11, landblock: '0x01D90105' });
    await stack.send(plugin, [telemetry(DELVER)]);
    await page.waitForSelector('[data-window=dungeon] [data-dungeon-unmapped]');
    await stack.send(plugin, [
      {
        type: 'dungeon_map',
        character_name: DELVER.name,
        timestamp: Date.now(),
        landblock: '0x01D90000',
        tiles: [
          { x: 40, y: 50, kind: 'portal', z: -12, rotation: 0, environment_id: 0x0d000100 },
          { x: 50, y: 50, kind: 'corridor', z: -12, rotation: 90, environment_id: 0x0d00021f },
          { x: 60, y: 50, kind: 'stairs', z: -12, rotation: 90, environment_id: 0x0d0003a4 },
          { x: 60, y: 60, kind: 'room', z: -6, rotation: 180, environment_id: 0x0d000312 },
          { x: 50, y: 60, kind: 'room', z: -6, rotation: 270, environment_id: 0x0d000318 },
        ],
      },
      {
        type: 'nearby_objects',
        character_name: DELVER.name,
        timestamp: Date.now(),
        objects: [{ id: 4001, name: 'Shadow Child', object_class: 'Monster', ew: DUNGEON_SPOT.ew + 10 / 240, ns: DUNGEON_SPOT.ns, z: -11 }],
      },
    ]);
    const canvas = '[data-window=dungeon] [data-dungeon-canvas]';
    // The canvas's figures of one drawing: the level, then the tiles on it and on the others.
    const drawn = () => Promise.all(['level', 'tiles', 'emphasised', 'faded'].map((figure) => canvasData(page, canvas, `data-dungeon-${figure}`)));
    await expect.poll(drawn, { timeout: 10_000 }).toEqual(['-12', '5', '3', '2']);
    await expect.poll(() => canvasData(page, canvas, 'data-dungeon-objects')).toBe('1');
    expect(await page.textContent('[data-dungeon-landblock]')).toBe(`0x01D90000 · mapped by ${DELVER.name}`);
    expect(await page.getAttribute('[data-dungeon-level-option="-12"]', 'aria-current')).toBe('true');
    expect(await page.getAttribute('[data-dungeon-level-option="-6"]', 'aria-current')).toBeNull();
    await screenshot(page, 'dungeon-lower-level');

    // Up the stairs: the upper level is emphasised now.
    Object.assign(DELVER, { z: -6.5, landblock: '0x01D90106' });
    await stack.send(plugin, [telemetry(DELVER)]);
    await expect.poll(drawn, { timeout: 10_000 }).toEqual(['-6', '5', '2', '3']);
    expect(await page.getAttribute('[data-dungeon-level-option="-6"]', 'aria-current')).toBe('true');
    await screenshot(page, 'dungeon-upper-level');

    // Kinds hidden on the radar are hidden on the map too.
    await page.click('[data-open-window=radar]');
    await page.click('[data-window=radar] [data-radar-filter=monster]');
    await expect.poll(() => canvasData(page, canvas, 'data-dungeon-objects')).toBe('0');
    await page.close();
  });

  it("shows each fellow's shared bars live with distance and direction from the selected character", async () => {
    const share = (spot: Spot, health: number, stamina: number, mana: number) => ({
      type: 'share_vitals',
      character_name: spot.name,
      timestamp: Date.now(),
      group: 'Iron Wolves',
      health_pct: health,
      stamina_pct: stamina,
      mana_pct: mana,
    });
    await stack.send(plugin, [share(SCOUT, 100, 90, 80), share(NORTH_FELLOW, 80, 60, 40), share(EAST_FELLOW, 35.5, 20, 10)]);
    const page = await openOn('fellowship', SCOUT.name);
    const member = (spot: Spot) =>
      page.locator(`[data-window=fellowship] [data-fellowship="Iron Wolves"] [data-fellow="${spot.name}"]`).evaluate((row) =>
        [
          ...['health', 'stamina', 'mana'].map((kind) => row.querySelector(`[data-vital=${kind}]`)?.getAttribute('aria-valuenow')),
          row.querySelector('[data-fellow-direction]')?.textContent,
          row.querySelector('[data-fellow-distance]')?.textContent,
        ].join(' '),
      );
    const members = () => page.locator('[data-window=fellowship] [data-fellow]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-fellow')));
    await expect.poll(members, { timeout: 10_000 }).toEqual([NORTH_FELLOW.name, EAST_FELLOW.name, SCOUT.name]);
    await expect.poll(() => member(NORTH_FELLOW)).toBe('80 60 40 N 120 m');
    expect(await member(EAST_FELLOW)).toBe('35.5 20 10 E 60 m');
    expect(await member(SCOUT)).toBe('100 90 80  selected');
    await screenshot(page, 'fellowship');

    // A new share shows at once.
    await stack.send(plugin, [share(EAST_FELLOW, 12, 20, 10)]);
    await expect.poll(() => member(EAST_FELLOW), { timeout: 5_000 }).toBe('12 20 10 E 60 m');
    await page.close();
  });
});
