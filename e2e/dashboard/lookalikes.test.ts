/**
 * Names that look alike in the dashboard, in headless Chromium against the
 * real stack (plugin frames into ingest, the telemetry subgraph, the gateway
 * serving the built dashboard): a character named with Cyrillic letters
 * beside a real "Bob" carries a warning mark in the Players window and the
 * Character window and on its alerts, whose tooltip names the other; a name without
 * look-alikes has none. Screenshots in test-artifacts/web/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startLiveDashboard, type LiveDashboard, type PageGlobals } from './browser.js';

const BOB = 'Bob';
/** Cyrillic В and о. */
const IMPOSTOR = '\u0412\u043eb';
const ALICE = 'Alice Brightblade';
const EVERYONE = [BOB, IMPOSTOR, ALICE];

describe.skipIf(!hasChromium)('look-alike names in the dashboard', () => {
  let live: LiveDashboard;
  let stack: TestStack;
  let browser: Browser;
  let base: string;

  const positions = () => EVERYONE.map((name, n) => ({ type: 'telemetry', character_name: name, timestamp: Date.now(), ew: 10 + n * 5, ns: 20, z: 0, vt_state: 'Combat' }));

  beforeAll(async () => {
    live = await startLiveDashboard(positions, 5_000);
    ({ stack, browser, base } = live);
  }, 180_000);

  afterAll(() => live?.close());

  async function openPlayers(): Promise<Page> {
    const page = await signedInPage(browser, base, stack.admin);
    await page.waitForFunction((names) => names.every((name) => (globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet()[name]), EVERYONE, { timeout: 15_000 });
    if ((await page.locator('[data-window=players]').count()) === 0) await page.click('[data-open-window=players]');
    await page.waitForSelector(`[data-window=players] [data-player="${IMPOSTOR}"]`);
    return page;
  }

  it('marks each of two names that look alike in Players, naming the other in the tooltip, and not a name without look-alikes', async () => {
    const page = await openPlayers();
    const mark = (name: string) => page.locator(`[data-window=players] [data-player="${name}"] .lookalike`);
    await expect.poll(() => mark(IMPOSTOR).count(), { timeout: 10_000 }).toBe(1);
    expect(await mark(IMPOSTOR).getAttribute('data-lookalikes')).toBe(BOB);
    expect(await mark(IMPOSTOR).getAttribute('title')).toBe(
      `Looks like "${BOB}": a different character whose name looks the same as "${IMPOSTOR}" (other letters, e.g. Cyrillic, that look alike).`,
    );
    expect(await mark(BOB).getAttribute('data-lookalikes')).toBe(IMPOSTOR);
    expect(await mark(ALICE).count()).toBe(0);
    await mark(IMPOSTOR).hover();
    await screenshot(page, 'lookalikes-players');

    // The Character window of the impostor says the same beside its name.
    await page.click(`[data-window=players] [data-player="${IMPOSTOR}"]`);
    if ((await page.locator('[data-window=character]').count()) === 0) await page.click('[data-open-window=character]');
    const header = page.locator(`[data-window=character] [data-character="${IMPOSTOR}"]`);
    await header.waitFor({ timeout: 10_000 });
    expect(await header.locator('.lookalike').getAttribute('data-lookalikes')).toBe(BOB);
    await screenshot(page, 'lookalikes-character');

    // So does an alert about it, as it arrives in the Alerts window.
    if ((await page.locator('[data-window=alerts]').count()) === 0) await page.click('[data-open-window=alerts]');
    await page.waitForSelector('[data-window=alerts] [data-alert-list]', { state: 'attached' });
    await stack.send(live.plugin, [{ type: 'rare', character_name: IMPOSTOR, timestamp: Date.now(), name: 'Pearl of Spirit Drinking', ew: 20, ns: 20, z: 0 }]);
    const alertMark = page.locator(`[data-window=alerts] [data-alert-character="${IMPOSTOR}"] .lookalike`);
    await alertMark.waitFor({ timeout: 10_000 });
    expect(await alertMark.getAttribute('data-lookalikes')).toBe(BOB);
    await screenshot(page, 'lookalikes-alerts');
    await page.close();
  }, 60_000);
});
