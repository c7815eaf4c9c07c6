/**
 * What a new user met in their first minutes, in headless Chromium against
 * the real stack (ingest, the subgraphs, the gateway serving the built
 * dashboard): a console without errors, item search that ignores case, sorts
 * and suggests, chat lines shown once per channel, windows that open apart and
 * fit a small screen, and names a player reads. The data is sent as plugin
 * frames by the test, so every count is known exactly. Screenshots at
 * 1024×768 and 1440×900 are kept in test-artifacts/web/.
 */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLimitsFromEnv } from '../../gateway/src/index.js';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack } from './browser.js';

const SMALL = { width: 1024, height: 768 };
const LARGE = { width: 1440, height: 900 };

/** Items of the test's own characters: 'Copper' as the plugin reports it, a weapon and a ring worn. */
function gear(id: number, name: string, extra: object): object {
  return { id, name, container_id: 0, equipped_slot: null, ...extra };
}
const COPPER_ITEMS = [
  gear(7001, 'Copper Helm', { object_class: 'Armor', material: 'Copper', armor_level: 310, set_name: 'Tinker Set', spells: ['Legendary Impenetrability'], workmanship: 6 }),
  gear(7002, 'Copper Greaves', { object_class: 'Armor', material: 'Copper', armor_level: 520, set_name: 'Tinker Set', spells: ['Legendary Impenetrability'], workmanship: 8 }),
  gear(7003, 'Copper Bowl', { object_class: 'Misc', material: 'Copper', workmanship: 3 }),
];
const WORN_ITEMS = [
  gear(7101, 'Tusker Paw Axe', { object_class: 'MeleeWeapon', equipped_slot: 'MeleeWeapon', material: 'Copper', max_damage: 41.5, workmanship: 9 }),
  gear(7102, 'Ring of Thunder', { object_class: 'Jewelry', equipped_slot: 'FingerWearRight', material: 'Silver' }),
  gear(7103, 'Crystal Wand', { object_class: 'WandStaffOrb', equipped_slot: 'Held' }),
];

