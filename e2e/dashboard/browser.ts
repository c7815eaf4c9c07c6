/**
 * Headless Chromium for the dashboard's tests and bench: Debian's
 * `chromium` driven by playwright-core, never a downloaded browser. Where it
 * is not installed (a fresh machine with only Node and npm) the browser
 * suites are skipped with a note; CI installs it (`.ci/run`).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page, type ViewportSize } from 'playwright-core';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import { startTestStack, type TestStack, type TestStackOptions } from '@lifestone/test-kit/stack';
import { buildDashboardIfStale } from '../../scripts/build-dashboard.js';

/** Where Debian puts Chromium (`LIFESTONE_CHROMIUM` overrides). */
export const CHROMIUM_PATH = process.env.LIFESTONE_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser tests can run here. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Where screenshots are kept (gitignored; CI keeps the folder as artifacts). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));

/** Launches headless Chromium with the flags this closed network needs (no background connections). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a screenshot of `page` as `test-artifacts/web/<name>.png`; resolves its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The built dashboard, which the gateway of a dashboard stack serves. */
const DASHBOARD_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** What every browser suite starts with: the test stack serving the dashboard (built if stale), and headless Chromium. */
export interface DashboardStack {
  stack: TestStack;
  browser: Browser;
  /** The dashboard's URL: the gateway's root. */
  base: string;
}

/** Builds the dashboard if stale, starts the test stack serving it with `options`, and launches Chromium. */
export async function startDashboardStack(options: Omit<TestStackOptions, 'dashboardDir'> = {}): Promise<DashboardStack> {
  await buildDashboardIfStale();
  const stack = await startTestStack({ ...options, dashboardDir: DASHBOARD_DIR });
  const browser = await launchChromium();
  return { stack, browser, base: stack.url.replace(/\/graphql$/, '/') };
}

/** A dashboard stack with one plugin that keeps its characters live; close() stops it all. */
export interface LiveDashboard extends DashboardStack {
  plugin: TestPlugin;
  close(): Promise<void>;
}

/**
 * {@link startDashboardStack} with one plugin sending `frames()` at once and
 * every `everyMs` after: the map and the fleet drop characters silent for 30 s.
 */
export async function startLiveDashboard(frames: () => object[], everyMs: number, options: Omit<TestStackOptions, 'dashboardDir'> = {}): Promise<LiveDashboard> {
  const dashboard = await startDashboardStack(options);
  const plugin = await dashboard.stack.connectPlugin();
  const report = () => dashboard.stack.send(plugin, frames());
  await report();
  const heartbeat = setInterval(() => void report().catch(() => undefined), everyMs);
  return {
    ...dashboard,
    plugin,
    async close() {
      clearInterval(heartbeat);
      await dashboard.browser.close();
      await dashboard.stack.close();
    },
  };
}

/** A new page of `viewport` (1440×900 unless given) on the dashboard at `base`, signed in as `account`. */
export async function signedInPage(browser: Browser, base: string, account: { name: string; password: string }, viewport: ViewportSize = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await signIn(page, base, account.name, account.password);
  return page;
}

/** Signs in through the sign-in page and waits for the dashboard. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(baseUrl);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  // The toolbar, not a window button: on a phone those are in its menu.
  await page.waitForSelector('[data-toolbar]');
}

/** What the map exposes for tests and the bench (web/src/map): every live character, and how often it redrew. */
export interface DiagnosticsHandle {
  fleet(): Record<string, { ns: number; ew: number; state?: string | null }>;
  frames(): number;
}

/**
 * The page's globals as code passed to `page.evaluate` sees them, typed here:
 * the Node side compiles without the DOM library.
 */
export interface PageGlobals {
  __LIFESTONE__?: DiagnosticsHandle;
  requestAnimationFrame(callback: (time: number) => void): number;
  performance: { now(): number };
}
