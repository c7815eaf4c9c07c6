/**
 * The fleet-wide windows an operator opens first, in headless Chromium
 * against the real stack: Issues (a dead character, a plugin whose frames
 * are refused) first in the toolbar, and QuestStatus (every character's
 * quest timers, the ready ones first). Screenshots in test-artifacts/web/.
 */
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLimitsFromEnv } from '../../gateway/src/index.js';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack } from './browser.js';

describe.skipIf(!hasChromium)('Issues and QuestStatus', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack({ positionsTickMs: 250, limits: queryLimitsFromEnv({}) }));
    const plugin = await stack.connectPlugin();
    const now = Date.now();
    const completed = new Date(now - 3_600_000).toISOString();
    await stack.send(plugin, [
      { type: 'telemetry', character_name: 'Fallen Hero', timestamp: now, ew: 33.9, ns: 42.3, z: 0, vt_state: 'Dead' },
      { type: 'telemetry', character_name: 'Quest Runner', timestamp: now, ew: 30.1, ns: 12.4, z: 0, vt_state: 'Navigating' },
      {
        type: 'quest', character_name: 'Quest Runner', timestamp: now, quests: [
          { name: 'Stipend', solves: 4, max_solves: 0, completed_at: completed, available_in_s: 0 },
          { name: 'Aerbax Shard', solves: 1, max_solves: 1, completed_at: completed, available_in_s: 7_200 },
        ],
      },
      {
        type: 'quest', character_name: 'Fallen Hero', timestamp: now, quests: [{ name: 'Aerbax Shard', solves: 2, max_solves: 1, completed_at: completed, available_in_s: 600 }],
      },
    ]);
    // Refused by ingest (a position that is not a number): the plugin health counts it.
    plugin.send({ type: 'telemetry', character_name: 'Quest Runner', timestamp: now, ew: 'east', ns: 12.4, z: 0 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('opens Issues first: the dead character and the plugin refusing frames, each shown on the map by a click', { timeout: 60_000 }, async () => {
    const page = await signedInPage(browser, base, stack.admin, { width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text()));
    expect(await page.locator('[data-toolbar] [data-open-window]').first().getAttribute('data-open-window')).toBe('issues');
    await page.click('[data-open-window=issues]');
    const rows = page.locator('[data-window=issues] [data-issue]');
    await expect.poll(() => rows.evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-issue')} ${element.getAttribute('data-issue-subject')}`)), { timeout: 15_000 }).toEqual([
      'DEAD Fallen Hero',
      'REFUSING Quest Runner',
    ]);
    expect(await page.textContent('[data-window=issues] [data-issue-count]')).toBe('2 need you');
    await page.click('[data-window=issues] [data-issue=DEAD] button');
    await expect.poll(() => page.textContent('[data-map-layers]')).toContain('Fallen Hero');
    await screenshot(page, 'issues');
    await page.screenshot({ path: '/tmp/issues.png' });

    await page.click('[data-open-window=questStatus]');
    const timers = page.locator('[data-window=questStatus] [data-fleet-quest]');
    await expect.poll(() => timers.evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-fleet-quest')} ${element.getAttribute('data-quest-character')} ${element.getAttribute('data-quest-ready')}`)), { timeout: 15_000 }).toEqual([
      'Stipend Quest Runner true',
      'Aerbax Shard Fallen Hero false',
      'Aerbax Shard Quest Runner false',
    ]);
    await page.fill('[data-window=questStatus] [data-quest-search]', 'aerbax');
    await expect.poll(() => timers.count()).toBe(2);
    expect(await page.textContent('[data-window=questStatus] [data-quest-count]')).toBe('2 timers · 0 ready');
    await screenshot(page, 'quest-status');
    await page.screenshot({ path: '/tmp/quest-status.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
