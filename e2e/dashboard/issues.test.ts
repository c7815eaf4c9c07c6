/**
 * The fleet-wide windows an operator opens first, in headless Chromium
 * against the real stack: Issues (a dead character, a plugin whose frames
 * are refused, a character stuck against a wall) first in the toolbar, and QuestStatus (every character's
 * quest timers, the ready ones first). Screenshots in test-artifacts/web/.
 */
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryLimitsFromEnv } from '../../gateway/src/index.js';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
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
    await stuckAgainstAWall(plugin, now);
  }, 180_000);

  /**
   * Wall Runner's automation navigates, but for 5.5 minutes it has run back
   * and forth over 7 m and killed nothing. Ingest receives the reports at
   * once; their receive times are then spread as over those minutes, the
   * last one now.
   */
  async function stuckAgainstAWall(plugin: TestPlugin, now: number): Promise<void> {
    const reports = Array.from({ length: 12 }, (_, i) => ({
      type: 'telemetry', character_name: 'Wall Runner', timestamp: now - (11 - i) * 30_000, session_id: 'wall-1',
      ew: 31.2 + (i % 3) * 0.015, ns: 40.1, z: 0, kills: 12, vt_state: 'Navigating',
    }));
    await stack.send(plugin, reports);
    await stack.db.query(
      `UPDATE telemetry_events SET received_at = now() - ($1::timestamptz - observed_at) WHERE character_name = 'Wall Runner'`,
      [new Date(now)],
    );
  }

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('opens Issues first: the dead character, the plugin refusing frames and the stuck character, each shown on the map by a click', { timeout: 60_000 }, async () => {
    const page = await signedInPage(browser, base, stack.admin, { width: 1280, height: 800 });
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => message.type() === 'error' && errors.push(message.text()));
    expect(await page.locator('[data-toolbar] [data-open-window]').first().getAttribute('data-open-window')).toBe('issues');
    await page.click('[data-open-window=issues]');
    const rows = page.locator('[data-window=issues] [data-issue]');
    await expect.poll(() => rows.evaluateAll((elements) => elements.map((element) => `${element.getAttribute('data-issue')} ${element.getAttribute('data-issue-subject')}`)), { timeout: 15_000 }).toEqual([
      'DEAD Fallen Hero',
      'REFUSING Quest Runner',
      'STUCK Wall Runner',
    ]);
    expect(await page.textContent('[data-window=issues] [data-issue-count]')).toBe('3 need you');
    expect(await page.textContent('[data-window=issues] [data-issue=STUCK] .detail')).toBe(
      'Its automation says Navigating, yet for 5 minutes it has killed nothing and kept within 7 m: against a wall, a door or a ledge.',
    );
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
