/**
 * Rates, goals and the value tracker in headless Chromium against the real
 * stack: two characters report through a real plugin connection (sheets,
 * an inventory and its changes, kills and tapers used), an earlier sheet is
 * in the database as ingest writes it, and a person sets a goal in the
 * Character window and reads the fleet's rates on the Fleet board.
 * Screenshots are kept in test-artifacts/web/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLimitsFromEnv } from '../../gateway/src/index.js';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack } from './browser.js';

const MINUTE = 60_000;

const frame = (character: string, type: string, fields: object) => ({ type, character_name: character, timestamp: Date.now(), session_id: `${character}-session`, ...fields });
const telemetry = (character: string, kills: number, tapers: number) =>
  frame(character, 'telemetry', { ew: 10, ns: 20, z: 0, kills, deaths: 0, rares_found: 0, prismatic_taper_count: tapers, vt_state: 'Combat' });
const sheet = (character: string, level: number, totalXp: number) =>
  frame(character, 'character_stats', { level, total_xp: totalXp, luminance: 0, unassigned_xp: 0, skill_credits: 0, deaths: 0, race: 'Aluvian', gender: 'Female' });
const item = (id: number, name: string, value: number, container = 0) => ({ id, name, object_class: 'Misc', container_id: container, value });

describe.skipIf(!hasChromium)('rates, goals and the value tracker in a browser', () => {
  let stack: TestStack;
  let plugin: TestPlugin;
  let browser: Browser;
  let base: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack({ limits: queryLimitsFromEnv({}) }));
    plugin = await stack.connectPlugin();
    await stack.send(plugin, [telemetry('Ayla', 0, 300), telemetry('Brom', 0, 80), sheet('Ayla', 120, 50_000_000), sheet('Brom', 90, 9_000_000)]);
    await stack.send(plugin, [frame('Ayla', 'full_inventory', { items: [item(1, 'Backpack', 0), item(2, 'Sword', 8_000, 1), item(3, 'Pearl', 1_500, 1)] })]);
    await stack.send(plugin, [
      frame('Ayla', 'inventory_delta', { action: 'add', item: item(4, 'Ancient Armguard', 40_000, 1) }),
      frame('Ayla', 'inventory_delta', { action: 'update', item: item(2, 'Sword', 8_000, 0) }),
      frame('Ayla', 'inventory_delta', { action: 'remove', item: { id: 3 } }),
    ]);
    await stack.send(plugin, [telemetry('Ayla', 42, 290), telemetry('Brom', 18, 80)]);
    // Each character's sheet half an hour ago, as ingest wrote it: Ayla earned 6,000,000 experience since, Brom 1,000,000.
    await stack.db.query(
      `INSERT INTO xp_samples (character_name, received_at, total_xp, luminance, level)
       SELECT character_name, received_at - interval '30 minutes', total_xp - CASE character_name WHEN 'Ayla' THEN 6000000 ELSE 1000000 END, 0, level
         FROM xp_samples`,
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await plugin?.close();
    await stack?.close();
  });

  async function adminPage(): Promise<Page> {
    const page = await signedInPage(browser, base, stack.admin);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
    });
    return page;
  }

  async function openWindow(page: Page, id: string): Promise<void> {
    await page.click(`[data-open-window=${id}]`);
    await page.waitForSelector(`[data-window=${id}]`);
  }

  const text = (page: Page, selector: string) => page.innerText(selector).then((value) => value.replace(/\s+/g, ' ').trim());

  it('the Character window shows rates over the window picked, the value tracker, and a goal with its estimate', async () => {
    const page = await adminPage();
    await openWindow(page, 'character');
    const window = '[data-window=character]';
    await page.selectOption(`${window} [data-character-picker]`, 'Ayla');
    await page.waitForSelector(`${window} [data-character="Ayla"]`);
    await page.click(`${window} [data-tab=earnings]`);
    await page.click(`${window} [data-rate-window=HOUR]`);
    const rate = (label: string) => text(page, `${window} [data-rate="${label}"]`);
    await expect.poll(() => rate('Experience'), { timeout: 15_000 }).toBe('Experience 6,000,000 12,000,000');
    expect(await rate('Kills')).toBe('Kills 42 42');
    expect(await rate('Tapers used')).toBe('Tapers used 10 10.0');
    expect(await text(page, `${window} [data-value=gained]`)).toBe('Picked up 40,000');
    expect(await text(page, `${window} [data-value=lost]`)).toBe('Lost, sold or used 1,500');
    expect(await text(page, `${window} [data-value=net]`)).toBe('Net 38,500 (38,500/h)');
    expect(await text(page, `${window} [data-value=carried]`)).toBe('Carried now 48,000');

    // A goal the form refuses before asking, then one the graph refuses with a sentence, then one it takes.
    await page.selectOption(`${window} [data-goal-kind]`, 'LEVEL');
    await page.fill(`${window} [data-goal-target]`, '300');
    await page.click(`${window} [data-goal-set]`);
    expect(await text(page, `${window} [data-goal-form] [role=alert]`)).toBe("Asheron's Call stops at level 275.");
    await page.fill(`${window} [data-goal-target]`, '110');
    await page.click(`${window} [data-goal-set]`);
    await expect.poll(() => text(page, `${window} [data-goal-form] [role=alert]`)).toBe('Ayla is level 120 already: set a level above it, up to 275.');
    await page.selectOption(`${window} [data-goal-kind]`, 'EXPERIENCE');
    await page.fill(`${window} [data-goal-target]`, '3000000');
    await page.click(`${window} [data-goal-set]`);
    const goal = `${window} [data-goal="3,000,000 experience"]`;
    await page.waitForSelector(goal, { timeout: 15_000 });
    expect(await text(page, `${goal} [data-goal-progress]`)).toBe('0 / 3,000,000 · 0 %');
    // 3,000,000 at 12,000,000 an hour: a quarter of an hour from now.
    const eta = Date.parse((await page.getAttribute(`${goal} [data-goal-eta]`, 'data-goal-eta')) ?? '');
    expect(Math.abs(eta - (Date.now() + 15 * MINUTE))).toBeLessThan(MINUTE);
    expect(await text(page, `${goal} [data-goal-eta]`)).not.toBe('not at this rate');
    await page.selectOption(`${window} [data-goal-kind]`, 'KILLS');
    await page.fill(`${window} [data-goal-target]`, '500');
    await page.fill(`${window} [data-goal-monster]`, 'Olthoi Soldier');
    await page.click(`${window} [data-goal-set]`);
    await page.waitForSelector(`${window} [data-goal="500 kills of Olthoi Soldier"]`, { timeout: 15_000 });
    expect(await text(page, `${window} [data-goal="500 kills of Olthoi Soldier"] [data-goal-eta]`)).toBe('not at this rate');
    await page.locator(`${window} [data-goal-form]`).scrollIntoViewIfNeeded();
    await screenshot(page, 'character-rates-goals');

    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the Fleet board shows each character’s rates, carried value and goal, with the fleet’s totals', async () => {
    const page = await adminPage();
    await openWindow(page, 'fleetBoard');
    const board = '[data-window=fleetBoard]';
    await page.click(`${board} [data-rate-window=SIX_HOURS]`);
    const cell = (name: string, column: string) => text(page, `${board} [data-fleet-row="${name}"] [data-fleet-cell=${column}]`);
    await expect.poll(() => cell('Brom', 'xpPerHour'), { timeout: 15_000 }).toBe('2,000,000');
    expect(await text(page, `${board} [data-fleet-rates-group]`)).toBe('Rates · 6 h');
    expect(await cell('Brom', 'rateKills')).toBe('3');
    expect(await cell('Ayla', 'carriedValue')).toBe('48,000');
    expect(await cell('Ayla', 'valuePerHour')).toBe('6,417');
    expect(await cell('Ayla', 'rateTapers')).toBe('1.7');
    expect(await cell('Ayla', 'goal')).toMatch(/^3,000,000 experience · 0 % · /);
    expect(await cell('Brom', 'goal')).toBe('');
    expect(await text(page, `${board} [data-fleet-total=xpPerHour]`)).toBe('14,000,000');
    expect(await text(page, `${board} [data-fleet-total=rateKills]`)).toBe('10');
    expect(await text(page, `${board} [data-fleet-total=carriedValue]`)).toBe('48,000');
    await screenshot(page, 'fleet-board-rates');

    // The loot threshold an operator sets: an item picked up worth at least this is a LOOT alert.
    await page.fill(`${board} [data-loot-value]`, '-5');
    await page.click(`${board} [data-loot-save]`);
    expect(await text(page, `${board} [data-loot-threshold] [role=alert]`)).toBe('Enter a whole number of pyreals above zero, or leave it empty for no loot alerts.');
    await page.fill(`${board} [data-loot-value]`, '20000');
    await page.click(`${board} [data-loot-save]`);
    await page.waitForSelector(`${board} [data-loot-threshold] [role=status]`);
    await stack.send(plugin, [
      frame('Brom', 'inventory_delta', { action: 'add', item: item(50, 'Gelidite Boots', 25_000) }),
      frame('Brom', 'inventory_delta', { action: 'add', item: item(51, 'Peas', 5) }),
    ]);
    const loot = await stack.db.query(`SELECT character_name, detail ->> 'name' AS name FROM alerts WHERE type = 'LOOT'`);
    expect(loot.rows).toEqual([{ character_name: 'Brom', name: 'Gelidite Boots' }]);
    await screenshot(page, 'fleet-board-loot');

    // Reset: a new measuring window from now, in which no character sheet came yet.
    await page.click(`${board} [data-rate-reset]`);
    await expect.poll(() => text(page, `${board} [data-fleet-total=xpPerHour]`), { timeout: 15_000 }).toBe('0');
    expect(await cell('Ayla', 'xpPerHour')).toBe('—');
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('the Character window says why a fresh session has no experience rate yet, and when it will', async () => {
    // Cora logs in: one sheet, the next in 10 minutes.
    await stack.send(plugin, [telemetry('Cora', 0, 50), sheet('Cora', 60, 2_000_000)]);
    const page = await adminPage();
    await openWindow(page, 'character');
    const window = '[data-window=character]';
    await page.selectOption(`${window} [data-character-picker]`, 'Cora');
    await page.waitForSelector(`${window} [data-character="Cora"]`);
    await page.click(`${window} [data-tab=earnings]`);
    await page.click(`${window} [data-rate-window=SESSION]`);
    await expect.poll(() => text(page, `${window} [data-rate="Experience"]`), { timeout: 15_000 }).toBe('Experience 0 in 10 min');
    expect(await text(page, `${window} [data-rate="Luminance"]`)).toBe('Luminance 0 in 10 min');
    expect(await text(page, `${window} [data-xp-note]`)).toMatch(
      /^Experience and luminance come only in character sheets, which the plugin sends at login and every 10 minutes; a rate needs two; one has come\. Their rates show from about \d\d:\d\d:\d\d \(in 10 min\)\.$/,
    );
    await page.locator(`${window} [data-xp-note]`).scrollIntoViewIfNeeded();
    await screenshot(page, 'character-xp-rate-pending');
    await page.screenshot({ path: '/tmp/xp-pending.png' });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
