/**
 * The dashboard on a phone (390 × 844), in headless Chromium against the
 * real stack: the toolbar is one row with a menu of windows, a window chosen
 * takes the screen under it, the Players table keeps its last column in
 * reach and the Suitbuilder puts its results under the constraints at the
 * window's width. Screenshots in test-artifacts/web/.
 */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack } from './browser.js';

const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)('the dashboard on a phone', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack({ positionsTickMs: 250 }));
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [
      { type: 'telemetry', character_name: 'Pocket Walker', timestamp: Date.now(), ew: 30.1, ns: 12.4, z: 0, vt_state: 'Navigating' },
      { type: 'telemetry', character_name: 'Pocket Fighter With A Long Name', timestamp: Date.now(), ew: 31.5, ns: 13.0, z: 0, vt_state: 'Combat' },
    ]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const box = async (page: Page, selector: string) => {
    const found = await page.locator(selector).boundingBox();
    if (!found) throw new Error(`${selector} is not on screen`);
    return found;
  };

  it('puts the windows behind one menu button, and a window chosen takes the screen', { timeout: 60_000 }, async () => {
    const page = await signedInPage(browser, base, stack.admin, PHONE);
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text()));
    const toolbar = await box(page, '[data-toolbar]');
    expect(toolbar.height).toBeLessThanOrEqual(48);
    expect(await page.isVisible('[data-open-window=players]')).toBe(false);
    expect(await page.getAttribute('[data-toolbar-menu]', 'aria-expanded')).toBe('false');
    await screenshot(page, 'phone-map');
    await page.screenshot({ path: '/tmp/phone-map.png' });

    await page.click('[data-toolbar-menu]');
    expect(await page.getAttribute('[data-toolbar-menu]', 'aria-expanded')).toBe('true');
    expect(await page.isVisible('[data-open-window=players]')).toBe(true);
    expect(await page.isVisible('[data-sign-out]')).toBe(true);
    await page.screenshot({ path: '/tmp/phone-menu.png' });
    await page.click('[data-open-window=players]');
    expect(await page.isVisible('[data-open-window=players]')).toBe(false);
    await page.waitForSelector('[data-window=players] [data-player="Pocket Walker"]');
    const players = await box(page, '[data-window=players]');
    expect(players).toEqual({ x: 0, y: toolbar.height, width: PHONE.width, height: PHONE.height - toolbar.height });
    // The last column is in reach: on screen, or a scroll away inside the window.
    const lastSeen = page.locator('[data-window=players] [data-player="Pocket Walker"] [data-player-last-seen]');
    await lastSeen.scrollIntoViewIfNeeded();
    await screenshot(page, 'phone-players');
    await page.screenshot({ path: '/tmp/phone-players.png' });
    const cell = await lastSeen.boundingBox();
    expect(cell && cell.x >= 0 && cell.x + cell.width <= PHONE.width + 0.5 ? "in reach" : JSON.stringify(cell)).toBe("in reach");

    // The menu opens over the window that takes the screen.
    await page.click('[data-toolbar-menu]');
    await page.click('[data-open-window=suitbuilder]');
    await page.waitForSelector('[data-window=suitbuilder]');
    expect(await box(page, '[data-window=suitbuilder]')).toEqual({ x: 0, y: toolbar.height, width: PHONE.width, height: PHONE.height - toolbar.height });
    const results = await box(page, '[data-window=suitbuilder] .results');
    expect(results.width).toBeGreaterThan(300);
    await screenshot(page, 'phone-suitbuilder');
    await page.screenshot({ path: '/tmp/phone-suitbuilder.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
