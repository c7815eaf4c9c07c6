/**
 * The map with ten thousand characters, end to end in headless Chromium
 * against the real stack (plugin frames into ingest, the telemetry subgraph,
 * the gateway serving the built dashboard): every character drawn as a dot
 * in its state's colour, and a click among them selecting the one under the
 * pointer. Screenshots in test-artifacts/web/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '@lifestone/test-kit/stack';
import { hasChromium, screenshot, signedInPage, startLiveDashboard, type LiveDashboard, type PageGlobals } from './browser.js';

/** A square of 100 × 100 characters, 2 map units apart, over the whole of Dereth. */
const SIDE = 100;
const SPACING = 2;
/** Reported states, each the map's colour of a category (web/src/styles.css, `--state-*`), in turn along the rows. */
const STATES = [
  { state: 'Combat', rgb: [0xf8, 0x51, 0x49] },
  { state: 'Navigating', rgb: [0x58, 0xa6, 0xff] },
  { state: 'Idle', rgb: [0xe3, 0xb3, 0x41] },
  { state: 'Dead', rgb: [0x8b, 0x94, 0x9e] },
  { state: 'Buffing', rgb: [0x46, 0xc2, 0xa8] },
] as const;
/** At the default zoom of this viewport the dots are 19 px apart: none touches another. */
const VIEWPORT = { width: 2000, height: 2000 };

interface Spot {
  name: string;
  ew: number;
  ns: number;
  state: (typeof STATES)[number];
}

const spotAt = (column: number, row: number): Spot => ({
  name: `Crowd ${column}-${row}`,
  ew: -99 + column * SPACING,
  ns: -99 + row * SPACING,
  state: STATES[(row * SIDE + column) % STATES.length] as Spot['state'],
});
const CROWD = Array.from({ length: SIDE * SIDE }, (_, index) => spotAt(index % SIDE, Math.floor(index / SIDE)));

type CrowdGlobals = PageGlobals & {
  __LIFESTONE__?: { names(): { name: string; side: string; colour: string }[]; onScreen(name: string): { x: number; y: number } | undefined };
};

/** What the tests read of the page's character canvas (the Node side compiles without the DOM library). */
interface CanvasGlobals {
  devicePixelRatio: number;
  document: {
    querySelector(selector: string): { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, width: number, height: number): { data: Uint8ClampedArray } } | null } | null;
  };
}
const FLEET_CANVAS = '.leaflet-lifestone-fleet-pane canvas';
/** How long a page may take to hear all 10,000 characters when the machine is busy (crowdPage). */
const CROWD_HEARD_MS = 60_000;
/** A test's time: the page's wait and half a minute for what the test then does. */
const CROWD_TEST_MS = CROWD_HEARD_MS + 30_000;

