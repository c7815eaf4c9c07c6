/**
 * Every control a screen reader meets has a name to say, and nothing logs an
 * error: headless Chromium against the real stack opens every window an
 * admin is offered and asks the accessibility tree for each button, field
 * and menu in it.
 */
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLimitsFromEnv } from '../../gateway/src/index.js';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, signedInPage, startDashboardStack } from './browser.js';

describe.skipIf(!hasChromium)('controls a screen reader can name', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack({ positionsTickMs: 250, limits: queryLimitsFromEnv({}) }));
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'telemetry', character_name: 'Label Walker', timestamp: Date.now(), ew: 33.9, ns: 42.3, z: 0, vt_state: 'Combat' }]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('names every control of every window, and logs no error', { timeout: 120_000 }, async () => {
    const page = await signedInPage(browser, base, stack.admin, { width: 1440, height: 900 });
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text()));
    const ids = await page.locator('[data-toolbar] [data-open-window]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-open-window') as string));
    const unnamed: string[] = [];
    for (const id of ids) {
      await page.click(`[data-toolbar] [data-open-window="${id}"]`);
      await page.waitForSelector(`[data-window="${id}"]`);
      await page.waitForTimeout(300);
      const snapshot = await page.locator(`[data-window="${id}"]`).ariaSnapshot();
      for (const line of snapshot.split('\n')) {
        // A control the tree has no name for reads as its bare role: "- button", "- textbox", "- combobox", "- checkbox".
        if (/^\s*- (button|textbox|combobox|checkbox|searchbox|spinbutton|slider|radio)( \[[^\]]*\])?:?\s*$/.test(line)) unnamed.push(`${id}: ${line.trim()}`);
      }
      await page.click(`[data-toolbar] [data-open-window="${id}"]`);
    }
    expect(unnamed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
