/**
 * `npm run bench:web`: the dashboard's weight and speed, in one run.
 *
 * 1. weight: a fresh production build; the JavaScript the first page load
 *    needs (the entry chunk and what it imports statically), gzipped
 *    (target: at most 150 kB), and each window's own chunk (every window must
 *    be one, loaded when it first opens).
 * 2. first live dot: the real stack in this process (ingest, the three
 *    subgraphs and the gateway serving the build, on DATABASE_URL or an
 *    embedded PostgreSQL) with a simulated fleet; a signed-in headless
 *    Chromium loads the page again and again: median ms from navigation to
 *    the first character on the map.
 * 3. frame rate: with `--characters` (default 1,000) characters moving, the
 *    map shows them all; frames per second counted with requestAnimationFrame
 *    over `--seconds` (target: at least 50 fps), beside the baseline measured
 *    in the same run: the same browser on a blank page (what this machine's
 *    headless Chromium gives at most), how often the map painted, and how
 *    often a paint changed what the canvas shows (a dot moved a pixel as it
 *    glides, a name its place: target at least 30 a second).
 * 4. radar: the Radar window on a character whose plugin sweeps 500 objects,
 *    all moving, twice a second (the fleet still moving on the map behind);
 *    frames per second over `--seconds` as a ratio of the blank page's
 *    (target: at least 0.95, i.e. 60 fps where the blank page gives 60), and
 *    how often the radar repainted.
 * 5. a large fleet: `--many` (default 10,000) characters on the map, all
 *    moving: a child process takes over from the fleet above and plays the
 *    same simulated fleet's first `--many` characters, logged in over 60 s,
 *    each sending its telemetry every 2 s as plugins do and nothing else (the
 *    map shows nothing else, and this one process, which runs ingest, the
 *    subgraphs and the gateway, does not carry 10,000 characters' every
 *    frame); a freshly signed-in page shows them; frames per second over
 *    `--seconds` (target: at least 30 fps), beside the blank page measured
 *    meanwhile.
 *
 * Options: --characters N, --many N (0 skips 5), --seconds S, --loads N (page loads for the first dot).
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { createPool } from '@lifestone/lib/db';
import { loadSubgraphModule, startSubgraph, SUBGRAPH_NAMES, type RunningSubgraph } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { createMemoryPubSub } from '@lifestone/lib/pubsub/memory';
import { startIngest } from '@lifestone/ingest';
import { queryLimitsFromEnv, startGateway, type SubgraphUrls } from '@lifestone/gateway';
import { runFleet, type FleetHandle } from '@lifestone/simulator';
import { hasChromium, launchChromium, signIn, type PageGlobals } from '../e2e/dashboard/browser.js';
import { connectPlugin } from '@lifestone/test-kit/plugin';
import { database, fmt, forkChild, freshDatabase, machineLine, messageFrom, progress, writeResults } from './common.js';

const { values } = parseArgs({
  options: {
    characters: { type: 'string', default: '1000' },
    many: { type: 'string', default: '10000' },
    seconds: { type: 'string', default: '10' },
    loads: { type: 'string', default: '5' },
  },
});
const characters = Number(values.characters);
const many = Number(values.many);
const seconds = Number(values.seconds);
const loads = Number(values.loads);

const webRoot = fileURLToPath(new URL('../web/', import.meta.url));
const distDir = path.join(webRoot, 'dist');
const INITIAL_JS_TARGET_KB = 150;
const FPS_TARGET = 50;
/** How often the character canvas must change with `--characters` moving: the dots glide. */
const CHANGES_TARGET = 30;
/** With `--many` characters moving. */
const MANY_FPS_TARGET = 30;
/** The radar's frame rate, as a ratio of the blank page's (its budget). */
const RADAR_RATIO_TARGET = 0.95;
const RADAR_OBJECTS = 500;
const RADAR_SWEEP_MS = 500;
/** The simulated fleet's seed; the large fleet's child process plays the same fleet, larger. */
const FLEET_SEED = 3;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
}