describe.skipIf(!hasChromium)('the defects a new user hit, fixed', () => {
  let stack: TestStack;
  let plugin: TestPlugin;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack({ positionsTickMs: 250, limits: queryLimitsFromEnv({}) }));
    plugin = await stack.connectPlugin();
    const now = Date.now();
    await stack.send(plugin, [
      { type: 'telemetry', character_name: 'Copper Mule', timestamp: now, ew: 30.1, ns: 12.4, z: 0, vt_state: 'Idle' },
      { type: 'telemetry', character_name: 'Axe Wielder', timestamp: now, ew: 31.5, ns: 13.0, z: 0, vt_state: 'Combat' },
      { type: 'full_inventory', character_name: 'Copper Mule', timestamp: now, items: COPPER_ITEMS },
      { type: 'full_inventory', character_name: 'Axe Wielder', timestamp: now, items: WORN_ITEMS },
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  function adminPage(viewport = LARGE): Promise<Page> {
    return signedInPage(browser, base, stack.admin, viewport);
  }

  async function openWindow(page: Page, id: string): Promise<void> {
    await page.click(`[data-open-window=${id}]`);
    await page.waitForSelector(`[data-window=${id}]`);
  }

  it('logs nothing in the console on a fresh load, signed out and then signed in', async () => {
    const context = await browser.newContext({ viewport: LARGE });
    const page = await context.newPage();
    const logged: string[] = [];
    const asked: string[] = [];
    const record = (message: ConsoleMessage) => {
      if (message.type() === 'error' || message.type() === 'warning') logged.push(`${message.type()}: ${message.text()}`);
    };
    page.on('console', record);
    page.on('pageerror', (error) => logged.push(`pageerror: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400) logged.push(`${response.status()} ${response.url()}`);
    });
    page.on('request', (request) => asked.push(new URL(request.url()).pathname));

    await page.goto(base);
    await page.waitForSelector('input[name=username]');
    await page.waitForLoadState('networkidle');
    expect(logged).toEqual([]);

    await page.fill('input[name=username]', stack.admin.name);
    await page.fill('input[name=password]', stack.admin.password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-map][data-live-count="2"]', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    // Reloaded, the session is restored: still nothing.
    await page.reload();
    await page.waitForSelector('[data-map][data-live-count="2"]', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(logged).toEqual([]);
    expect(asked.filter((path) => path === '/map/image')).toEqual([]);
    await context.close();
  });

  it('searches items regardless of case, suggests what the fleet has, sorts on the server, and clears a refused search', async () => {
    const page = await adminPage();
    await openWindow(page, 'itemSearch');
    const form = page.locator('[data-item-search]');
    const total = page.locator('[data-window=itemSearch] [data-total-count]');
    const rows = page.locator('[data-window=itemSearch] [data-item-results] [data-item]');
    const ids = () => rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-item')));

    for (const typed of ['copper', 'COPPER', 'Copper']) {
      await form.locator('input[name=material]').fill(typed);
      await form.locator('button[type=submit]').click();
      await expect.poll(() => total.textContent(), { timeout: 10_000 }).toBe('4');
    }
    await form.locator('input[name=setName]').fill('tinker set');
    await form.locator('input[name=spells]').fill('legendary impenetrability');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => total.textContent()).toBe('2');
    expect(await ids()).toEqual(['7001', '7002']);

    // The suggestions are what the fleet holds, classes named as players say them.
    const options = (field: string) =>
      page.locator(`[data-suggestions=${field}] option`).evaluateAll((elements) => elements.map((element) => [element.getAttribute('value'), element.getAttribute('label')]));
    expect(await options('objectClass')).toEqual([['Armor', 'Armor'], ['Jewelry', 'Jewelry'], ['MeleeWeapon', 'Melee weapon'], ['Misc', 'Miscellaneous'], ['WandStaffOrb', 'Caster']]);
    expect((await options('material')).map(([value]) => value)).toEqual(['Copper', 'Silver']);
    expect((await options('spells')).map(([value]) => value)).toEqual(['Legendary Impenetrability']);

    // "Add a spell" completes a part of a name the fleet's spells have, and says why when none has it.
    const spells = form.locator('input[name=spells]');
    await spells.fill('');
    await form.locator('[data-spell-pick]').fill('Major');
    await form.locator('[data-spell-pick]').press('Enter');
    await expect.poll(() => form.locator('[data-spell-note]').textContent()).toBe('No item in the fleet has a spell named like “Major”: nothing added.');
    expect(await spells.inputValue()).toBe('');
    await screenshot(page, 'defects-spell-pick');
    await page.screenshot({ path: '/tmp/defects-spell-pick.png' });
    await form.locator('[data-spell-pick]').fill('impenetra');
    await form.locator('[data-spell-pick]').press('Enter');
    await expect.poll(() => spells.inputValue()).toBe('Legendary Impenetrability');
    expect(await form.locator('[data-spell-note]').count()).toBe(0);
    expect(await total.textContent()).toBe('2');

    // Sorted by the server: armor level, largest first, then smallest first; the items without it last either way, by owner.
    await form.locator('input[name=setName]').fill('');
    await form.locator('input[name=spells]').fill('');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => total.textContent()).toBe('4');
    await page.click('[data-window=itemSearch] [data-sort=ARMOR_LEVEL]');
    await expect.poll(ids).toEqual(['7002', '7001', '7101', '7003']);
    await page.click('[data-window=itemSearch] [data-sort=ARMOR_LEVEL]');
    await expect.poll(ids).toEqual(['7001', '7002', '7101', '7003']);
    await page.click('[data-window=itemSearch] [data-sort=MAX_DAMAGE]');
    await expect.poll(ids).toEqual(['7101', '7001', '7002', '7003']);
    expect(await page.locator('[data-window=itemSearch] [data-item="7101"] [data-item-class]').textContent()).toBe('Melee weapon');
    expect(await page.locator('[data-window=itemSearch] [data-item="7101"] [data-item-equipped]').count()).toBe(1);
    expect(await page.locator('[data-window=itemSearch] [data-item-legend]').textContent()).toContain('equipped');
    await screenshot(page, 'defects-item-search');

    // Refused by the form (an armor level past the graph's Int), then by the graph (text no item can hold): the old results go, the reason shows.
    await form.locator('input[name=armorLevelMin]').fill('99999999999');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('[data-window=itemSearch] [data-item-search] [role=alert]').textContent()).toBe('Armor level (lowest) must be from -2,147,483,648 to 2,147,483,647.');
    expect(await rows.count()).toBe(0);
    expect(await total.count()).toBe(0);
    await form.locator('input[name=armorLevelMin]').fill('');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => total.textContent()).toBe('4');
    await form.locator('input[name=text]').fill('copper\u0000');
    await form.locator('button[type=submit]').click();
    await page.waitForSelector('[data-window=itemSearch] .item-search > [role=alert]');
    expect(await page.locator('[data-window=itemSearch] .item-search > [role=alert]').textContent()).toMatch(/holds U\+0000 or a lone surrogate, which no stored text contains: remove it\.$/);
    expect(await rows.count()).toBe(0);
    expect(await total.count()).toBe(0);
    await page.close();
  });

  it('shows each stored line of a channel exactly once when the channel filter is chosen', async () => {
    const start = Date.now() - 600_000;
    // 20 Trade lines, then 330 on General: more than the log looked back over before.
    const trade = Array.from({ length: 20 }, (_, index) => ({
      type: 'chat', character_name: 'Copper Mule', timestamp: start + index * 1_000, channel: 'Trade', text: `WTS copper bowl #${index}`, color: 27, sender: 'Trader Jo',
    }));
    const general = Array.from({ length: 330 }, (_, index) => ({
      type: 'chat', character_name: 'Axe Wielder', timestamp: start + 60_000 + index * 1_000, channel: 'General', text: `line ${index}`, color: 2, sender: 'Chatter',
    }));
    // Ingest takes bursts of 100 frames a connection: a connection for each 90.
    const frames = [...trade, ...general];
    for (let first = 0; first < frames.length; first += 90) await stack.send(await stack.connectPlugin(), frames.slice(first, first + 90));
    const { rows: [stored] } = await stack.db.query<{ count: number }>("SELECT count(*)::integer AS count FROM chat_messages WHERE channel = 'Trade'");
    expect(stored?.count).toBe(20);

    const page = await adminPage(SMALL);
    await openWindow(page, 'chat');
    const lines = page.locator('[data-window=chat] [data-chat-line]');
    await expect.poll(() => lines.count(), { timeout: 15_000 }).toBe(350);
    await page.selectOption('[data-window=chat] [data-chat-channel-filter]', 'Trade');
    await expect.poll(() => lines.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-chat-channel')))).toEqual(Array(20).fill('Trade'));
    // Asked again for the channel's history; after it answered, still one line per stored line.
    await page.waitForLoadState('networkidle');
    const texts = await page.locator('[data-window=chat] [data-chat-line]').allTextContents();
    expect(texts).toHaveLength(20);
    expect(texts.map((text) => /WTS copper bowl #(\d+)/.exec(text)?.[1])).toEqual(Array.from({ length: 20 }, (_, index) => String(index)));
    expect(await page.locator('[data-window=chat] [data-chat-heard-by]').first().textContent()).toBe('heard by Copper Mule');
    await screenshot(page, 'defects-chat-1024');

    // And a live line joins once.
    await stack.send(plugin, [{ type: 'chat', character_name: 'Copper Mule', timestamp: Date.now(), channel: 'Trade', text: 'WTB mana stones', color: 27, sender: 'Trader Jo' }]);
    await expect.poll(() => lines.count()).toBe(21);
    await page.close();
  });

  it('names classes and slots as players do, in the inventory and its item card', async () => {
    const page = await adminPage(SMALL);
    await page.goto(`${base}?character=${encodeURIComponent('Axe Wielder')}`);
    await page.waitForSelector('[data-open-window]');
    await openWindow(page, 'inventory');
    const kind = (id: number) => page.locator(`[data-window=inventory] [data-item="${id}"] [data-item-kind]`);
    await expect.poll(() => kind(7101).textContent(), { timeout: 15_000 }).toMatch(/^\s*Melee weapon\s*$/);
    expect((await kind(7102).textContent())?.trim()).toBe('Right ring');
    expect((await kind(7103).textContent())?.trim()).toBe('Caster');
    await page.hover('[data-window=inventory] [data-item="7101"]');
    const card = page.locator('[data-item-detail="7101"]');
    await card.waitFor();
    const properties = await card.locator('dt, dd').allTextContents();
    expect(properties.slice(0, 4)).toEqual(['Class', 'Melee weapon', 'Equipped', 'yes']);
    await screenshot(page, 'defects-inventory-1024');
    await page.hover('[data-window=inventory] [data-item="7102"]');
    expect((await page.locator('[data-item-detail="7102"] dt, [data-item-detail="7102"] dd').allTextContents()).slice(0, 4)).toEqual(['Class', 'Jewelry', 'Equipped', 'Right ring']);
    await page.close();
  });

  for (const viewport of [SMALL, LARGE]) {
    it(`opens windows apart, whole and off the layer panel at ${viewport.width}×${viewport.height}; Escape closes the focused one`, { timeout: 90_000 }, async () => {
      const page = await adminPage(viewport);
      await page.waitForSelector('[data-map-layers]');
      const ids = ['players', 'character', 'inventory', 'itemSearch', 'combat', 'chat', 'rares', 'vitals'];
      for (const id of ids) await openWindow(page, id);
      const boxes = await page.evaluate(
        (windowIds) =>
          windowIds.map((id) => {
            const box = document.querySelector(`[data-window=${id}]`)?.getBoundingClientRect();
            return { id, left: box?.left ?? NaN, top: box?.top ?? NaN, right: box?.right ?? NaN, bottom: box?.bottom ?? NaN };
          }),
        ids,
      );
      const panel = (await page.locator('[data-map-layers]').boundingBox()) as { x: number; y: number; width: number; height: number };
      const toolbar = (await page.locator('[data-toolbar]').boundingBox()) as { height: number };
      for (const box of boxes) {
        expect(box.left, box.id).toBeGreaterThanOrEqual(0);
        expect(box.top, box.id).toBeGreaterThanOrEqual(toolbar.height);
        expect(box.right, box.id).toBeLessThanOrEqual(viewport.width);
        expect(box.bottom, box.id).toBeLessThanOrEqual(viewport.height);
        const overPanel = box.left < panel.x + panel.width && box.right > panel.x && box.top < panel.y + panel.height && box.bottom > panel.y;
        expect(overPanel, box.id).toBe(false);
      }
      expect(new Set(boxes.map((box) => `${box.left},${box.top}`)).size).toBe(ids.length);
      // Opaque: the map's labels do not show through.
      expect(await page.locator('[data-window=players]').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(22, 27, 34)');

      // Sign out stays on screen and clickable whatever the width.
      const signOut = (await page.locator('[data-sign-out]').boundingBox()) as { x: number; y: number; width: number; height: number };
      expect(signOut.x + signOut.width).toBeLessThanOrEqual(viewport.width);
      expect(signOut.y + signOut.height).toBeLessThanOrEqual(toolbar.height);
      await page.locator('[data-sign-out]').click({ trial: true });
      await screenshot(page, `defects-windows-${viewport.width}`);
      await page.screenshot({ path: `/tmp/defects-windows-${viewport.width}.png` });

      // Escape closes the window holding the focus, and that one only.
      await page.click('[data-window=itemSearch] header h2');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-window=itemSearch]', { state: 'detached' });
      await page.click('[data-window=chat] header h2');
      await page.click('[data-window=chat] [data-chat-channel-filter]');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.waitForSelector('[data-window=chat]', { state: 'detached' });
      expect(await page.locator('[data-window]').count()).toBe(ids.length - 2);
      await page.close();
    });
  }
});
