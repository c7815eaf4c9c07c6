/**
 * The dashboard end to end in headless Chromium, against the real stack:
 * ingest, the three subgraphs and the gateway serving the built dashboard,
 * with the simulator driving a fleet over the plugin protocol (what
 * `npm start` runs), on this run's database. Screenshots of the main views
 * are kept in test-artifacts/web/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFleet, startStatusServer, type FleetHandle, type StatusServer } from '../../simulator/src/index.js';
import { watchGameServers } from '../../ingest/src/index.js';
import { createLogger } from '../../lib/log/index.js';
import { queryLimitsFromEnv } from '../../gateway/src/index.js';
import { TEST_SECRET } from '@lifestone/test-kit/ingest';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack, type DiagnosticsHandle, type PageGlobals } from './browser.js';

const FLEET_SIZE = 24;
const VIEWER = { name: 'watcher', password: 'watcher-password-1' };

type FleetSnapshot = ReturnType<DiagnosticsHandle['fleet']>;

describe.skipIf(!hasChromium)('the dashboard in a browser', () => {
  let stack: TestStack;
  let fleet: FleetHandle;
  let statusPage: StatusServer;
  let gameServers: { close(): Promise<void> };
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    // The query limits of a default deployment (the test stack's own are tighter).
    ({ stack, browser, base } = await startDashboardStack({ positionsTickMs: 250, limits: queryLimitsFromEnv({}) }));
    fleet = runFleet({ url: stack.ingest.ingest.pluginUrl, secret: TEST_SECRET, characters: FLEET_SIZE, seed: 11, rampUpMs: 1_000 });
    // As under npm start: the simulated game server's status page, checked like a real server.
    statusPage = await startStatusServer('Simulated Dereth', () => fleet.stats().connected);
    gameServers = watchGameServers({ pool: stack.db, servers: [{ name: 'Simulated Dereth', url: new URL(statusPage.url) }], intervalMs: 2_000, log: createLogger('test', 'silent') });
    const created = await stack.graphql(
      'mutation Viewer($name: String!, $password: String!) { createAccount(name: $name, password: $password, role: VIEWER) { name } }',
      VIEWER,
      { cookie: stack.adminCookie },
    );
    expect(created.body.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gameServers?.close();
    await statusPage?.close();
    await fleet?.stop();
    await stack?.close();
  });

  function adminPage(): Promise<Page> {
    return signedInPage(browser, base, stack.admin);
  }

  const fleetSnapshot = (page: Page): Promise<FleetSnapshot> => page.evaluate(() => (globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet() ?? {});

  async function waitForFleet(page: Page, atLeast: number): Promise<FleetSnapshot> {
    await page.waitForFunction((count) => Object.keys((globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet() ?? {}).length >= count, atLeast, { timeout: 30_000 });
    return fleetSnapshot(page);
  }

  it('refuses a wrong password on the sign-in page and says so', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', 'not the password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toMatch(/password/i);
    await page.close();
  });

  it('shows the fleet moving on the map', async () => {
    const page = await adminPage();
    const first = await waitForFleet(page, FLEET_SIZE);
    expect(await page.getAttribute('[data-map]', 'data-live-count')).toBe(String(FLEET_SIZE));
    // Characters log in idle for a few seconds, then move (telemetry every 2 s): compare with the first moment until most have.
    await expect
      .poll(async () => {
        const later = await fleetSnapshot(page);
        return Object.keys(first).filter((name) => later[name] && (later[name].ns !== first[name]?.ns || later[name].ew !== first[name]?.ew)).length;
      }, { timeout: 45_000, interval: 1_000 })
      .toBeGreaterThanOrEqual(FLEET_SIZE / 2);
    await screenshot(page, 'map');
    await page.close();
  });

  it('opens every window with live data', async () => {
    const page = await adminPage();
    await waitForFleet(page, FLEET_SIZE);
    const plugin = await stack.connectPlugin();
    // The fleet reports combat every 30-60 s and finds rares seldom: one character of the test's own has both now.
    await stack.send(plugin, [
      { type: 'telemetry', character_name: 'Window Tester', timestamp: Date.now(), ew: 12.3, ns: -40.1, z: 5, vt_state: 'Combat' },
      { type: 'rare', character_name: 'Window Tester', timestamp: Date.now(), name: 'Pearl of Blood Drinking', ew: 12.3, ns: -40.1, z: 5 },
      { type: 'rare', character_name: 'Window Tester', timestamp: Date.now(), name: 'Shimmering Skeleton Key', ew: 12.3, ns: -40.1, z: 5 },
      {
        type: 'combat_stats', character_name: 'Window Tester', timestamp: Date.now(), session_id: 'window-test',
        session: { monsters: { 'Drudge Slinker': { kills: 3, offense: { slash: { hits: 10, misses: 2, crits: 1, damage: 500, max_hit: 90 } }, defense: { fire: { hits: 4, evades: 6, resists: 1, damage: 120 } } } } },
      },
    ]);

    await openWindow(page, 'players');
    await expect.poll(() => page.locator('[data-window=players] [data-player]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(FLEET_SIZE / 2);
    // Offline characters too: every character ever seen, under the default query limits.
    await page.check('[data-window=players] [data-player-offline]');
    await expect.poll(() => page.locator('[data-window=players] [data-player="Window Tester"]').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-window=players] [role=alert]').count()).toBe(0);
    expect(await page.locator('[data-window=players] [data-player]').count()).toBeGreaterThanOrEqual(FLEET_SIZE);
    await page.uncheck('[data-window=players] [data-player-offline]');
    const name = (await page.locator('[data-window=players] [data-player]').first().getAttribute('data-player')) as string;
    await page.click(`[data-window=players] [data-player="${name}"]`);

    await openWindow(page, 'character');
    await page.waitForSelector(`[data-window=character] [data-character="${name}"]`);
    await expect.poll(() => page.locator('[data-window=character] [data-attribute]').count(), { timeout: 15_000 }).toBe(6);

    await openWindow(page, 'inventory');
    await expect.poll(() => page.locator('[data-window=inventory] [data-item]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'character-and-inventory');
    await closeWindows(page, ['character', 'inventory']);

    await openWindow(page, 'combat');
    const picker = page.locator('[data-window=combat] [data-character-picker]');
    await expect.poll(() => picker.locator('option[value="Window Tester"]').count(), { timeout: 15_000 }).toBe(1);
    await picker.selectOption('Window Tester');
    await page.waitForSelector('[data-window=combat] [data-combat-summary]', { timeout: 15_000 });
    await page.waitForSelector('[data-window=combat] [data-monster="Drudge Slinker"]');

    await openWindow(page, 'chat');
    await expect.poll(() => page.locator('[data-window=chat] [data-chat-line]').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    await openWindow(page, 'rares');
    // Common and great apart: the great one on the first tab, the gem on the other.
    await page.waitForSelector('[data-window=rares] [data-rare-list=GREAT] [data-rare=GREAT]:has-text("Shimmering Skeleton Key")', { timeout: 15_000 });
    expect(await page.locator('[data-window=rares] [data-rare-list]').textContent()).not.toContain('Pearl of Blood Drinking');
    await page.click('[data-window=rares] [data-tab=COMMON]');
    await page.waitForSelector('[data-window=rares] [data-rare-list=COMMON] [data-rare=COMMON]:has-text("Pearl of Blood Drinking")');

    await openWindow(page, 'vitals');
    await expect.poll(() => page.locator('[data-window=vitals] [data-vitals]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(FLEET_SIZE / 2);
    await screenshot(page, 'windows');
    await closeWindows(page, ['players', 'combat', 'chat', 'rares', 'vitals']);

    await openWindow(page, 'serverStatus');
    await page.waitForSelector('[data-window=serverStatus] [data-server="Simulated Dereth"][data-server-status=UP]', { timeout: 15_000 });
    expect(await page.locator('[data-window=serverStatus] [data-server="Simulated Dereth"]').textContent()).toContain(String(FLEET_SIZE));
    await page.close();
  });

  it('finds exactly the items a filtered search asks for, across characters', async () => {
    const plugin = await stack.connectPlugin();
    const item = (id: number, name: string, setName: string, armorLevel: number) => ({
      id, name, object_class: 'Armor', container_id: 0, equipped_slot: null, material: 'Steel', set_name: setName, armor_level: armorLevel, spells: ['Legendary Impenetrability'], tinks: 10, workmanship: 9.5,
    });
    await stack.send(plugin, [
      { type: 'full_inventory', character_name: 'Zyx Mule', timestamp: Date.now(), items: [item(9001, 'Zyx Chestplate', "Defender's Set", 620), item(9002, 'Zyx Helm', "Defender's Set", 450), item(9003, 'Zyx Gauntlets', "Soldier's Set", 600)] },
      { type: 'full_inventory', character_name: 'Zyx Second', timestamp: Date.now(), items: [item(9004, 'Zyx Greaves', "Defender's Set", 580)] },
    ]);
    const page = await adminPage();
    await openWindow(page, 'itemSearch');
    const form = page.locator('[data-item-search]');
    await form.locator('input[name=text]').fill('Zyx');
    await form.locator('input[name=setName]').fill("Defender's Set");
    await form.locator('input[name=armorLevelMin]').fill('500');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('[data-window=itemSearch] [data-total-count]').textContent()).toBe('2');
    const rows = page.locator('[data-window=itemSearch] [data-item-results] [data-item]');
    const found = await rows.evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-item')} ${element.getAttribute('data-item-owner')}`));
    expect(found.sort()).toEqual(['9001 Zyx Mule', '9004 Zyx Second']);
    await screenshot(page, 'item-search');
    await page.close();
  });

  it('shows a chat line sent as a plugin frame live', async () => {
    const page = await adminPage();
    await openWindow(page, 'chat');
    await page.waitForSelector('[data-window=chat] [data-chat-log]');
    const text = `meet at the lifestone ${Date.now()}`;
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'chat', character_name: 'Chatty Tester', timestamp: Date.now(), channel: 'Trade', text, color: 27, sender: 'Chatty Tester' }]);
    await page.waitForSelector(`[data-window=chat] [data-chat-line]:has-text("${text}")`, { timeout: 10_000 });
    await page.close();
  });

  it('lets an operator send a command that reaches the plugin, and shows it acknowledged', async () => {
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'telemetry', character_name: 'Command Tester', timestamp: Date.now(), ew: 10, ns: 10, z: 0, vt_state: 'Idle' }]);
    const page = await adminPage();
    await openWindow(page, 'command');
    const picker = page.locator('[data-window=command] [data-character-picker]');
    await expect.poll(() => picker.locator('option[value="Command Tester"]').count(), { timeout: 15_000 }).toBe(1);
    await picker.selectOption('Command Tester');
    await page.fill('[data-window=command] [data-command-input]', '/radar start');
    await page.click('[data-window=command] [data-command-send]');
    await page.waitForSelector('[data-window=command] [data-command-result][data-command-status=sent]');
    const received = await plugin.waitFor((frame) => frame.type === 'command');
    expect(received).toMatchObject({ type: 'command', command: '/radar start' });
    await screenshot(page, 'command');
    await page.close();
  });

  it('offers a viewer no command controls', async () => {
    const page = await signedInPage(browser, base, VIEWER);
    await waitForFleet(page, 1);
    expect(await page.locator('[data-open-window]').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-open-window=command]').count()).toBe(0);
    expect(await page.locator('[data-command-input]').count()).toBe(0);
    await page.close();
  });

  it('shows offline while the gateway restarts, then reconnects and goes on', async () => {
    const page = await adminPage();
    await waitForFleet(page, FLEET_SIZE);
    const restarted = stack.restartGateway(3_000);
    await page.waitForSelector('[data-connection=reconnecting]', { timeout: 10_000 });
    await screenshot(page, 'reconnecting');
    await restarted;
    await page.waitForSelector('[data-connection=reconnecting]', { state: 'detached', timeout: 30_000 });
    const after = await fleetSnapshot(page);
    await expect
      .poll(async () => {
        const later = await fleetSnapshot(page);
        return Object.keys(after).filter((name) => later[name] && (later[name].ns !== after[name]?.ns || later[name].ew !== after[name]?.ew)).length;
      }, { timeout: 20_000, interval: 1_000 })
      .toBeGreaterThan(0);
    await page.close();
  });
});

async function openWindow(page: Page, id: string): Promise<void> {
  await page.click(`[data-open-window=${id}]`);
  await page.waitForSelector(`[data-window=${id}]`);
}

async function closeWindows(page: Page, ids: string[]): Promise<void> {
  for (const id of ids) await page.click(`[data-open-window=${id}]`);
}
