/**
 * The Alerts window and the toasts end to end in headless Chromium, against
 * the real stack (ingest detecting alerts from plugin frames, the telemetry
 * subgraph, the gateway serving the built dashboard): the window fills live,
 * filters, shows the character on the map when a row is clicked; a great
 * rare and a death raise a toast, a common rare does not; a death stored
 * while the gateway was down shows once it is back; `?character=` opens the
 * dashboard on that character. Screenshots in test-artifacts/web/.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startLiveDashboard, type LiveDashboard, type PageGlobals } from './browser.js';

const VIEWPORT = { width: 1440, height: 900 };
/** Where the two characters stand, as the map's pointer readout writes it. */
const FINDER = { name: 'Lucky Finder', ns: -40.1, ew: 12.3, readout: '40.1S, 12.3E' };
const VICTIM = { name: 'Unlucky Victim', ns: 30.5, ew: -20.2, readout: '30.5N, 20.2W' };

describe.skipIf(!hasChromium)('alerts in the dashboard', () => {
  let live: LiveDashboard;
  let stack: TestStack;
  let plugin: TestPlugin;
  let browser: Browser;
  let base: string;

  /** Both characters' positions, sent again and again to keep them live on the map. */
  const positions = () => [FINDER, VICTIM].map(({ name, ns, ew }) => ({ type: 'telemetry', character_name: name, timestamp: Date.now(), ew, ns, z: 0, vt_state: 'Combat' }));

  beforeAll(async () => {
    live = await startLiveDashboard(positions, 5_000, { positionsTickMs: 250 });
    ({ stack, browser, base, plugin } = live);
  }, 120_000);

  afterAll(() => live?.close());

  async function dashboard(): Promise<Page> {
    const page = await signedInPage(browser, base, stack.admin, VIEWPORT);
    await page.waitForFunction((names) => names.every((name) => (globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet()[name]), [FINDER.name, VICTIM.name], {
      timeout: 15_000,
    });
    return page;
  }

  const rare = (who: typeof FINDER, name: string) => ({ type: 'rare', character_name: who.name, timestamp: Date.now(), name, ew: who.ew, ns: who.ns, z: 0 });
  /** Vitae from none to some: the character died. */
  const death = (who: typeof FINDER) => [
    { type: 'vitals', character_name: who.name, timestamp: Date.now() - 1_000, health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: 0 },
    { type: 'vitals', character_name: who.name, timestamp: Date.now(), health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: 5 },
  ];
  /** The window's rows: type, character, summary and where. */
  const rows = (page: Page) =>
    page.locator('[data-window=alerts] [data-alert]').evaluateAll((elements) =>
      elements.map((element) =>
        [
          element.getAttribute('data-alert'),
          element.querySelector('[data-alert-character]')?.getAttribute('data-alert-character'),
          element.querySelector('[data-alert-summary]')?.textContent,
          element.querySelector('[data-alert-where]')?.textContent,
        ].join(' | '),
      ),
    );
  const toasts = (page: Page) => page.locator('[data-alert-toast]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-alert-toast')));

  /** What the map's pointer readout says at the centre of the map: where the map is focused. */
  async function mapCentre(page: Page): Promise<string> {
    await page.mouse.move(VIEWPORT.width / 2 - 1, VIEWPORT.height / 2 - 1);
    await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height / 2);
    // While the map is still zooming it shows no readout: the poll around this asks again.
    return (await page.textContent('[data-map-pointer]', { timeout: 1_000 }).catch(() => '')) ?? '';
  }

  it('fills live, toasts a great rare and a death but not a common rare, filters, and focuses the map on a click', async () => {
    const page = await dashboard();
    await page.click('[data-open-window=alerts]');
    await page.waitForSelector('[data-window=alerts]');
    await expect.poll(() => page.textContent('[data-window=alerts]')).toContain('No alert yet.');

    await stack.send(plugin, [rare(FINDER, "Guardian's Pendant")]);
    await expect.poll(() => rows(page), { timeout: 10_000 }).toEqual([`RARE | ${FINDER.name} | ${FINDER.name} found Guardian's Pendant (great rare) at ${FINDER.readout} | ${FINDER.readout}`]);
    await expect.poll(() => toasts(page)).toEqual(['RARE']);
    await screenshot(page, 'alerts-great-rare');
    // The toasts stay clear of the toolbar's Sign out.
    const signOut = await page.locator('[data-sign-out]').boundingBox();
    const toast = await page.locator('[data-alert-toast]').boundingBox();
    expect(signOut && toast && toast.y >= signOut.y + signOut.height).toBe(true);
    await page.click('[data-alert-toast=RARE] [data-alert-toast-dismiss]');
    await expect.poll(() => toasts(page)).toEqual([]);

    await stack.send(plugin, [rare(FINDER, 'Pearl of Spirit Drinking')]);
    await expect.poll(() => rows(page), { timeout: 10_000 }).toHaveLength(2);
    expect((await rows(page))[0]).toBe(`RARE | ${FINDER.name} | ${FINDER.name} found Pearl of Spirit Drinking (common rare) at ${FINDER.readout} | ${FINDER.readout}`);

    await stack.send(plugin, death(VICTIM));
    await expect.poll(() => rows(page), { timeout: 10_000 }).toHaveLength(3);
    expect((await rows(page))[0]).toBe(`DEATH | ${VICTIM.name} | ${VICTIM.name} died at ${VICTIM.readout} | ${VICTIM.readout}`);
    // The common rare, shown in the window before the death, raised no toast.
    await expect.poll(() => toasts(page)).toEqual(['DEATH']);
    expect(await page.textContent('[data-window=alerts] [data-alert=DEATH] [data-alert-time]')).toMatch(/^(now|\d+ s ago)$/);
    expect(await page.getAttribute('[data-window=alerts] [data-alert=DEATH] [data-alert-time]', 'title')).toMatch(/\d:\d\d:\d\d/);
    await screenshot(page, 'alerts-live');

    // A toast shows its character on the map.
    await page.click('[data-alert-toast=DEATH] [data-alert-toast-focus]');
    await expect.poll(() => mapCentre(page)).toContain(VICTIM.readout);
    expect(await page.textContent('[data-map-layers]')).toContain(VICTIM.name);
    await expect.poll(() => toasts(page)).toEqual([]);

    // Deaths only; then rares of one character.
    await page.click('[data-window=alerts] [data-alert-type-filter="DEATH"]');
    expect(await page.getAttribute('[data-window=alerts] [data-alert-type-filter="DEATH"]', 'aria-pressed')).toBe('true');
    expect(await page.getAttribute('[data-window=alerts] [data-alert-type-filter="ALL"]', 'aria-pressed')).toBe('false');
    await expect.poll(() => rows(page)).toEqual([expect.stringMatching(/^DEATH \| /)]);
    await page.screenshot({ path: '/tmp/alerts-deaths-only.png' });
    await page.click('[data-window=alerts] [data-alert-type-filter="RARE"]');
    await page.click('[data-window=alerts] [data-alert-type-filter="DEATH"]');
    await page.selectOption('[data-window=alerts] [data-character-picker]', FINDER.name);
    await expect.poll(() => rows(page)).toEqual([expect.stringContaining('Pearl of Spirit Drinking'), expect.stringContaining("Guardian's Pendant")]);
    await screenshot(page, 'alerts-filtered');

    // So does a row.
    await page.click(`[data-window=alerts] [data-alert=RARE] [data-alert-character="${FINDER.name}"] >> nth=0`);
    await expect.poll(() => mapCentre(page)).toContain(FINDER.readout);
    expect(await page.textContent('[data-map-layers]')).toContain(FINDER.name);
    await page.close();
  }, 60_000);

  it('shows a death stored while the gateway was down once it is back, once', async () => {
    const page = await dashboard();
    await page.click('[data-open-window=alerts]');
    // The feed is live: a rare sent now shows.
    await stack.send(plugin, [rare(FINDER, 'Sapphire of Waiting')]);
    await expect.poll(async () => (await rows(page))[0], { timeout: 10_000 }).toContain('Sapphire of Waiting');
    // The live rare can show before the window has read its history: count once the list is complete.
    await page.waitForSelector('[data-window=alerts] [data-alert-list][aria-busy=false]', { timeout: 10_000 });
    const before = (await rows(page)).length;

    const restarted = stack.restartGateway(3_000);
    await page.waitForSelector('[data-connection=reconnecting]', { timeout: 10_000 });
    await sleep(200);
    await stack.send(plugin, death(FINDER));
    await restarted;
    await page.waitForSelector('[data-connection=reconnecting]', { state: 'detached', timeout: 30_000 });
    await expect.poll(() => rows(page), { timeout: 15_000 }).toHaveLength(before + 1);
    expect((await rows(page))[0]).toContain(`${FINDER.name} died at ${FINDER.readout}`);
    await expect.poll(() => toasts(page)).toEqual(['DEATH']);
    await screenshot(page, 'alerts-after-outage');
    // The second read-back, a moment later, adds nothing twice.
    await sleep(2_500);
    expect(await rows(page)).toHaveLength(before + 1);
    expect(await toasts(page)).toEqual(['DEATH']);
    await page.close();
  }, 60_000);

  it('opens on the character of ?character=, selected and in the middle of the map', async () => {
    const page = await dashboard();
    await page.goto(`${base}?character=${encodeURIComponent(VICTIM.name)}`);
    await page.waitForSelector('[data-open-window]');
    await expect.poll(() => page.textContent('[data-map-layers]'), { timeout: 15_000 }).toContain(VICTIM.name);
    await expect.poll(() => mapCentre(page), { timeout: 15_000 }).toContain(VICTIM.readout);
    await screenshot(page, 'alerts-character-link');
    await page.close();
  });
});
