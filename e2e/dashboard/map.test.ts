/**
 * The map end to end in headless Chromium, against the real stack (ingest,
 * the four subgraphs, the gateway serving the built dashboard): Dereth's
 * towns named at the default zoom, the spawn heatmap with its legend, the
 * replay opening paused on the latest moment with data, its slider showing a
 * character where history has it and then going back to live, and Mind's Eye opening on the last stored tool calls.
 * Screenshots in test-artifacts/web/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../lib/pubsub/index.js';
import { sessionColour } from '../../web/src/assistant/sessionColour.js';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startDashboardStack, type DiagnosticsHandle, type PageGlobals } from './browser.js';

const LIVE = 'Live Walker';
const HISTORIC = 'Replay Walker';
const MINUTE = 60_000;

type ReplayGlobals = PageGlobals & {
  __LIFESTONE__?: DiagnosticsHandle & { replay(): ReturnType<DiagnosticsHandle['fleet']>; names(): { name: string; side: string; colour: string }[] };
};

describe.skipIf(!hasChromium)('the map in a browser', () => {
  let stack: TestStack;
  let browser: Browser;
  let base: string;
  /** When the history written below starts. */
  let start: number;

  beforeAll(async () => {
    ({ stack, browser, base } = await startDashboardStack({ positionsTickMs: 250 }));
    const { db } = stack;

    // History as ingest writes it: Replay Walker stood at Holtburg for ten minutes, 40 minutes ago, then at Shoushi for ten minutes.
    start = Math.floor(Date.now() / 1000) * 1000 - 40 * MINUTE;
    for (let offset = 0; offset < 20 * MINUTE; offset += 2_000) {
      const [ns, ew, state] = offset < 10 * MINUTE ? [42.1, 33.6, 'Navigating'] : [-33.5, 72.8, 'Combat'];
      await db.query('INSERT INTO telemetry_events (received_at, observed_at, character_name, ns, ew, heading, vt_state) VALUES ($1, $1, $2, $3, $4, 0, $5)', [
        new Date(start + offset), HISTORIC, ns, ew, state,
      ]);
    }
    await db.query('INSERT INTO live_characters (character_name, last_seen_at, ns, ew) VALUES ($1, $2, -33.5, 72.8)', [HISTORIC, new Date(start + 20 * MINUTE)]);
    // Spawns of the last hour: three in one cell between Glenden Wood and Zaikhal, one in the south-west.
    for (const [ns, ew] of [[20.2, 15.3], [20.6, 15.7], [20.4, 15.1], [-60.5, -30.5]]) {
      await db.query("INSERT INTO spawn_events (received_at, observed_at, character_name, monster_name, ns, ew) VALUES (now(), now(), $1, 'Drudge Skulker', $2, $3)", [LIVE, ns, ew]);
    }
    // A stored answer that called two tools, as the assistant subgraph keeps it.
    const { rows } = await db.query<{ id: string }>('SELECT id::text FROM accounts WHERE name = $1', [stack.admin.name]);
    const owner = `user:${rows[0]?.id}`;
    const session = await db.query<{ id: string }>("INSERT INTO assistant_sessions (owner, title, created_at, updated_at) VALUES ($1, 'Where is everyone', now(), now()) RETURNING id", [owner]);
    const toolCalls = [
      { id: 'call-h1', tool: 'live_players', arguments: {}, resultSummary: '[{"name":"Live Walker"}]', resultBytes: 24, isError: false, durationMs: 35 },
      { id: 'call-h2', tool: 'player_state', arguments: { name: LIVE }, resultSummary: '{"name":"Live Walker","online":true}', resultBytes: 36, isError: false, durationMs: 12 },
    ];
    await db.query("INSERT INTO assistant_messages (session_id, owner, role, text, tool_calls, trace_id, created_at) VALUES ($1, $2, 'assistant', 'Live Walker is in Holtburg.', $3, 'trace-h', now())", [
      session.rows[0]?.id, owner, JSON.stringify(toolCalls),
    ]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function mapPage(): Promise<Page> {
    const page = await signedInPage(browser, base, stack.admin, { width: 1280, height: 800 });
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [{ type: 'telemetry', character_name: LIVE, timestamp: Date.now(), ew: 33.9, ns: 42.3, z: 5, vt_state: 'Combat' }]);
    await page.waitForFunction((name) => Boolean((globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet()[name]), LIVE, { timeout: 15_000 });
    return page;
  }

  it("names Dereth's towns at the default zoom and shows the spawn heatmap with its legend", async () => {
    const page = await mapPage();
    const labels = async () => (await page.getAttribute('[data-place-labels]', 'data-place-labels'))?.split('|') ?? [];
    await expect.poll(labels, { timeout: 10_000 }).toEqual(expect.arrayContaining(['Holtburg', 'Arwic', 'Shoushi', 'Yaraq', 'Cragstone', 'Zaikhal', "Qalaba'r", 'Stonehold', 'Candeth Keep']));
    expect((await labels()).length).toBeGreaterThanOrEqual(25);
    await expect.poll(() => page.textContent('[data-heatmap-legend-max]'), { timeout: 10_000 }).toBe('3');
    expect(await page.textContent('[data-heatmap-legend] figcaption')).toBe('Monster spawns seen per 1×1 cell, last 1 h (log scale)');
    await screenshot(page, 'map-places');
    await page.screenshot({ path: '/tmp/map-places.png' });

    // The towns switch off and on from the layer panel, remembered.
    await page.uncheck('[data-layer-toggle=places]');
    await expect.poll(() => page.locator('[data-place-labels]').count()).toBe(0);
    await page.reload();
    await page.waitForSelector('[data-map-layers]');
    expect(await page.isChecked('[data-layer-toggle=places]')).toBe(false);
    await page.check('[data-layer-toggle=places]');
    await expect.poll(() => page.locator('[data-place-labels]').count(), { timeout: 10_000 }).toBe(1);
    await page.close();
  });

  it('replays the fleet where history has it at the slider’s time, then goes back to live', async () => {
    const page = await mapPage();
    const replayed = () => page.evaluate(() => (globalThis as unknown as ReplayGlobals).__LIFESTONE__?.replay() ?? {});
    await page.click('[data-replay-open]');
    await page.waitForSelector('[data-replay-slider]');
    await expect.poll(() => page.getAttribute('[data-map]', 'data-replaying')).toBe('true');
    // It opens paused at the most recent moment with data: the live character where it is, not an empty map.
    await expect.poll(replayed).toEqual({ [LIVE]: { ns: 42.3, ew: 33.9, state: 'Combat' } });
    expect(await page.getAttribute('[data-replay-play]', 'aria-label')).toBe('Play');
    const opened = Number(await page.getAttribute('[data-replay]', 'data-replay-time'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(Number(await page.getAttribute('[data-replay]', 'data-replay-time'))).toBe(opened);
    await screenshot(page, 'map-replay-opened');
    await page.screenshot({ path: '/tmp/map-replay-opened.png' });
    // Slide to five minutes in, and to fifteen.
    const slideTo = (time: number) =>
      page.$eval(
        '[data-replay-slider]',
        (slider, value) => {
          const input = slider as unknown as { value: string; dispatchEvent(event: unknown): boolean };
          input.value = String(value);
          input.dispatchEvent(new (globalThis as unknown as { Event: new (type: string) => unknown }).Event('input'));
        },
        time,
      );
    await slideTo(start + 5 * MINUTE);
    expect(Number(await page.getAttribute('[data-replay]', 'data-replay-time'))).toBe(start + 5 * MINUTE);
    expect((await replayed())[HISTORIC]).toEqual({ ns: 42.1, ew: 33.6, state: 'Navigating' });
    await screenshot(page, 'map-replay');
    await page.screenshot({ path: '/tmp/map-replay.png' });
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, 'map-replay-1024');
    await page.screenshot({ path: '/tmp/map-replay-1024.png' });
    await slideTo(start + 15 * MINUTE);
    expect((await replayed())[HISTORIC]).toEqual({ ns: -33.5, ew: 72.8, state: 'Combat' });
    // Long before, nobody was there yet; at the end, only who reported a moment ago, where it is now.
    await slideTo(start - 10 * MINUTE);
    expect(await replayed()).toEqual({});
    await slideTo(Number(await page.getAttribute('[data-replay-slider]', 'max')));
    expect(await replayed()).toEqual({ [LIVE]: { ns: 42.3, ew: 33.9, state: 'Combat' } });

    await page.click('[data-replay-speed="10"]');
    expect(await page.getAttribute('[data-replay-speed="10"]', 'aria-pressed')).toBe('true');
    await page.click('[data-replay-live]');
    await expect.poll(() => page.locator('[data-replay]').count()).toBe(0);
    expect(await page.getAttribute('[data-map]', 'data-replaying')).toBeNull();
    expect(await replayed()).toEqual({});
    await page.close();
  });

  it("names the character the assistant rings in the ring's colour, right of its dot, when another stands beside it", async () => {
    const page = await mapPage();
    const names = async () =>
      Object.fromEntries(
        (await page.evaluate(() => (globalThis as unknown as ReplayGlobals).__LIFESTONE__?.names() ?? []))
          .filter((drawn) => drawn.name.startsWith('Ring '))
          .map(({ name, side, colour }) => [name, `${side} ${colour}`]),
      );
    const plugin = await stack.connectPlugin();
    await stack.send(plugin, [
      { type: 'telemetry', character_name: 'Ring Neighbour', timestamp: Date.now(), ew: -60, ns: -60, z: 5, vt_state: 'Idle' },
      { type: 'telemetry', character_name: 'Ring Target', timestamp: Date.now(), ew: -59.9, ns: -60, z: 5, vt_state: 'Combat' },
    ]);
    // Side by side at the default zoom: the first name takes the right, the other the left.
    const plain = 'rgb(230 237 243 / 90%)';
    await expect.poll(names, { timeout: 15_000 }).toEqual({ 'Ring Neighbour': `right ${plain}`, 'Ring Target': `left ${plain}` });

    const trace = {
      type: 'TOOL_CALL', toolCallId: 'call-ring', traceId: 'trace-ring', sessionId: 'session-ring', user: 'admin', tool: 'player_state',
      arguments: { name: 'Ring Target' }, resultSummary: null, resultBytes: null, isError: null, durationMs: null, time: new Date().toISOString(),
      characters: ['Ring Target'], positions: [],
    };
    await stack.ingest.pubsub.publish({ topic: topics.assistantTrace, key: trace.sessionId, payload: JSON.stringify(trace) });
    await expect.poll(() => page.getAttribute('[data-assistant-focus]', 'data-assistant-focus'), { timeout: 10_000 }).toBe('1');
    // The ringed one's name moves next to its ring, in the ring's colour.
    await expect.poll(names).toEqual({ 'Ring Target': `right ${sessionColour('session-ring')}`, 'Ring Neighbour': `left ${plain}` });
    await page.screenshot({ path: '/tmp/map-ring.png', clip: { x: 300, y: 560, width: 300, height: 120 } });
    await page.close();
  });

  it("opens Mind's Eye on the last stored tool calls", async () => {
    const page = await mapPage();
    await page.click('[data-open-window=mindsEye]');
    await page.waitForSelector('[data-window=mindsEye] [data-trace="call-h1"]');
    const rows = await page.locator('[data-window=mindsEye] [data-trace]').evaluateAll((elements) =>
      elements.map((element) => [element.getAttribute('data-trace'), element.querySelector('[data-trace-tool]')?.textContent, element.querySelector('[data-trace-result]')?.textContent]),
    );
    expect(rows).toEqual([
      ['call-h2', 'player_state', '→ {"name":"Live Walker","online":true}'],
      ['call-h1', 'live_players', '→ [{"name":"Live Walker"}]'],
    ]);
    await screenshot(page, 'minds-eye-history');
    await page.screenshot({ path: '/tmp/minds-eye-history.png' });
    await page.close();
  });
});
