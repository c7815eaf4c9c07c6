/**
 * The fleet board, plugin health and server status windows in headless
 * Chromium against the real stack: three characters report through a real
 * plugin connection, a fourth stopped reporting 20 minutes ago, the
 * telemetry history of the last hours is in the database as ingest writes
 * it, and a game server is watched as under `npm start`. Screenshots are
 * kept in test-artifacts/web/.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStatusServer, type StatusServer } from '../../simulator/src/index.js';
import { watchGameServers } from '../../ingest/src/index.js';
import { createLogger } from '../../lib/log/index.js';
import { queryLimitsFromEnv } from '../../gateway/src/index.js';
import { INGEST_WAIT, type TestPlugin } from '@lifestone/test-kit/plugin';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack } from './browser.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Session counters and plugin figures each live character reports. */
const CHARACTERS = [
  { name: 'Alder', kills: 5, deaths: 0, rares: 1, tapers: 40, kph: 150.5, mem: 410, cpu: 12.5, latency: 80 },
  { name: 'Birch', kills: 30, deaths: 2, rares: 0, tapers: 12, kph: 900, mem: 520, cpu: 30, latency: 300 },
  { name: 'Cedar', kills: 12, deaths: 1, rares: 3, tapers: 7, kph: 420, mem: 380, cpu: 8, latency: 45 },
];