/** Builds the dashboard and weighs the first load and each window. */
async function weigh(): Promise<{ initialGzip: number; initialFiles: string[]; windows: { src: string; gzip: number }[]; windowsInInitial: string[] }> {
  const { build } = await import('vite');
  await build({ root: webRoot, configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'silent', build: { manifest: true } });
  const manifest = JSON.parse(await readFile(path.join(distDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const gzipOf = async (file: string) => gzipSync(await readFile(path.join(distDir, file))).length;
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  visit(entry[0]);
  const initialFiles = [...initial].map((key) => manifest[key]?.file as string);
  let initialGzip = 0;
  for (const file of initialFiles) initialGzip += await gzipOf(file);
  const windowKeys = Object.keys(manifest).filter((key) => key.endsWith('Window.vue'));
  const windows = await Promise.all(
    windowKeys.map(async (key) => ({ src: key, gzip: await gzipOf(manifest[key]?.file as string), dynamic: manifest[key]?.isDynamicEntry === true })),
  );
  return {
    initialGzip,
    initialFiles,
    windows: windows.filter((window) => window.dynamic),
    windowsInInitial: windowKeys.filter((key) => initial.has(key) || !windows.find((window) => window.src === key)?.dynamic),
  };
}

const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} kB`;

async function main(): Promise<void> {
  const { adminUrl, stop } = await database();
  const machine = await machineLine(adminUrl);
  process.stdout.write(`${machine}\n\n`);

  progress('building the dashboard');
  const weight = await weigh();
  process.stdout.write('weight (gzipped)\n');
  process.stdout.write(`  initial JavaScript      ${kb(weight.initialGzip)} in ${weight.initialFiles.length} file(s)  (target: at most ${INITIAL_JS_TARGET_KB} kB — ${weight.initialGzip <= INITIAL_JS_TARGET_KB * 1024 ? 'met' : 'MISSED'})\n`);
  for (const window of weight.windows.sort((a, b) => a.src.localeCompare(b.src))) {
    process.stdout.write(`  ${path.basename(window.src, '.vue').padEnd(24)}${kb(window.gzip)}  (own chunk)\n`);
  }
  if (weight.windowsInInitial.length > 0) process.stdout.write(`  NOT in their own chunk: ${weight.windowsInInitial.join(', ')}\n`);
  process.stdout.write('\n');

  if (!hasChromium) {
    process.stdout.write('Chromium is not installed (apt-get install chromium): the first-dot and frame-rate figures need it.\n');
    await stop();
    return;
  }

  const { url: databaseUrl, drop } = await freshDatabase(adminUrl);
  const log = createLogger('bench-web', 'error');
  const pool = createPool(databaseUrl, 'bench-web', 20);
  const pubsub = createMemoryPubSub();
  const pluginSecret = randomBytes(12).toString('hex');
  const internalSecret = randomBytes(12).toString('hex');
  const adminPassword = randomBytes(12).toString('hex');
  const ingest = await startIngest({ pool, pubsub, log, port: 0, pluginSecret });
  const running: RunningSubgraph[] = [];
  for (const name of SUBGRAPH_NAMES) {
    running.push(await startSubgraph(await loadSubgraphModule(name), { pool, pubsub, log, internalSecret, port: 0 }));
  }
  const subgraphs = Object.fromEntries(SUBGRAPH_NAMES.map((name, index) => [name, (running[index] as RunningSubgraph).url])) as SubgraphUrls;
  const gateway = await startGateway({
    subgraphs, pool, log, port: 0, internalSecret, sessionSecret: randomBytes(12).toString('hex'),
    limits: queryLimitsFromEnv(), adminPassword, dashboardDir: distDir,
  });
  const base = gateway.url.replace(/\/graphql$/, '/');

  progress(`logging in ${fmt(characters)} simulated characters`);
  const fleet = runFleet({ url: ingest.pluginUrl, secret: pluginSecret, characters, seed: FLEET_SEED, rampUpMs: Math.min(20_000, characters * 15) });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await signIn(page, base, 'admin', adminPassword);
    await waitForFleet(page, characters, 120_000);

    progress(`first live dot, ${loads} page loads`);
    const firstDot: number[] = [];
    for (let load = 0; load < loads; load += 1) {
      await page.reload();
      firstDot.push(await page.evaluate<number>(FIRST_DOT_SCRIPT));
    }
    await waitForFleet(page, characters, 60_000);

    progress(`frame rate over ${seconds} s with ${fmt(characters)} characters moving`);
    const map = await frameRate(page, seconds);
    const blank = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await blank.goto('about:blank');
    const baseline = await frameRate(blank, seconds);

    progress(`radar frame rate over ${seconds} s with ${RADAR_OBJECTS} objects moving`);
    const radar = await radarFrameRate(base, ingest.pluginUrl, pluginSecret, page);
    const large = many > 0 ? await largeFleetFrameRate(base, ingest.pluginUrl, pluginSecret, adminPassword, browser, fleet) : undefined;

    const sorted = [...firstDot].sort((a, b) => a - b);
    process.stdout.write(`first live dot (from navigation, ${loads} loads)\n`);
    process.stdout.write(`  median ${fmt(sorted[Math.floor(sorted.length / 2)] as number)} ms, min ${fmt(sorted[0] as number)} ms, max ${fmt(sorted[sorted.length - 1] as number)} ms\n\n`);
    process.stdout.write(`map frame rate with ${fmt(characters)} moving characters (${fmt(map.live)} on the map)\n`);
    process.stdout.write(`  map page                ${fmt(map.fps, 1)} fps, the map redrew ${fmt(map.redraws / seconds, 1)} times/s  (target: at least ${FPS_TARGET} fps — ${map.fps >= FPS_TARGET ? 'met' : 'MISSED'})\n`);
    process.stdout.write(`  canvas changes          ${fmt(map.changes / seconds, 1)} a second  (target: at least ${CHANGES_TARGET} — ${map.changes / seconds >= CHANGES_TARGET ? 'met' : 'MISSED'})\n`);
    process.stdout.write(`  blank page (baseline)   ${fmt(baseline.fps, 1)} fps\n`);
    process.stdout.write(`  ratio                   ${fmt(map.fps / baseline.fps, 2)}\n\n`);
    const radarRatio = radar.fps / baseline.fps;
    process.stdout.write(`radar with ${RADAR_OBJECTS} objects moving, a sweep every ${RADAR_SWEEP_MS} ms (${fmt(radar.drawn)} drawn)\n`);
    process.stdout.write(`  radar page              ${fmt(radar.fps, 1)} fps, the radar repainted ${fmt(radar.paints / seconds, 1)} times/s\n`);
    process.stdout.write(`  ratio to the blank page ${fmt(radarRatio, 2)}  (target: at least ${RADAR_RATIO_TARGET} — ${radarRatio >= RADAR_RATIO_TARGET ? 'met' : 'MISSED'})\n\n`);
    const verdicts = [
      `initial JavaScript ${weight.initialGzip <= INITIAL_JS_TARGET_KB * 1024 && weight.windowsInInitial.length === 0 ? 'met' : 'MISSED'}`,
      `frame rate ${map.fps >= FPS_TARGET ? 'met' : 'MISSED'}`,
      `canvas changes ${map.changes / seconds >= CHANGES_TARGET ? 'met' : 'MISSED'}`,
      `radar ${radarRatio >= RADAR_RATIO_TARGET ? 'met' : 'MISSED'}`,
      ...(large ? [`frame rate with ${fmt(many)} ${large.map.fps >= MANY_FPS_TARGET ? 'met' : 'MISSED'}`] : []),
    ];
    if (large) {
      process.stdout.write(`map frame rate with ${fmt(many)} moving characters (${fmt(large.map.live)} on the map)\n`);
      process.stdout.write(`  map page                ${fmt(large.map.fps, 1)} fps, the map redrew ${fmt(large.map.redraws / seconds, 1)} times/s, the canvas changed ${fmt(large.map.changes / seconds, 1)} times/s  (target: at least ${MANY_FPS_TARGET} fps — ${large.map.fps >= MANY_FPS_TARGET ? 'met' : 'MISSED'})\n`);
      process.stdout.write(`  blank page (baseline)   ${fmt(large.blank.fps, 1)} fps\n`);
      process.stdout.write(`  ratio                   ${fmt(large.map.fps / large.blank.fps, 2)}\n\n`);
    }
    process.stdout.write(`verdict: ${verdicts.join(', ')}\n`);
    const met = (ok: boolean, target: string) => `${target} — ${ok ? 'met' : 'MISSED'}`;
    const rows = [
      ['initial JavaScript, gzipped', `${kb(weight.initialGzip)} in ${weight.initialFiles.length} file(s); every window its own chunk${weight.windowsInInitial.length > 0 ? ` but ${weight.windowsInInitial.join(', ')}` : ''}`, met(weight.initialGzip <= INITIAL_JS_TARGET_KB * 1024 && weight.windowsInInitial.length === 0, `at most ${INITIAL_JS_TARGET_KB} kB`)],
      [`page load to the first live dot`, `median ${fmt(sorted[Math.floor(sorted.length / 2)] as number)} ms of ${loads} (${fmt(sorted[0] as number)}–${fmt(sorted[sorted.length - 1] as number)} ms)`, ''],
      [`map frame rate, ${fmt(characters)} moving characters`, `${fmt(map.fps, 1)} fps (a blank page: ${fmt(baseline.fps, 1)} fps, ${fmt(map.fps / baseline.fps, 2)}), ${fmt(map.redraws / seconds, 1)} paints/s`, met(map.fps >= FPS_TARGET, `at least ${FPS_TARGET} fps`)],
      [`canvas changes, ${fmt(characters)} moving characters (gliding dots)`, `${fmt(map.changes / seconds, 1)} a second`, met(map.changes / seconds >= CHANGES_TARGET, `at least ${CHANGES_TARGET} a second`)],
      [`radar frame rate, ${RADAR_OBJECTS} objects, a sweep every ${RADAR_SWEEP_MS} ms`, `${fmt(radar.fps, 1)} fps (${fmt(radarRatio, 2)} of the blank page)`, met(radarRatio >= RADAR_RATIO_TARGET, `at least ${RADAR_RATIO_TARGET} of the blank page`)],
      ...(large
        ? [[
            `map frame rate, ${fmt(many)} moving characters`,
            `${fmt(large.map.fps, 1)} fps (a blank page meanwhile: ${fmt(large.blank.fps, 1)} fps, ${fmt(large.map.fps / large.blank.fps, 2)}), ${fmt(large.map.redraws / seconds, 1)} paints/s, ${fmt(large.map.changes / seconds, 1)} canvas changes/s; ${fmt(large.map.live)} on the map, sending only telemetry; their plugins, ingest, the graph and Chromium (headless, no GPU: software raster) on this machine`,
            met(large.map.fps >= MANY_FPS_TARGET, `at least ${MANY_FPS_TARGET} fps`),
          ]]
        : []),
    ];
    await writeResults('web', machine, ['| figure | measured | target |', '| --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n'));
  } finally {
    await browser.close();
    await fleet.stop();
    await gateway.close();
    await Promise.all(running.map((subgraph) => subgraph.close()));
    await ingest.close();
    await pool.end();
    await drop();
    await stop();
  }
}

/**
 * `--many` characters on the map: the simulated fleet's first `--many`,
 * played by a child process (bench/plugin-load.ts) in place of `fleet`,
 * logged in over a minute and sending their telemetry at the protocol's
 * rate; then, in a page of its own (no window open), the map's frame rate
 * with every character moving, and the blank page's meanwhile.
 */
async function largeFleetFrameRate(base: string, pluginUrl: string, pluginSecret: string, adminPassword: string, browser: Browser, fleet: FleetHandle): Promise<{ map: FrameRate; blank: FrameRate }> {
  progress(`${fmt(many)} characters log in over 60 s, the first ${fmt(characters)} again`);
  await fleet.stop();
  const load = forkChild('plugin-load.ts', [
    '--url', pluginUrl, '--secret', pluginSecret, '--mode', 'fleet', '--connections', String(many), '--seconds', String(3 * seconds + 180),
    '--login-seconds', '60', '--seed', String(FLEET_SEED), '--only', 'telemetry',
  ]);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  try {
    await messageFrom(load, (message): message is { phase: 'connected' } => (message as { phase?: string }).phase === 'connected');
    const page = await context.newPage();
    await signIn(page, base, 'admin', adminPassword);
    await waitForFleet(page, many, 120_000);
    progress(`frame rate over ${seconds} s with ${fmt(many)} characters moving`);
    const map = await frameRate(page, seconds);
    const blank = await context.newPage();
    await blank.goto('about:blank');
    return { map, blank: await frameRate(blank, seconds) };
  } finally {
    await context.close();
    load.kill();
  }
}

/** One radar sweep of `RADAR_OBJECTS` objects of every kind around (0, 0), each a little further round its circle than in sweep `n - 1`. */
function radarSweep(name: string, n: number): object {
  const classes = ['Monster', 'Player', 'Npc', 'Portal', 'MeleeWeapon', 'Corpse', 'Door', 'Container', 'Lifestone'];
  const objects = Array.from({ length: RADAR_OBJECTS }, (_, k) => {
    const metres = 5 + ((k * 7919) % 145);
    const angle = k * 0.7 + n * 0.05;
    return { id: 10_000 + k, name: `Object ${k}`, object_class: classes[k % classes.length], ew: (Math.sin(angle) * metres) / 240, ns: (Math.cos(angle) * metres) / 240, z: 0 };
  });
  return { type: 'nearby_objects', character_name: name, timestamp: Date.now(), objects };
}

/**
 * Opens the Radar window on a character of its own whose plugin sweeps
 * {@link RADAR_OBJECTS} moving objects every {@link RADAR_SWEEP_MS}; frames
 * per second by requestAnimationFrame and the radar's repaints over `seconds`.
 */
async function radarFrameRate(base: string, pluginUrl: string, pluginSecret: string, page: Page): Promise<{ fps: number; paints: number; drawn: number }> {
  const name = 'Radar Bench';
  const plugin = await connectPlugin(pluginUrl, pluginSecret);
  let sweeps = 0;
  const sweep = () => {
    plugin.send({ type: 'telemetry', character_name: name, timestamp: Date.now(), ew: 0, ns: 0, z: 0, heading: (sweeps * 5) % 360 });
    plugin.send(radarSweep(name, sweeps++));
  };
  sweep();
  const timer = setInterval(sweep, RADAR_SWEEP_MS);
  try {
    await page.goto(`${base}?character=${encodeURIComponent(name)}`);
    await page.waitForSelector('[data-open-window]');
    await page.click('[data-open-window=radar]');
    await page.waitForSelector(`[data-radar-canvas][data-radar-drawn="${RADAR_OBJECTS}"]`, { timeout: 30_000 });
    const paints = () => page.getAttribute('[data-radar-canvas]', 'data-radar-paints').then(Number);
    const before = await paints();
    const { fps } = await frameRate(page, seconds);
    return { fps, paints: (await paints()) - before, drawn: Number(await page.getAttribute('[data-radar-canvas]', 'data-radar-drawn')) };
  } finally {
    clearInterval(timer);
    await plugin.close();
  }
}

/** Waits until the map shows at least `count` characters; says how many it shows if they do not come. */
async function waitForFleet(page: Page, count: number, timeoutMs: number): Promise<void> {
  const live = () => Object.keys((globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet() ?? {}).length;
  try {
    await page.waitForFunction((atLeast) => Object.keys((globalThis as unknown as PageGlobals).__LIFESTONE__?.fleet() ?? {}).length >= atLeast, count, { timeout: timeoutMs, polling: 500 });
  } catch (error) {
    throw new Error(`the map shows ${await page.evaluate(live).catch(() => '?')} characters, not ${count}, after ${timeoutMs / 1000} s`, { cause: error });
  }
}

/**
 * Page-side scripts, as source text: code bundled for Node carries helpers
 * (esbuild's `__name`) the page does not have.
 */
const FIRST_DOT_SCRIPT = `new Promise((resolve) => {
  const check = () => (Object.keys(window.__LIFESTONE__?.fleet() ?? {}).length > 0 ? resolve(performance.now()) : requestAnimationFrame(check));
  check();
})`;

const frameRateScript = (ms: number) => `new Promise((resolve) => {
  const hook = window.__LIFESTONE__;
  const redrawsBefore = hook?.frames() ?? 0;
  const changesBefore = hook?.changes?.() ?? 0;
  let frames = 0;
  const start = performance.now();
  const count = (time) => {
    frames += 1;
    if (time - start < ${ms}) requestAnimationFrame(count);
    else resolve({ fps: (frames * 1000) / (time - start), redraws: (hook?.frames() ?? 0) - redrawsBefore, changes: (hook?.changes?.() ?? 0) - changesBefore, live: Object.keys(hook?.fleet() ?? {}).length });
  };
  requestAnimationFrame(count);
})`;

/** Frames per second by requestAnimationFrame, the map's paints in that time, those that changed its canvas, and how many characters it showed. */
interface FrameRate {
  fps: number;
  redraws: number;
  changes: number;
  live: number;
}

/** {@link FrameRate} of `page` over `seconds`. */
function frameRate(page: Page, seconds: number): Promise<FrameRate> {
  return page.evaluate<FrameRate>(frameRateScript(seconds * 1000));
}

await main();
