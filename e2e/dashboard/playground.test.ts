/**
 * The playground in headless Chromium against the real stack: it opens in
 * the dashboard's dark theme on Lifestone's two example tabs (a query of the
 * live fleet, a subscription to alerts), and the query answers. Screenshot
 * in test-artifacts/web/.
 */
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack } from './browser.js';

describe.skipIf(!hasChromium)('the playground', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack());
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'telemetry', character_name: 'Playground Walker', timestamp: Date.now(), ew: 33.9, ns: 42.3, z: 0, vt_state: 'Combat' }]);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('opens dark on a Lifestone query and subscription, and runs the query', { timeout: 60_000 }, async () => {
    const page = await signedInPage(browser, base, stack.admin, { width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(`${base}graphql`);
    await page.waitForSelector('.graphiql-tab', { timeout: 30_000 });
    expect(await page.title()).toBe('Lifestone playground');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { body: { className: string } } }).document.body.className)).toContain('graphiql-dark');
    expect(await page.locator('.graphiql-tab').allTextContents()).toEqual([expect.stringContaining('LiveFleet'), expect.stringContaining('FleetAlerts')]);
    await page.click('.graphiql-execute-button');
    await expect.poll(async () => (await page.locator('.result-window').textContent())?.replace(/\s+/g, ' '), { timeout: 15_000 }).toContain('"name": "Playground Walker", "state": "Combat", "online": true');
    await screenshot(page, 'playground');
    await page.screenshot({ path: '/tmp/playground.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