describe.skipIf(!hasChromium)('the fleet board, plugin health and server status in a browser', () => {
  let stack: TestStack;
  let plugin: TestPlugin;
  let statusPage: StatusServer;
  let gameServers: { close(): Promise<void> };
  let browser: Browser;
  let base: string;
  /** The start of the hour bucket that holds now when the history was written. */
  let hour: number;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack({ limits: queryLimitsFromEnv({}) }));
    // Hour buckets are asserted exactly: keep clear of an hour's turn.
    if (Date.now() % HOUR_MS > HOUR_MS - 120_000) await sleep(HOUR_MS - (Date.now() % HOUR_MS) + 1_000);
    hour = Date.now() - (Date.now() % HOUR_MS);

    plugin = await stack.connectPlugin();
    await stack.send(
      plugin,
      CHARACTERS.map((character) => ({
        type: 'telemetry', character_name: character.name, session_id: 'live', timestamp: Date.now(), ew: 10, ns: 20, z: 0,
        kills: character.kills, deaths: character.deaths, rares_found: character.rares, prismatic_taper_count: character.tapers,
        kills_per_hour: character.kph, mem_mb: character.mem, cpu_pct: character.cpu, latency_ms: character.latency, vt_state: 'Combat',
      })),
    );
    // Two frames of Cedar's refused: a fractional kill count, twice.
    for (const kills of [1.5, 2.5]) plugin.send({ type: 'telemetry', character_name: 'Cedar', ew: 1, ns: 2, z: 3, kills });
    await vi.waitFor(() => expect(plugin.received.filter((frame) => frame.type === 'error').length).toBeGreaterThanOrEqual(2), INGEST_WAIT);
    await stack.ingest.ingest.flush();

    // Activity as ingest wrote it in earlier sessions: Alder killed 6 three hours ago, Birch 10 and died once two hours ago.
    const history: Array<[string, number, number, number]> = [
      ['Alder', -3 * HOUR_MS + 10 * 60_000, 0, 0],
      ['Alder', -3 * HOUR_MS + 20 * 60_000, 6, 0],
      ['Birch', -2 * HOUR_MS + 5 * 60_000, 0, 0],
      ['Birch', -2 * HOUR_MS + 15 * 60_000, 10, 1],
    ];
    for (const [name, offset, kills, deaths] of history) {
      await stack.db.query('INSERT INTO activity_minutes (character_name, minute, kills, deaths) VALUES ($1, $2, $3, $4)', [name, new Date(hour + offset), kills, deaths]);
    }
    // Dormant stopped reporting 20 minutes ago.
    await stack.db.query(
      `INSERT INTO live_characters (character_name, last_seen_at, position_at, ew, ns, z, kills, deaths, rares_found, mem_mb, cpu_pct, latency_ms)
       VALUES ('Dormant', $1, $1, 0, 0, 0, 2, 0, 0, 300, 5, 60)`,
      [new Date(Date.now() - 20 * 60_000)],
    );

    // The game server was up three days ago, down from two days ago, and is up again now that it is watched.
    await stack.db.query(`INSERT INTO server_status (server, status, checked_at) VALUES ('Test Dereth', 'up', $1)`, [new Date(Date.now() - 3 * DAY_MS)]);
    await stack.db.query(`UPDATE server_status SET status = 'down', checked_at = $1 WHERE server = 'Test Dereth'`, [new Date(Date.now() - 2 * DAY_MS)]);
    statusPage = await startStatusServer('Test Dereth', () => 3);
    gameServers = watchGameServers({ pool: stack.db, servers: [{ name: 'Test Dereth', url: new URL(statusPage.url) }], intervalMs: 2_000, log: createLogger('test', 'silent') });
    await vi.waitFor(async () => expect((await stack.db.query(`SELECT status FROM server_status WHERE server = 'Test Dereth'`)).rows[0]?.status).toBe('up'), INGEST_WAIT);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await gameServers?.close();
    await statusPage?.close();
    await plugin?.close();
    await stack?.close();
  });

  async function openWindow(page: Page, id: string): Promise<void> {
    await page.click(`[data-open-window=${id}]`);
    await page.waitForSelector(`[data-window=${id}]`);
  }

  /** Script errors and console errors of the windows (not failed resource loads, which the map's own code may cause). */
  const pageErrors: string[] = [];

  async function adminPage(): Promise<Page> {
    const page = await signedInPage(browser, base, stack.admin);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
    });
    return page;
  }

  const rowNames = (page: Page, selector: string, attribute: string) =>
    page.$$eval(selector, (rows, name) => rows.map((row) => row.getAttribute(name)), attribute);

  /** 24 hour buckets, zero but at `values`' indexes (0 is the oldest, 23 holds now). */
  const buckets = (values: Record<number, number>) => Array.from({ length: 24 }, (_, index) => values[index] ?? 0).join(',');

  it('the fleet board lists every character, sorts, filters and charts the last day', async () => {
    const page = await adminPage();
    await openWindow(page, 'fleetBoard');
    const board = '[data-window=fleetBoard]';
    await expect.poll(() => rowNames(page, `${board} [data-fleet-row]`, 'data-fleet-row'), { timeout: 15_000 }).toEqual(['Alder', 'Birch', 'Cedar', 'Dormant']);
    const cell = (name: string, column: string) => page.textContent(`${board} [data-fleet-row="${name}"] [data-fleet-cell=${column}]`).then((text) => text?.trim());
    expect(await cell('Birch', 'kills')).toBe('30');
    expect(await cell('Birch', 'deaths')).toBe('2');
    expect(await cell('Cedar', 'rares')).toBe('3');
    expect(await cell('Alder', 'tapers')).toBe('40');
    expect(await cell('Alder', 'killsPerHour')).toBe('150.5');
    expect(await cell('Birch', 'lifetimeKills')).toBe('30');
    expect(await cell('Dormant', 'killsPerHour')).toBe('—');
    expect((await page.textContent(`${board} [data-fleet-total=kills]`))?.trim()).toBe('49');

    await page.click(`${board} [data-sort=kills]`);
    expect(await rowNames(page, `${board} [data-fleet-row]`, 'data-fleet-row')).toEqual(['Birch', 'Cedar', 'Alder', 'Dormant']);
    expect(await page.getAttribute(`${board} th:has([data-sort=kills])`, 'aria-sort')).toBe('descending');
    await page.click(`${board} [data-sort=kills]`);
    expect(await rowNames(page, `${board} [data-fleet-row]`, 'data-fleet-row')).toEqual(['Dormant', 'Alder', 'Cedar', 'Birch']);

    await page.check(`${board} [data-fleet-online]`);
    expect(await rowNames(page, `${board} [data-fleet-row]`, 'data-fleet-row')).toEqual(['Alder', 'Cedar', 'Birch']);
    await page.fill(`${board} [data-fleet-search]`, 'CE');
    expect(await rowNames(page, `${board} [data-fleet-row]`, 'data-fleet-row')).toEqual(['Cedar']);
    expect((await page.textContent(`${board} [data-fleet-count]`))?.trim()).toBe('1 shown');
    await page.fill(`${board} [data-fleet-search]`, '');
    await page.uncheck(`${board} [data-fleet-online]`);

    // The fleet's last day: Alder's 6 kills three hours ago, Birch's 10 and a death two hours ago; three characters
    // now, whose new sessions' first reports count in full (47 kills, 3 deaths).
    const chart = (id: string) => page.getAttribute(`${board} [data-fleet-chart=${id}]`, 'data-chart-values');
    await expect.poll(() => chart('killsPerHour'), { timeout: 15_000 }).toBe(buckets({ 20: 6, 21: 10, 23: 47 }));
    expect(await chart('deaths')).toBe(buckets({ 21: 1, 23: 3 }));
    expect(await chart('online')).toBe(buckets({ 20: 1, 21: 1, 23: 3 }));
    expect(await page.locator(`${board} [data-fleet-chart] canvas`).count()).toBe(3);
    await screenshot(page, 'fleet-board');
    // Under the cursor, the legend reads the bucket's figure.
    const plot = await page.locator(`${board} [data-fleet-chart=killsPerHour] .u-over`).boundingBox();
    if (plot) await page.mouse.move(plot.x + plot.width - 2, plot.y + plot.height / 2);
    await expect.poll(() => page.textContent(`${board} [data-fleet-chart=killsPerHour] .u-series:nth-child(2) .u-value`)).toBe('47.0');
    await screenshot(page, 'fleet-board-hover');

    await page.click(`${board} [data-fleet-row=Birch]`);
    await expect.poll(() => page.getAttribute(`${board} [data-fleet-charts]`, 'data-fleet-charts')).toBe('Birch');
    await expect.poll(() => chart('killsPerHour'), { timeout: 15_000 }).toBe(buckets({ 21: 10, 23: 30 }));
    expect(await chart('deaths')).toBe(buckets({ 21: 1, 23: 2 }));
    expect(await page.locator(`${board} [data-fleet-chart=online]`).count()).toBe(0);

    await page.click(`${board} [data-fleet-span="6"]`);
    // Six hours in 15-minute buckets: 24 points, as many as the day's hours, so the poll waits for the rates
    // themselves: two hours ago 10 kills (40 an hour) and a death, now 30 (120) and 2.
    const nonZero = (values: string | null) => values?.split(',').filter((value) => value !== '0');
    await expect.poll(async () => nonZero(await chart('killsPerHour')), { timeout: 15_000 }).toEqual(['40', '120']);
    expect((await chart('killsPerHour'))?.split(',').length).toBe(24);
    expect(nonZero(await chart('deaths'))).toEqual(['1', '2']);
    await screenshot(page, 'fleet-board-character');
    await page.close();
  });

  it('plugin health shows each plugin as last reported, the refusals, and the worst first', async () => {
    const page = await adminPage();
    await openWindow(page, 'pluginHealth');
    const health = '[data-window=pluginHealth]';
    await expect.poll(() => rowNames(page, `${health} [data-health]`, 'data-health'), { timeout: 15_000 }).toEqual(['Dormant', 'Cedar', 'Birch', 'Alder']);
    expect(await rowNames(page, `${health} [data-health]`, 'data-health-tier')).toEqual(['stopped', 'refusing', 'reporting', 'reporting']);
    const cell = (name: string, hook: string) => page.textContent(`${health} [data-health="${name}"] [${hook}]`).then((text) => text?.replace(/\s+/g, ' ').trim());
    expect(await cell('Birch', 'data-health-mem')).toBe('520 MB');
    expect(await cell('Birch', 'data-health-cpu')).toBe('30.0 %');
    expect(await cell('Birch', 'data-health-latency')).toBe('300 ms');
    expect(await cell('Birch', 'data-health-refused')).toBe('0');
    expect(await cell('Cedar', 'data-health-refused')).toBe('2 INVALID_FRAME 2');
    const refusal = plugin.received.filter((frame) => frame.type === 'error').at(-1);
    expect(await cell('Cedar', 'data-health-last-refusal')).toBe(`${await page.textContent(`${health} [data-health=Cedar] [data-health-last-refusal] .muted`)} INVALID_FRAME: ${String(refusal?.message)}`);
    expect(await cell('Dormant', 'data-health-state')).toBe('silent 20 min');
    await screenshot(page, 'plugin-health');
    await page.close();
  });

  it('server status says since when the server is up, and its last days', async () => {
    const page = await adminPage();
    await openWindow(page, 'serverStatus');
    const servers = '[data-window=serverStatus]';
    await page.waitForSelector(`${servers} [data-server="Test Dereth"][data-server-status=UP]`, { timeout: 15_000 });
    expect((await page.textContent(`${servers} [data-server="Test Dereth"] [data-server-since]`))?.trim()).toMatch(/^\d+ s$/);
    expect(await rowNames(page, `${servers} [data-server-strip="Test Dereth"] [data-span]`, 'data-span')).toEqual(['UNKNOWN', 'UP', 'DOWN', 'UP']);
    expect((await page.textContent(`${servers} [data-server-uptime]`))?.trim()).toBe('33.3 % up');
    await page.click(`${servers} [data-server="Test Dereth"]`);
    expect(await rowNames(page, `${servers} [data-server-changes] [data-server-change]`, 'data-server-change')).toEqual(['UP', 'DOWN', 'UP']);
    await screenshot(page, 'server-status');
    await page.close();
  });

  it('logs no script error in any of these windows', () => {
    expect(pageErrors).toEqual([]);
  });

  it('fits the fleet board and plugin health on a 1024 px screen', async () => {
    const page = await signedInPage(browser, base, stack.admin, { width: 1024, height: 768 });
    await openWindow(page, 'fleetBoard');
    await openWindow(page, 'pluginHealth');
    for (const id of ['fleetBoard', 'pluginHealth']) {
      const box = await page.locator(`[data-window=${id}]`).boundingBox();
      expect(box && box.x >= 0 && box.y >= 0 && box.x + box.width <= 1024 && box.y + box.height <= 768, id).toBe(true);
    }
    await screenshot(page, 'fleet-board-1024');
    await page.close();
  });
});