describe.skipIf(!hasChromium)('the map with ten thousand characters', () => {
  let live: LiveDashboard;
  let stack: TestStack;
  let browser: Browser;
  let base: string;

  /** Every character's position, sent again and again to keep them live; one connection speaks for the crowd. */
  const positions = () => CROWD.map(({ name, ew, ns, state }) => ({ type: 'telemetry', character_name: name, timestamp: Date.now(), ew, ns, z: 0, heading: 90, vt_state: state.state }));

  beforeAll(async () => {
    live = await startLiveDashboard(positions, 10_000, { positionsTickMs: 250, ingest: { rateLimit: 100_000, rateBurst: 100_000 } });
    ({ stack, browser, base } = live);
  }, 180_000);

  afterAll(() => live?.close());

  async function crowdPage(path = ''): Promise<Page> {
    const page = await signedInPage(browser, `${base}${path}`, stack.admin, VIEWPORT);
    await page.waitForFunction((count) => Object.keys((globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet() ?? {}).length === count, CROWD.length, { timeout: CROWD_HEARD_MS });
    return page;
  }

  /** How many pixels of the character canvas are exactly each state's colour, opaque. */
  const pixelsByState = (page: Page) =>
    page.evaluate(([selector, colours]) => {
      const canvas = (globalThis as unknown as CanvasGlobals).document.querySelector(selector);
      const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      const counts = colours.map(() => 0);
      if (!data) return counts;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] !== 255) continue;
        const match = colours.findIndex(([r, g, b]) => data[i] === r && data[i + 1] === g && data[i + 2] === b);
        if (match >= 0) counts[match] = (counts[match] as number) + 1;
      }
      return counts;
    }, [FLEET_CANVAS, STATES.map(({ rgb }) => [...rgb])] as const);

  /**
   * Where a character's dot was painted last (rounded to the pixel) and the colours of the character canvas at
   * points of the page, `#rrggbb` (opaque) or `none`, read together from the same paint.
   */
  const neighbourhood = (page: Page, name: string, points: { x: number; y: number }[]) =>
    page.evaluate(({ selector, character, at }) => {
      const { document, devicePixelRatio: ratio, __LIFESTONE__: hooks } = globalThis as unknown as CanvasGlobals & CrowdGlobals;
      const context = document.querySelector(selector)?.getContext('2d');
      const colours = at.map(({ x, y }) => {
        const [r, g, b, a] = context?.getImageData(Math.floor(x * ratio), Math.floor(y * ratio), 1, 1).data ?? [];
        return a === 255 ? `#${[r, g, b].map((value) => (value as number).toString(16).padStart(2, '0')).join('')}` : 'none';
      });
      const dot = hooks?.onScreen(character);
      return { at: dot && { x: Math.round(dot.x), y: Math.round(dot.y) }, colours };
    }, { selector: FLEET_CANVAS, character: name, at: points });
  const hex = (rgb: readonly number[]) => `#${rgb.map((value) => value.toString(16).padStart(2, '0')).join('')}`;

  it('draws every character as a dot in its state’s colour', async () => {
    const page = await crowdPage();
    // Every dot is the same stamp: each state's 2,000 dots cover 2,000 times as many pixels of its colour as one dot does.
    const perDot = async () => (await pixelsByState(page)).map((count) => count / (CROWD.length / STATES.length));
    await expect.poll(perDot, { timeout: 15_000 }).toSatisfy((values: number[]) => (values[0] as number) >= 20 && values.every((value) => value === values[0]));
    expect(Number.isInteger((await perDot())[0])).toBe(true);
    await screenshot(page, 'map-crowd');
    await page.close();
  }, CROWD_TEST_MS);

  it('shows a character’s neighbours in their colours and selects the one clicked', async () => {
    // The link focuses the map on its character, zoomed in: 32 px per map unit, neighbours 64 px apart.
    const middle = spotAt(50, 50);
    const page = await crowdPage(`?character=${encodeURIComponent(middle.name)}`);
    const centre = { x: VIEWPORT.width / 2, y: VIEWPORT.height / 2 };
    const step = 32 * SPACING;
    // One reading of a single paint: where the character's dot is and the colours around it. The page may still
    // be moving the view to the character (or painting the view before it), so the whole reading is polled until
    // the dot is at the centre and its neighbours are in their colours.
    // (The selected character's name runs right of its dot, over its east neighbour's.)
    const points = [
      { x: centre.x - step, y: centre.y },
      { x: centre.x, y: centre.y },
      { x: centre.x, y: centre.y - step },
      { x: centre.x - step, y: centre.y + step },
      { x: centre.x - step / 2, y: centre.y + step / 2 },
    ];
    const expected = {
      at: centre,
      colours: [hex(spotAt(49, 50).state.rgb), hex(middle.state.rgb), hex(spotAt(50, 51).state.rgb), hex(spotAt(49, 49).state.rgb), 'none'],
    };
    await expect.poll(() => neighbourhood(page, middle.name, points), { timeout: 15_000 }).toEqual(expected);

    const selectedNames = () => page.evaluate(() => ((globalThis as unknown as CrowdGlobals).__LIFESTONE__?.names() ?? []).filter((drawn) => drawn.colour === '#ffffff').map((drawn) => drawn.name));
    await expect.poll(selectedNames).toEqual([middle.name]);
    const west = spotAt(49, 50);
    // A few pixels off the dot's centre: within the click radius.
    await page.mouse.click(centre.x - step + 3, centre.y - 2);
    await expect.poll(selectedNames).toEqual([west.name]);
    await screenshot(page, 'map-crowd-selected');
    await page.close();
  }, CROWD_TEST_MS);
});
