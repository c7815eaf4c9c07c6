/**
 * `npm run bench:scale`: how far one box carries a fleet, and ten thousand
 * characters on it. The fleet steps up in one run (`--steps`, 1,000, 2,000,
 * 4,000, 6,000, 8,000 and 10,000 characters; `--steps 10000` is one size).
 * Each step starts fresh: a new database, new services, a CHECKPOINT before
 * it, so that no step pays for the writes or the backlog of the one before
 * and each step's figures stand alone. In each, simulated characters at the
 * protocol's rates stream into one ingest (they log in at the same rate in
 * every step, `--login-seconds` per 10,000 characters); one Hive Gateway
 * serves dashboards at 10% of the characters (`--positions-share`; half the
 * whole fleet's `positions`, half a region of the map through
 * `positions(region:)`) and `events(characters:)` subscribers at 1%
 * (`--events-share`, each following 100 characters, as a bot or a character
 * window would), while a paced query load runs through the same gateway: an
 * item search across the inventories of `--mules` (100, about 25,000 items)
 * and a `character` query that spans three subgraphs. After the last step,
 * `--idle-subscribers` (10,000) graphql-ws subscribers that hear nothing,
 * for the gateway's memory per subscriber. `--only load|idle` runs one of
 * the two; `--cpu-prof-dir DIR` writes each service's CPU profile there;
 * `--cut-pubsub S` has Redis cut the telemetry subgraph's pubsub connection
 * S seconds into each measured window, as Redis cuts a subscriber past its
 * output buffer limit (the step then shows what the feeds told and read back).
 *
 * Before the steps, the floor (`--skip-floor` leaves it out): the largest
 * step's fleet sent by the same load generator to a bare WebSocket server
 * (socket-floor.ts, ws with ingest's options, counting messages), whose CPU
 * per frame is what Node and ws take to read such frames before any work of
 * ingest's; the largest step's ingest row says how far above it ingest is.
 *
 * Prints, per step, measured in the same run: frame sent to subscriber
 * received p50/p99, events delivered and lost (every event a subscriber
 * should get is either delivered or counted lost), positions lost, each
 * process's CPU (ingest, the subgraphs, the gateway, PostgreSQL, the
 * pubsub, the load generators and how much of the machine they took),
 * ingest's CPU per event accepted (all its threads, then by thread), the gateway's and the
 * subgraphs' CPU per message and per event delivered to a subscriber, the
 * cores Lifestone used per 1,000 characters (load generators excluded),
 * memory, item search p50/p99. Then the knee: the largest step up to which
 * every step kept events' p99 frame to subscriber under 250 ms, positions'
 * under 250 ms and a tick (a position waits for its subscription's next tick
 * by design), with nothing lost. Writes the table to
 * bench/RESULTS.md.
 *
 * With REDIS_URL, ingest, the subgraphs and the gateway run in processes of
 * their own over Redis, as in production; without it ingest and the
 * subgraphs share one process (in-memory pubsub). The load generators (the
 * fleet, the subscribers, the queries) are child processes on the same
 * machine at a lower priority (`--nice`, 10): what they take is in the table.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { SubgraphUrls } from '@lifestone/gateway';
import { LIVE_TYPES, PLUGIN_PATH } from '@lifestone/ingest';
import { issueApiToken } from '@lifestone/lib/auth';
import type { FrameType } from '@lifestone/lib/protocol';
import { MAX_QUEUED } from '@lifestone/lib/graph';
import { createFleet } from '@lifestone/simulator';
import { cutRedisClients, withRedis } from '@lifestone/test-kit/redis';
import { checkpoint, compiledServices, coresUsed, cpuReading, cpuSecondsBetween, database, fmt, forkChild, freshDatabase, measureMachine, messageFrom, progress, benchProcessName, summarize, threadCpuByName, writeResults, type CpuReading, type LatencySummary } from './common.js';
import type { MemoryReport, ServiceName, ServicesConfig, ServicesReady, WindowReport } from './graph-services.js';
import { reportMuleInventories } from './mules.js';
import type { FloorCount } from './socket-floor.js';
import type { QueryResult, QueryRun } from './query-load.js';
import type { GroupReport, ScaleSubscribersReport, SubscriberPlan } from './scale-subscribers.js';

const DEFAULT_STEPS = '1000,2000,4000,6000,8000,10000';
const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: DEFAULT_STEPS },
    characters: { type: 'string' },
    'login-seconds': { type: 'string', default: '120' },
    'settle-seconds': { type: 'string', default: '30' },
    seconds: { type: 'string', default: '60' },
    'positions-share': { type: 'string', default: '0.1' },
    'events-share': { type: 'string', default: '0.01' },
    'idle-subscribers': { type: 'string', default: '10000' },
    'subscriber-processes': { type: 'string', default: '4' },
    mules: { type: 'string', default: '100' },
    'query-rate': { type: 'string', default: '10' },
    'tick-ms': { type: 'string', default: '250' },
    nice: { type: 'string', default: '10' },
    only: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
    'cut-pubsub': { type: 'string' },
    'skip-floor': { type: 'boolean', default: false },
  },
});

/** A refused option: its name, what it was, what it takes. */
function optionError(name: string, value: string | undefined, wanted: string): never {
  process.stderr.write(`bench:scale: --${name} ${value ?? ''} is not ${wanted}\n`);
  process.exit(2);
}
const positive = (name: string, value: string | undefined): number => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : optionError(name, value, 'a whole number above 0');
};
const share = (name: string): number => {
  const n = Number(values[name as keyof typeof values]);
  return n >= 0 && n <= 1 ? n : optionError(name, String(values[name as keyof typeof values]), 'a share between 0 and 1 (0.1 is 10%)');
};

/** Fleet sizes, ascending; `--characters N` is `--steps N`. */
const STEPS = [...new Set((values.characters ?? values.steps).split(',').map((step) => positive(values.characters ? 'characters' : 'steps', step.trim())))].sort((a, b) => a - b);
if (values.only !== undefined && values.only !== 'load' && values.only !== 'idle') optionError('only', values.only, '`load` or `idle`');
/** Seconds the login ramp takes per 10,000 characters: every step logs in at the same rate. */
const LOGIN_SECONDS = Number(values['login-seconds']);
const SECONDS = Number(values.seconds);
/** After the last login, before measuring: the logins' full inventories are written, and the steady state is what is measured. */
const SETTLE_SECONDS = Number(values['settle-seconds']);
const POSITIONS_SHARE = share('positions-share');
const EVENTS_SHARE = share('events-share');
const IDLE_SUBSCRIBERS = Number(values['idle-subscribers']);
const SUBSCRIBER_PROCESSES = positive('subscriber-processes', values['subscriber-processes']);
const MULES = Number(values.mules);
const QUERY_RATE = Number(values['query-rate']);
const TICK_MS = Number(values['tick-ms']);
/** Seconds into each measured window at which Redis cuts the telemetry subgraph's pubsub connection, as it does one over its output buffer limit. */
const CUT_PUBSUB_SECONDS = values['cut-pubsub'] === undefined ? undefined : positive('cut-pubsub', values['cut-pubsub']);
if (CUT_PUBSUB_SECONDS !== undefined && !process.env.REDIS_URL) optionError('cut-pubsub', values['cut-pubsub'], 'possible without Redis (set REDIS_URL)');
if (CUT_PUBSUB_SECONDS !== undefined && CUT_PUBSUB_SECONDS >= Number(values.seconds)) optionError('cut-pubsub', values['cut-pubsub'], `inside the measured window (under --seconds ${values.seconds})`);
/** The load generators' priority (nice value; 0 runs them as the services). */
const NICE = Number(values.nice);
const SEED = 7;
const TARGETS = { p99Ms: 250, gatewayBytes: 2 ** 30, perSubscriberBytes: 20 * 1024, itemSearchP99Ms: 50, kneeCharacters: 6_000, goalCharacters: 10_000, ingestUsPerEvent: 35, deliveryUs: 5 };
/** Seconds the floor's fleet logs in over, and plays before it is measured: the bare server has nothing to write or settle. */
const FLOOR_LOGIN_SECONDS = 20;
const FLOOR_SETTLE_SECONDS = 10;

/** The region half the positions subscribers watch: the south-west quarter of Dereth, in game coordinates. */
const REGION = { west: -102, east: 0, south: -102, north: 0 };
/** Characters each events subscriber follows. */
const FOLLOWED = 100;

const PLUGIN_SECRET = randomBytes(16).toString('hex');
const INTERNAL_SECRET = randomBytes(32).toString('hex');
const SESSION_SECRET = randomBytes(32).toString('hex');

const POSITIONS = 'subscription ($region: MapRegion) { positions(region: $region) { time positions { character time position { ew ns } } } }';
const EVENTS = 'subscription ($characters: [String!]) { events(characters: $characters) { type character raw } }';
/** The idle subscribers' operation: with the same variables for all it runs once upstream (shared); with a character each, once per subscriber. */
const IDLE = 'subscription Idle($characters: [String!]) { alerts(types: [RARE], characters: $characters) { id } }';
const ITEM_SEARCH = JSON.stringify({ query: '{ searchItems(filter: { text: "Ring" }, first: 20) { edges { node { id name owner { name } } } } }' });
const CHARACTER_QUERY = (name: string): string =>
  JSON.stringify({ query: 'query Three($name: String!) { character(name: $name) { name position { ew ns z } vitals { healthPct } inventory { id name } combat { lifetime { kills } } } }', variables: { name } });

const redisUrl = process.env.REDIS_URL;
const layout = redisUrl
  ? 'ingest, the subgraphs (telemetry with combat, inventory) and the gateway in processes of their own, over Redis'
  : 'ingest and the subgraphs in one process (in-memory pubsub; set REDIS_URL for a process each), the gateway in its own';
const loadNice = { nice: NICE };

const { adminUrl, stop: stopDatabase } = await database();
// Measured before the first step, while only the benchmark runs: knees of two machines compare through it.
const machineAtStart = await measureMachine(adminUrl);
const { calibration } = machineAtStart;
console.log(machineAtStart.atStart);
/** The services' processes run the compiled code, as production does. */
const compiled = await compiledServices();
progress(layout);

/** The services of the process that serves `positions` and `events` (over Redis). */
const TELEMETRY_PROCESS: ServiceName[] = ['telemetry', 'combat'];

/** One step's services, on a database of their own. */
interface Stack {
  db: { url: string; drop: () => Promise<void> };
  pool: pg.Pool;
  services: { label: string; child: ChildProcess; pid: number }[];
  ingest: Stack['services'][number];
  gateway: Stack['services'][number];
  pluginUrl: string;
  subgraphs: SubgraphUrls;
  gatewayUrl: string;
  wsUrl: string;
  token: string;
}

/** A fresh database and the services on it, as production runs them. */
async function startStack(): Promise<Stack> {
  const db = await freshDatabase(adminUrl);
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const config: ServicesConfig = {
    databaseUrl: db.url, redisUrl, channelPrefix: `bench-scale-${randomBytes(4).toString('hex')}.`, pluginSecret: PLUGIN_SECRET, internalSecret: INTERNAL_SECRET,
    sessionSecret: SESSION_SECRET, positionsTickMs: TICK_MS, recordedTypes: [],
  };
  const services: Stack['services'] = [];
  const start = async (label: string, names: ServiceName[], extra: Partial<ServicesConfig> = {}): Promise<ServicesReady> => {
    const child = forkChild('graph-services.ts', ['--services', names.join(','), '--config', JSON.stringify({ ...config, ...extra })], ['--max-semi-space-size=64', '--expose-gc', ...compiled, ...cpuProfiling(label)]);
    const ready = await messageFrom(child, (message): message is ServicesReady => (message as Partial<ServicesReady>).ready === true);
    services.push({ label, child, pid: ready.pid });
    return ready;
  };
  // One after the other, so that `services` is in this order: ingest first, the gateway last.
  const backends = redisUrl
    ? [await start('ingest', ['ingest']), await start('telemetry and combat subgraphs', TELEMETRY_PROCESS), await start('inventory subgraph', ['inventory'])]
    : [await start('ingest and the subgraphs', ['ingest', 'telemetry', 'inventory', 'combat'])];
  const subgraphs = Object.assign({}, ...backends.map((ready) => ready.subgraphs)) as SubgraphUrls;
  const gatewayReady = await start('gateway', ['gateway'], { subgraphs });
  const { url: gatewayUrl, wsUrl } = gatewayReady.gateway as { url: string; wsUrl: string };
  const issued = await issueApiToken(pool, { name: 'bench-scale', role: 'viewer', createdBy: null }, new Date());
  return {
    db, pool, services, ingest: services[0] as Stack['ingest'], gateway: services.at(-1) as Stack['gateway'],
    pluginUrl: backends.find((ready) => ready.pluginUrl)?.pluginUrl as string, subgraphs, gatewayUrl, wsUrl, token: issued.token,
  };
}

async function stopStack(stack: Stack): Promise<void> {
  for (const service of [...stack.services].reverse()) {
    service.child.send({ stop: true });
    await messageFrom(service.child, (message): message is { stopped: true } => (message as { stopped?: unknown }).stopped === true).catch(() => service.child.kill());
  }
  await stack.pool.end();
  await stack.db.drop();
}

const flushed = (message: unknown): message is { flushed: true } => (message as { flushed?: unknown }).flushed === true;
async function flushIngest(stack: Stack): Promise<void> {
  stack.ingest.child.send({ flush: true });
  await messageFrom(stack.ingest.child, flushed);
}

/** Resident memory of a process (Linux), in bytes. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? NaN) * 1024;
}
const mb = (bytes: number): string => `${fmt(bytes / 2 ** 20)} MB`;
const kb = (bytes: number): string => `${fmt(bytes / 1024, 1)} kB`;
const ms = (summary: LatencySummary): string => `p50 ${fmt(summary.p50, 1)} ms, p99 ${fmt(summary.p99, 1)} ms (${fmt(summary.count)})`;

/** With --cpu-prof-dir, the node options that make a service's process write its CPU profile in DIR/<label>. */
function cpuProfiling(label: string): string[] {
  const dir = values['cpu-prof-dir'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}/${label.replaceAll(/\W+/g, '-')}`] : [];
}

/** The gateway's memory after a full garbage collection: resident, and what its heap and buffers hold. */
async function gatewayMemory(stack: Stack): Promise<MemoryReport['memory']> {
  stack.gateway.child.send({ memory: true });
  const { memory } = await messageFrom(stack.gateway.child, (message): message is MemoryReport => (message as Partial<MemoryReport>).memory !== undefined);
  return memory;
}

/**
 * Memory per subscriber between two readings, as text: resident memory, then
 * what the heap and buffers hold. `bytes`, what targets are judged by, is
 * the larger: pages a process freed stay resident, so after an earlier
 * measurement the resident growth can understate what the heap took.
 */
function perSubscriberText(before: MemoryReport['memory'], after: MemoryReport['memory'], subscribers: number): { text: string; bytes: number } {
  const resident = (after.rss - before.rss) / subscribers;
  const held = (after.heapUsed + after.external - before.heapUsed - before.external) / subscribers;
  const bytes = Math.max(resident, held);
  return {
    bytes,
    text: `**${kb(bytes)}**, the larger of ${kb(resident)} resident (${mb(before.rss)} → ${mb(after.rss)}) and ${kb(held)} held by the heap and buffers${after.collected ? ', both after a full garbage collection' : ''}`,
  };
}

/** How subscriber plans are dealt to the processes: round-robin. */
const dealTo = <T>(plans: T[], processes: number, slot: number): T[] => plans.filter((_, index) => index % processes === slot);

/** Subscriber processes, each given its share of `plans`; resolves once every subscription is sent. */
async function startSubscribers(stack: Stack, plans: SubscriberPlan[]): Promise<ChildProcess[]> {
  const processes = Math.max(1, Math.min(SUBSCRIBER_PROCESSES, plans.length));
  const children = Array.from({ length: processes }, () => forkChild('scale-subscribers.ts', [], [], loadNice));
  await Promise.all(
    children.map((child, i) => {
      child.send({ url: stack.wsUrl, token: stack.token, plans: dealTo(plans, processes, i) });
      return messageFrom(child, (message): message is { ready: boolean; error?: string } => typeof (message as { ready?: unknown }).ready === 'boolean').then((message) => {
        if (!message.ready) throw new Error(`subscribers could not start: ${message.error}`);
      });
    }),
  );
  return children;
}

async function closeSubscribers(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((child) => {
    child.send({ close: true });
    return messageFrom(child, (message): message is { closed: true } => (message as { closed?: unknown }).closed === true).catch(() => child.kill());
  }));
}

/** Has Redis close the telemetry subgraph's pubsub subscriber connection, as it closes one past its client-output-buffer-limit pubsub. */
async function cutTelemetryPubsub(): Promise<void> {
  const name = `${benchProcessName(TELEMETRY_PROCESS)}:sub`;
  const closed = await withRedis((redis) => cutRedisClients(redis, name));
  progress(`Redis closed ${closed} connection${closed === 1 ? '' : 's'} named ${name}`);
}

/** The telemetry subgraph's pubsub cuts as they happen (polled every second), for when they came against the window and the drain. */
function watchCuts(stack: Stack): { times: number[]; stop: () => void } {
  const times: number[] = [];
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    counterAt(stack.subgraphs.telemetry, 'lifestone_pubsub_subscriber_cuts_total').then((cuts) => {
      while (times.length < (cuts || 0)) times.push(Date.now());
    }, () => {}).finally(() => (polling = false));
  }, 1_000);
  return { times, stop: () => clearInterval(timer) };
}

/**
 * Waits until the telemetry subgraph has read back the positions stored
 * during every gap in its pubsub (the last read comes a minute after the
 * gap), and its next tick has sent them: the sampled maps are read after.
 */
async function readBacksDone(stack: Stack): Promise<void> {
  const pending = (): Promise<number> => counterAt(stack.subgraphs.telemetry, 'lifestone_subgraph_process_positions_read_backs_pending');
  if (!((await pending()) > 0)) return;
  progress('positions reads back what a gap in its pubsub left out: waiting for its last read');
  const deadline = Date.now() + 120_000;
  while ((await pending()) > 0 && Date.now() < deadline) await sleep(500);
  await sleep(TICK_MS + 1_000);
}

/** A counter's value on the `/metrics` of the service at `url` (summed over its labels; NaN when it is not there). */
async function counterAt(url: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', url.replace(/^ws/, 'http')))).text();
  const found = text.split('\n').filter((line) => line.startsWith(name)).map((line) => Number(line.split(' ').at(-1)));
  return found.length === 0 ? NaN : found.reduce((sum, value) => sum + value, 0);
}

/** One step's figures: the table's cells by row, and what the knee and the verdicts need. */
interface StepResult {
  characters: number;
  cells: Map<string, string>;
  /** Frame to subscriber p99 under the target, nothing lost, nothing extra, nothing failed. */
  held: boolean;
  why: string;
  eventsLost: number;
  itemSearchP99: number;
  gatewayPeak: number;
  perSubscriberBytes: number;
  /** Ingest's CPU per event accepted, µs (all its threads). */
  ingestUs: number;
}

/** The table's rows, in order, with their targets. */
const ROWS: [figure: string, target: string][] = [];
const row = (figure: string, target = ''): string => {
  if (!ROWS.some(([known]) => known === figure)) ROWS.push([figure, target]);
  return figure;
};

const results: StepResult[] = [];
const idleRows: [string, string, string][] = [];
const verdicts: string[] = [];
const verdictText = (label: string, ok: boolean, cause?: string): string => `${label} ${ok ? 'met' : `MISSED${cause ? ` (${cause})` : ''}`}`;
const verdict = (label: string, ok: boolean, cause?: string): void => void verdicts.push(verdictText(label, ok, cause));
/** The idle subscribers' verdict, last in the line as their table is last. */
const idleVerdicts: string[] = [];

/** What reading the largest step's frames costs a bare WebSocket server: measured first, on an idle machine. */
const floor = values.only === 'idle' || values['skip-floor'] ? undefined : await measureFloor(STEPS.at(-1) as number);
if (values.only !== 'idle') {
  for (const [index, characters] of STEPS.entries()) {
    // Each step starts with PostgreSQL's dirty pages written: it pays for its own writes only.
    if (index > 0) await checkpoint(adminUrl);
    progress(`step ${index + 1} of ${STEPS.length}: ${fmt(characters)} characters`);
    const stack = await startStack();
    const result = await loadStep(stack, characters);
    results.push(result);
    process.stdout.write(`\n${stepSummary(result)}\n`);
    if (index === STEPS.length - 1 && values.only !== 'load') await idlePhase(stack);
    await stopStack(stack);
  }
} else {
  const stack = await startStack();
  await idlePhase(stack);
  await stopStack(stack);
}
// Measured again after the last step: a machine whose speed changed during the run says so.
const machine = await machineAtStart.atEnd();
await stopDatabase();

const report = resultsText();
process.stdout.write(`\n${report}\n\nverdict: ${verdicts.join('; ')}\n`);
await writeResults('scale', machine, report);

/** A step's main figures on a few lines, printed as soon as it ends. */
function stepSummary(result: StepResult): string {
  const pick = (figure: string): string => `${figure.replaceAll('*', '')}: ${result.cells.get(figure) ?? '-'}`;
  return [`${fmt(result.characters)} characters: ${result.held ? 'held' : `did not hold (${result.why})`}`, ...[...result.cells.keys()].filter((figure) => figure.startsWith('**')).map(pick)].join('\n  ');
}

/** The knee, the verdicts and the table: one column per step, then the idle subscribers. */
function resultsText(): string {
  const parts = [`${layout}.`];
  if (results.length > 0) {
    // The knee: every step up to it held (p99 under the target, nothing lost).
    const firstMiss = results.findIndex((result) => !result.held);
    const kneeIndex = firstMiss < 0 ? results.length - 1 : firstMiss - 1;
    const knee = results[kneeIndex];
    const heldLater = firstMiss < 0 ? [] : results.slice(firstMiss + 1).filter((result) => result.held);
    const missed = firstMiss < 0 ? undefined : results[firstMiss];
    const kneeText = knee
      ? `**knee: ${fmt(knee.characters)} characters**, the largest step up to which events' p99 frame to subscriber stayed under ${TARGETS.p99Ms} ms (positions' under ${TARGETS.p99Ms} ms and a tick) with nothing lost`
      : `**knee: below ${fmt(STEPS[0] as number)} characters**, the smallest step`;
    const missText = missed ? `; ${fmt(missed.characters)} did not hold (${missed.why})` : '';
    const laterText = heldLater.length > 0 ? `; ${heldLater.map((result) => fmt(result.characters)).join(', ')} held again after it` : '';
    parts.push(`${kneeText}${missText}${laterText}.`);
    if (floor) {
      parts.push(`The floor under ingest's CPU per event, measured first: ${fmt(floor.characters)} characters of the same fleet, logged in over ${FLOOR_LOGIN_SECONDS} s, sent to a bare WebSocket server (bench/socket-floor.ts: ws with ingest's options, counting messages, nothing else), ${SECONDS} s measured after ${FLOOR_SETTLE_SECONDS} s: **${floorText(floor)}**. That is what Node and ws take to read frames that arrive one per read (the kernel's reads, libuv's callbacks, ws's framing), before any work of ingest's.`);
    }
    const short = (STEPS.at(-1) as number) < TARGETS.kneeCharacters ? `; the steps stop below ${fmt(TARGETS.kneeCharacters)}` : '';
    verdict(`knee at ${fmt(TARGETS.kneeCharacters)} characters or more (goal ${fmt(TARGETS.goalCharacters)})`, (knee?.characters ?? 0) >= TARGETS.kneeCharacters, `${knee ? `knee at ${fmt(knee.characters)}` : 'no step held'}${short}`);
    const lossy = results.filter((result) => result.eventsLost > 0);
    verdict('no event lost at any step', lossy.length === 0, lossy.map((result) => `${fmt(result.eventsLost)} at ${fmt(result.characters)}`).join(', '));
    if (knee) verdict('item search p99 at the knee', knee.itemSearchP99 < TARGETS.itemSearchP99Ms, `${fmt(knee.itemSearchP99, 1)} ms`);
    const last = results.at(-1) as StepResult;
    verdict(`gateway memory at ${fmt(last.characters)}`, last.gatewayPeak < TARGETS.gatewayBytes && last.perSubscriberBytes <= TARGETS.perSubscriberBytes);
    const floorCause = floor?.characters === last.characters ? `; a bare WebSocket server reading the same frames takes ${fmt(floor.usPerFrame, 1)}` : '';
    verdict(`ingest CPU per event at ${fmt(last.characters)}`, last.ingestUs <= TARGETS.ingestUsPerEvent, `${fmt(last.ingestUs, 1)} µs${floorCause}`);
    const header = `| figure | ${results.map((result) => `${fmt(result.characters)} characters`).join(' | ')} | target |`;
    const divider = `| --- | ${results.map(() => '---').join(' | ')} | --- |`;
    const lines = ROWS.map(([figure, target]) => `| ${figure} | ${results.map((result) => result.cells.get(figure) ?? '-').join(' | ')} | ${target} |`);
    const settings = `Each step fresh (a new database and services, after a CHECKPOINT); characters log in at ${fmt(10_000 / LOGIN_SECONDS, 1)} a second (over 5 s at least), play ${SETTLE_SECONDS} s to settle and ${SECONDS} s measured; dashboards at ${fmt(POSITIONS_SHARE * 100)}% of the characters (half \`positions\`, half \`positions(region:)\`, a quarter of Dereth), \`events(characters:)\` at ${fmt(EVENTS_SHARE * 100)}% of ${FOLLOWED} characters each, from ${SUBSCRIBER_PROCESSES} processes; item search and \`character\` at ${QUERY_RATE}/s each; load generators at nice ${NICE}. CPU in cores (of ${os.cpus().length}) over the measured window.`;
    parts.push(settings, [header, divider, ...lines].join('\n'));
  }
  verdicts.push(...idleVerdicts);
  if (idleRows.length > 0) parts.push(['| figure | measured | target |', '| --- | --- | --- |', ...idleRows.map((cells) => `| ${cells.join(' | ')} |`)].join('\n'));
  return parts.join('\n\n');
}

/** Subscriber plans for a fleet of `names`: positions (whole, region) at POSITIONS_SHARE, events at EVENTS_SHARE. */
function subscriberPlans(names: string[]): { plans: SubscriberPlan[]; positions: number; region: number; events: number } {
  const characters = names.length;
  const positionSubscribers = Math.round(characters * POSITIONS_SHARE);
  const eventSubscribers = Math.round(characters * EVENTS_SHARE);
  const half = Math.floor(positionSubscribers / 2);
  const plans: SubscriberPlan[] = [];
  // Two of each kind of positions subscriber parse what they get (latency, the last position of each character); the others count.
  for (let i = 0; i < positionSubscribers; i++) {
    const region = i >= half;
    plans.push({ group: region ? 'region' : 'positions', query: POSITIONS, variables: region ? { region: REGION } : {}, sample: (region ? i - half : i) < 2 });
  }
  for (let i = 0; i < eventSubscribers; i++) {
    const followed = Array.from({ length: Math.min(FOLLOWED, characters) }, (_, k) => names[(i * FOLLOWED + k) % characters] as string);
    plans.push({ group: 'events', query: EVENTS, variables: { characters: followed }, sample: true });
  }
  return { plans, positions: half, region: positionSubscribers - half, events: eventSubscribers };
}

/** The mules' inventories, stored before the fleet comes: what the item search searches. */
async function storeMules(stack: Stack): Promise<number> {
  progress(`${MULES} mules report their inventories`);
  const mules = await reportMuleInventories(stack.pluginUrl, PLUGIN_SECRET, MULES);
  await flushIngest(stack);
  for (let waited = 0; ; waited += 250) {
    const { rows: [stored] } = await stack.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM inventory_items');
    if (stored?.n === mules.items) break;
    if (waited > 60_000) throw new Error(`ingest stored ${stored?.n} of ${mules.items} items`);
    await sleep(250);
  }
  mules.close();
  progress(`${fmt(mules.items)} items stored`);
  return mules.items;
}

/** What the measured window of a step gives: CPU, the services' own figures, the frames, the queries. */
interface Measured {
  from: CpuReading;
  to: CpuReading;
  cores: ReturnType<typeof coresUsed>;
  windows: WindowReport[];
  sent: { sent: number; refused: number; byCharacter: number[] };
  accepted: number;
  /** Transactions ingest's writer committed over the window, and the events they wrote. */
  batches: { count: number; events: number };
  itemSearch: QueryResult;
  characterQueries: QueryResult;
  /** When the measured window began and ended (ms since the epoch). */
  window: { from: number; to: number };
  peak: { gateway: number; ingest: number };
  fleetPid: number;
  queryPids: number[];
  /** Ingest's CPU seconds by thread name at the window's start and end (see `threadCpuByName`). */
  ingestThreads: { from: Map<string, number>; to: Map<string, number> };
}

/** The fleet plays while the subscribers listen and the queries run; the window is measured once the fleet settled. */
async function runFleet(stack: Stack, names: string[], subscribers: ChildProcess[]): Promise<Measured> {
  const characters = names.length;
  const loginSeconds = Math.max(5, Math.round((LOGIN_SECONDS * characters) / 10_000));
  const queryLoad = [forkChild('query-load.ts', [], [], loadNice), forkChild('query-load.ts', [], [], loadNice)];
  const queryRun = (bodies: string[]): QueryRun => ({
    url: stack.gatewayUrl, headers: { authorization: `Bearer ${stack.token}` }, bodies, concurrency: 1, rate: QUERY_RATE, warmupSeconds: 5, seconds: Math.max(10, SECONDS - 10),
  });
  const isResult = (message: unknown): message is QueryResult => typeof (message as Partial<QueryResult>).ok === 'number';

  progress(`${fmt(characters)} characters log in over ${loginSeconds} s, then play ${SETTLE_SECONDS} s to settle and ${SECONDS} s measured`);
  const peak = { gateway: 0, ingest: 0 };
  const sampler = setInterval(() => {
    peak.gateway = Math.max(peak.gateway, rssOf(stack.gateway.pid));
    peak.ingest = Math.max(peak.ingest, rssOf(stack.ingest.pid));
  }, 1_000);
  let opened: { from: CpuReading; threads: Map<string, number>; at: number; accepted: Promise<number>; batches: Promise<number[]> } | undefined;
  const batchesNow = (): Promise<number[]> => Promise.all(['lifestone_batch_size_count', 'lifestone_batch_size_sum'].map((name) => counterAt(stack.pluginUrl, name)));
  let queries: Promise<QueryResult[]> | undefined;
  const fleet = forkChild('plugin-load.ts', [
    '--url', stack.pluginUrl, '--secret', PLUGIN_SECRET, '--mode', 'fleet', '--connections', String(characters),
    '--seconds', String(SETTLE_SECONDS + SECONDS), '--login-seconds', String(loginSeconds), '--seed', String(SEED),
  ], [], loadNice);
  fleet.on('message', (message: { phase?: string }) => {
    if (message.phase !== 'connected') return;
    progress(`every character logged in: measuring in ${SETTLE_SECONDS} s`);
    setTimeout(startWindow, SETTLE_SECONDS * 1000);
  });
  function startWindow(): void {
    progress('measuring');
    if (CUT_PUBSUB_SECONDS !== undefined) setTimeout(() => void cutTelemetryPubsub(), CUT_PUBSUB_SECONDS * 1000);
    opened = { from: cpuReading(), threads: threadCpuByName(stack.ingest.pid), at: Date.now(), accepted: counterAt(stack.pluginUrl, 'lifestone_frames_accepted_total'), batches: batchesNow() };
    for (const service of stack.services) service.child.send({ window: 'start' });
    for (const child of subscribers) child.send({ window: 'start' });
    queries = Promise.all(queryLoad.map((child, i) => {
      child.send(queryRun(i === 0 ? [ITEM_SEARCH] : names.slice(0, 50).map(CHARACTER_QUERY)));
      return messageFrom(child, isResult);
    }));
  }
  type FleetReport = { sent: number; refused: number; byCharacter: number[] };
  const { report: sent } = await messageFrom(fleet, (message): message is { phase: 'done'; report: FleetReport } => (message as { phase?: string }).phase === 'done');
  const to = cpuReading();
  const threadsTo = threadCpuByName(stack.ingest.pid);
  const acceptedTo = await counterAt(stack.pluginUrl, 'lifestone_frames_accepted_total');
  const batchesTo = await batchesNow();
  for (const child of subscribers) child.send({ window: 'end' });
  if (!opened) throw new Error('the fleet stopped before the measured window began');
  const { from, at: windowFrom } = opened;
  const windowTo = Date.now();
  const queryPids = queryLoad.map((child) => child.pid as number);
  const cores = coresUsed(from, to, [
    ...stack.services.map((service) => ({ label: service.label, pids: [service.pid] })),
    { label: 'the fleet', pids: [fleet.pid as number] },
    { label: 'the subscribers', pids: subscribers.map((child) => child.pid as number) },
    { label: 'the query load', pids: queryPids },
  ]);
  const isWindow = (message: unknown): message is WindowReport => (message as Partial<WindowReport>).window === 'end';
  const windows = await Promise.all(stack.services.map((service) => {
    service.child.send({ window: 'end', from: windowFrom, to: windowTo });
    return messageFrom(service.child, isWindow);
  }));
  clearInterval(sampler);
  const [itemSearch, characterQueries] = (await queries) as [QueryResult, QueryResult];
  for (const child of queryLoad) child.kill();
  return {
    from, to, cores, windows, sent, accepted: acceptedTo - (await opened.accepted), batches: batchesBetween(await opened.batches, batchesTo), itemSearch, characterQueries, window: { from: windowFrom, to: windowTo }, peak,
    fleetPid: fleet.pid as number, queryPids, ingestThreads: { from: opened.threads, to: threadsTo },
  };
}

/** What a bare WebSocket server took to read a fleet's frames over the measured window. */
interface Floor {
  characters: number;
  messages: number;
  seconds: number;
  /** CPU per frame, µs: the process, its main thread, V8's helper threads. */
  usPerFrame: number;
  mainUs: number;
  v8Us: number;
}

/**
 * The floor under ingest's CPU per event: a fleet of `characters` at the
 * protocol's rates, sent by the same load generator to a bare WebSocket
 * server (socket-floor.ts), measured as a step's window is.
 */
async function measureFloor(characters: number): Promise<Floor> {
  progress(`the floor: ${fmt(characters)} characters send their frames to a bare WebSocket server`);
  const sink = forkChild('socket-floor.ts', [], compiled);
  const { port } = await messageFrom(sink, (message): message is { port: number } => typeof (message as { port?: unknown }).port === 'number');
  const counted = async (): Promise<number> => {
    const answer = messageFrom(sink, (message): message is FloorCount => typeof (message as Partial<FloorCount>).messages === 'number');
    sink.send({ count: true });
    return (await answer).messages;
  };
  const fleet = forkChild('plugin-load.ts', [
    '--url', `ws://127.0.0.1:${port}${PLUGIN_PATH}`, '--secret', PLUGIN_SECRET, '--mode', 'fleet', '--connections', String(characters),
    '--seconds', String(FLOOR_SETTLE_SECONDS + SECONDS), '--login-seconds', String(FLOOR_LOGIN_SECONDS), '--seed', String(SEED),
  ], [], loadNice);
  const phase = (name: string) => (message: unknown): message is { phase: string } => (message as { phase?: string }).phase === name;
  const done = messageFrom(fleet, phase('done'));
  await messageFrom(fleet, phase('connected'));
  await sleep(FLOOR_SETTLE_SECONDS * 1000);
  const pid = sink.pid as number;
  const from = { cpu: cpuReading(), threads: threadCpuByName(pid), messages: await counted(), at: Date.now() };
  await done;
  const to = { cpu: cpuReading(), threads: threadCpuByName(pid), messages: await counted(), at: Date.now() };
  sink.kill();
  const messages = to.messages - from.messages;
  const perFrame = (seconds: number): number => (seconds * 1e6) / Math.max(1, messages);
  const threads = threadsBetween(from.threads, to.threads);
  const result: Floor = {
    characters, messages, seconds: (to.at - from.at) / 1000,
    usPerFrame: perFrame(cpuSecondsBetween(from.cpu, to.cpu, [pid])), mainUs: perFrame(threads.main), v8Us: perFrame(threads.v8),
  };
  progress(`the floor: ${floorText(result)}`);
  return result;
}

function floorText(floor: Floor): string {
  return `${fmt(floor.usPerFrame, 1)} µs of CPU per frame (main thread ${fmt(floor.mainUs, 1)}, V8's helpers ${fmt(floor.v8Us, 1)}; ${fmt(floor.messages / floor.seconds)} frames/s)`;
}

/**
 * Ingest's CPU per event accepted over the window, split by its threads: the
 * main thread (sockets, the writer, the publisher), the decode threads
 * (parsing and serialising frames), V8's helper threads (garbage collection
 * and compilation beside the main thread), and the rest of the process
 * (libuv's pool, threads that ended).
 */
function ingestByThread({ ingestThreads: { from, to }, accepted }: Measured, processSeconds: number): string {
  if (to.size === 0) return 'unknown (no /proc)';
  const { main, decode, v8 } = threadsBetween(from, to);
  const us = (seconds: number): string => `${fmt((seconds * 1e6) / Math.max(1, accepted), 1)} µs`;
  return `main thread ${us(main)}, decode threads ${us(decode)}, V8's helpers (garbage collection, compilation) ${us(v8)}, the rest ${us(Math.max(0, processSeconds - main - decode - v8))}`;
}

/**
 * CPU seconds between two readings of `threadCpuByName` by kind of thread:
 * the main thread, ingest's decode threads, V8's helpers.
 */
function threadsBetween(from: Map<string, number>, to: Map<string, number>): { main: number; decode: number; v8: number } {
  const used = (name: string): number => Math.max(0, (to.get(name) ?? 0) - (from.get(name) ?? 0));
  const threads = { main: 0, decode: 0, v8: 0 };
  for (const name of to.keys()) {
    if (name === 'MainThread') threads.main += used(name);
    else if (name.startsWith('lifestone-deco')) threads.decode += used(name);
    else if (name.startsWith('V8')) threads.v8 += used(name);
  }
  return threads;
}

/** Transactions and the events they wrote between two readings of ingest's `lifestone_batch_size` count and sum. */
function batchesBetween([countFrom = 0, eventsFrom = 0]: number[], [countTo = 0, eventsTo = 0]: number[]): { count: number; events: number } {
  return { count: countTo - countFrom, events: eventsTo - eventsFrom };
}

/** The subscribers' reports, merged by group, once each events subscriber has what its characters sent (or gave up waiting). */
async function subscriberReports(subscribers: ChildProcess[], plans: SubscriberPlan[], sentBy: Map<string, number>): Promise<{ merged: Record<string, GroupReport>; failures: number; firstFailure?: string; gaveUp: boolean; expected: number[]; received: number[]; interrupted: number[] }> {
  const expectedOf = (plan: SubscriberPlan): number => (plan.variables?.characters as string[]).reduce((sum, name) => sum + (sentBy.get(name) ?? 0), 0);
  const processes = subscribers.length;
  const perProcess = subscribers.map((_, p) => dealTo(plans, processes, p).filter((plan) => plan.group === 'events').map(expectedOf));
  const reports = await Promise.all(subscribers.map((child, p) => {
    child.send({ report: true, expected: perProcess[p] });
    return messageFrom(child, (message): message is ScaleSubscribersReport => typeof (message as Partial<ScaleSubscribersReport>).failures === 'number');
  }));
  // Merge the processes' reports: a group's subscribers in plan order do not matter, only their counts.
  const merged: Record<string, GroupReport> = {};
  for (const report of reports) {
    for (const [group, part] of Object.entries(report.groups)) {
      const into = (merged[group] ??= { subscribers: 0, messages: [], interrupted: [], latencies: [], latenciesByType: {}, lastPositions: [], bytes: 0, windowMessages: 0, windowSampledMessages: 0, windowSampledItems: 0 });
      into.subscribers += part.subscribers;
      into.messages.push(...part.messages);
      into.interrupted.push(...part.interrupted);
      for (const latency of part.latencies) into.latencies.push(latency);
      for (const [type, latencies] of Object.entries(part.latenciesByType)) {
        const list = (into.latenciesByType[type] ??= []);
        for (const latency of latencies) list.push(latency);
      }
      into.lastPositions.push(...part.lastPositions);
      into.bytes += part.bytes;
      into.windowMessages += part.windowMessages;
      into.windowSampledMessages += part.windowSampledMessages;
      into.windowSampledItems += part.windowSampledItems;
    }
  }
  // Each process's events subscribers in its plan order, the processes in turn: the same order as `merged.events.messages`.
  const received = reports.flatMap((report) => report.groups.events?.messages ?? []);
  const interrupted = reports.flatMap((report) => report.groups.events?.interrupted ?? []);
  return {
    merged, failures: reports.reduce((sum, report) => sum + report.failures, 0), firstFailure: reports.find((report) => report.firstFailure)?.firstFailure,
    gaveUp: reports.some((report) => report.gaveUp), expected: perProcess.flat(), received, interrupted,
  };
}

/** Positions: a sampled subscriber's last position of each character is where the character stands now. */
async function positionsLost(stack: Stack, merged: Record<string, GroupReport>): Promise<{ everywhere: { checked: number; wrong: number }; inRegion: { checked: number; wrong: number } }> {
  const { rows: live } = await stack.pool.query<{ character_name: string; ew: number; ns: number }>('SELECT character_name, ew, ns FROM live_characters WHERE ew IS NOT NULL');
  const stale = (group: string, inside: (ew: number, ns: number) => boolean): { checked: number; wrong: number } => {
    let checked = 0;
    let wrong = 0;
    for (const last of merged[group]?.lastPositions ?? []) {
      for (const character of live) {
        if (character.character_name.startsWith('Mule ') || !inside(character.ew, character.ns)) continue;
        checked++;
        if (last[character.character_name] !== `${character.ew} ${character.ns}`) wrong++;
      }
    }
    return { checked, wrong };
  };
  return {
    everywhere: stale('positions', () => true),
    inRegion: stale('region', (ew, ns) => ew >= REGION.west && ew <= REGION.east && ns >= REGION.south && ns <= REGION.north),
  };
}

/** One step: mules, subscribers, the fleet with the queries, the rest delivered; its figures. */
async function loadStep(stack: Stack, characters: number): Promise<StepResult> {
  const items = await storeMules(stack);
  const names = createFleet({ characters, seed: SEED, start: Date.now() }).map((character) => character.name);
  const planned = subscriberPlans(names);
  const memoryBefore = await gatewayMemory(stack);
  progress(`${fmt(planned.positions + planned.region)} positions (half of them a region) and ${fmt(planned.events)} events subscribers connect to the gateway`);
  const subscribers = await startSubscribers(stack, planned.plans);
  await sleep(2_000);
  const memorySubscribed = await gatewayMemory(stack);

  const cuts = watchCuts(stack);
  const measured = await runFleet(stack, names, subscribers);
  progress('fleet stopped; ingest writes the rest, subscribers receive it');
  await flushIngest(stack);
  const drainedAt = Date.now();
  await readBacksDone(stack);
  cuts.stop();
  const sentBy = new Map(names.map((name, index) => [name, measured.sent.byCharacter[index] ?? 0]));
  const delivered = await subscriberReports(subscribers, planned.plans, sentBy);
  await closeSubscribers(subscribers);
  // Labelled by transport, so without a sample until the first.
  const endedTooSlow = (await counterAt(stack.gatewayUrl, 'lifestone_gateway_slow_subscribers_total')) || 0;
  // The telemetry subgraph serves `positions` and `events`; a subgraph sharing its process reports the same count.
  const subgraphTooSlow = (await counterAt(stack.subgraphs.telemetry, 'lifestone_subgraph_process_subscriptions_too_slow_total')) || 0;
  // Connections the gateway closed (1013) for answering a ping too late: the subscriber connects again, told.
  const unanswered = (await counterAt(stack.gatewayUrl, 'lifestone_gateway_websockets_unanswered_total')) || 0;
  const publishDropped = (await counterAt(stack.pluginUrl, 'lifestone_publish_dropped_total')) || 0;
  // Redis cuts a subscriber connection over its output buffer limit: what it published meanwhile never reached the subgraph.
  const subscriberCuts = (await counterAt(stack.subgraphs.telemetry, 'lifestone_pubsub_subscriber_cuts_total')) || 0;
  const readBack = (await counterAt(stack.subgraphs.telemetry, 'lifestone_subgraph_process_positions_read_back_total')) || 0;
  const at = (time: number): string => `+${fmt((time - measured.window.from) / 1000, 1)} s`;
  const cutsText = cuts.times.length === 0 ? '' : ` (at ${cuts.times.map(at).join(', ')} of the measured window, which ended at ${at(measured.window.to)}; ingest had committed everything at ${at(drainedAt)}); ${fmt(readBack)} positions read back after`;
  const positions = await positionsLost(stack, delivered.merged);

  return stepResult({
    stack, characters, items, planned, measured, delivered, positions, endedTooSlow, subgraphTooSlow, unanswered, publishDropped, subscriberCuts, cutsText,
    perSubscriber: perSubscriberText(memoryBefore, memorySubscribed, planned.plans.length),
  });
}

/** A step's figures as the table's cells. */
function stepResult(step: {
  stack: Stack; characters: number; items: number; planned: ReturnType<typeof subscriberPlans>; measured: Measured; delivered: Awaited<ReturnType<typeof subscriberReports>>;
  positions: Awaited<ReturnType<typeof positionsLost>>; endedTooSlow: number; subgraphTooSlow: number; unanswered: number; publishDropped: number; subscriberCuts: number; cutsText: string; perSubscriber: { text: string; bytes: number };
}): StepResult {
  const { stack, characters, planned, measured, delivered, positions } = step;
  const { merged } = delivered;
  // Events: each subscriber should have every frame its characters sent, no more; what it lacks is lost, unless its
  // feed was ended with a code that tells of the gap (LIVE_FEED_INTERRUPTED, SUBSCRIBER_TOO_SLOW): then it was missed
  // live, told, and read back from storage as the dashboard does.
  let eventsLost = 0;
  let eventsTold = 0;
  let eventsExtra = 0;
  let interruptions = 0;
  delivered.expected.forEach((expected, slot) => {
    const received = delivered.received[slot] ?? 0;
    const interrupted = delivered.interrupted[slot] ?? 0;
    interruptions += interrupted;
    if (interrupted > 0) eventsTold += Math.max(0, expected - received);
    else eventsLost += Math.max(0, expected - received);
    eventsExtra += Math.max(0, received - expected);
  });
  const eventsExpected = delivered.expected.reduce((sum, n) => sum + n, 0);
  const positionLatency = summarize([...(merged.positions?.latencies ?? []), ...(merged.region?.latencies ?? [])]);
  const eventLatency = summarize(merged.events?.latencies ?? []);
  const allLatency = summarize([...(merged.positions?.latencies ?? []), ...(merged.region?.latencies ?? []), ...(merged.events?.latencies ?? [])]);
  const search = summarize(measured.itemSearch.latencies);
  const character = summarize(measured.characterQueries.latencies);
  const positionsWrong = positions.everywhere.wrong + positions.inRegion.wrong;
  const lost = eventsLost + positionsWrong + delivered.failures;

  const cells = new Map<string, string>();
  const set = (figure: string, target: string, cell: string): void => void cells.set(row(figure, target), cell);
  const windowSeconds = measured.cores.seconds;
  set('fleet: frames sent in all (accepted a second while measured), refused', '', `${fmt(measured.sent.sent)} (${fmt(measured.accepted / windowSeconds)}/s), ${fmt(measured.sent.refused)} refused`);
  set('subscribers: `positions` / `positions(region:)` / `events(characters:)`', '', `${fmt(planned.positions)} / ${fmt(planned.region)} / ${fmt(planned.events)}`);
  set('frame sent → subscriber received, all', '', ms(allLatency));
  // A position waits for its subscription's next tick by design (the feed is coalesced): its target is a tick longer.
  set('**positions, frame sent → subscriber received**', `p99 < ${TARGETS.p99Ms} ms + the tick (${TICK_MS} ms)`, `**${ms(positionLatency)}**`);
  set('**events, frame sent → subscriber received**', `p99 < ${TARGETS.p99Ms} ms`, `**${ms(eventLatency)}**`);
  // Ingest publishes the live types as it accepts them, the rest once their transaction commits: which one holds the tail.
  const byType = Object.entries(merged.events?.latenciesByType ?? {});
  const live = (type: string): boolean => LIVE_TYPES.has(type.toLowerCase() as FrameType);
  const onAcceptance = summarize(byType.filter(([type]) => live(type)).flatMap(([, latencies]) => latencies));
  const onceStored = summarize(byType.filter(([type]) => !live(type)).flatMap(([, latencies]) => latencies));
  set('events published as ingest accepts them (telemetry, vitals, chat...); once stored (inventory, combat...)', '', `${ms(onAcceptance)}; ${ms(onceStored)}`);
  const gaveUp = delivered.gaveUp ? ' (still arriving 300 s after the fleet stopped: counted lost)' : '';
  set('**events delivered / lost**', 'none lost', `**${fmt(eventsExpected - eventsLost - eventsTold)} of ${fmt(eventsExpected)}, ${fmt(eventsLost)} lost**${eventsExtra ? `, ${fmt(eventsExtra)} extra` : ''}${gaveUp}`);
  set('events missed live but told (`LIVE_FEED_INTERRUPTED`, `SUBSCRIBER_TOO_SLOW`, a connection closed 1013: the subscriber reads them back from storage); feeds so ended', '', `${fmt(eventsTold)}; ${fmt(interruptions)}`);
  set('**positions lost** (a sampled map not showing where a character stands at the end)', 'none lost', `**${fmt(positions.everywhere.wrong)} of ${fmt(positions.everywhere.checked)}** whole-fleet, **${fmt(positions.inRegion.wrong)} of ${fmt(positions.inRegion.checked)}** in the region`);
  set('subscriptions ended for not keeping up: by the gateway (over the unsent limit), by the subgraphs (stalled past ' + fmt(MAX_QUEUED) + ' waiting); connections the gateway closed for answering a ping too late (1013)', '0', `${fmt(step.endedTooSlow)}, ${fmt(step.subgraphTooSlow)}; ${fmt(step.unanswered)}`);
  set('messages ingest never published (`lifestone_publish_dropped_total`)', '0', fmt(step.publishDropped));
  const cutBy = CUT_PUBSUB_SECONDS === undefined ? '' : `; the bench cut it ${CUT_PUBSUB_SECONDS} s into the window`;
  set('the telemetry subgraph\'s pubsub connection cut under it (`lifestone_pubsub_subscriber_cuts_total`: Redis\'s client-output-buffer-limit pubsub)', CUT_PUBSUB_SECONDS === undefined ? '0' : '', `${fmt(step.subscriberCuts)}${step.cutsText}${cutBy}`);
  set('subscriptions failed', '0', `${fmt(delivered.failures)}${delivered.firstFailure ? ` (${delivered.firstFailure})` : ''}`);

  const part = (label: string): number => measured.cores.parts.find((candidate) => candidate.label === label)?.cores ?? 0;
  const cores = (n: number): string => fmt(n, 2);
  const serviceCores = stack.services.map((service) => part(service.label));
  for (const [i, service] of stack.services.entries()) set(`CPU: ${service.label}`, '', `${cores(serviceCores[i] as number)} (event loop p99 ${fmt(measured.windows[i]?.loopDelayP99 ?? NaN, 1)} ms)`);
  const pubsubCores = part('Redis') + part('NATS');
  set('CPU: PostgreSQL', '', cores(part('PostgreSQL')));
  set('CPU: the pubsub (Redis, NATS)', '', cores(pubsubCores));
  const load = { fleet: part('the fleet'), subscribers: part('the subscribers'), queries: part('the query load') };
  const loadCores = load.fleet + load.subscribers + load.queries;
  set(`CPU: the load generators (nice ${NICE}): fleet, subscribers, queries`, '', `**${cores(loadCores)}, ${fmt((loadCores / os.cpus().length) * 100)}% of the machine** (${cores(load.fleet)}, ${cores(load.subscribers)}, ${cores(load.queries)})`);
  set('CPU: everything else; the machine busy', '', `${cores(part('everything else'))}; ${fmt(measured.cores.busy * 100)}%`);

  // Per-event costs, from /proc over the window: a process's figure covers all its threads.
  const cpuOf = (pids: number[]): number => cpuSecondsBetween(measured.from, measured.to, pids);
  const ingestShared = !redisUrl;
  const ingestUs = (cpuOf([stack.ingest.pid]) * 1e6) / measured.accepted;
  // In the calibration's frames too: the same code costs more µs on a slower machine, about as many frames.
  set('**ingest CPU per event accepted** (all its threads)', `≤ ${TARGETS.ingestUsPerEvent} µs`, `**${fmt(ingestUs, 1)} µs**${ingestShared ? ' (with the subgraphs: set REDIS_URL)' : ''} (${fmt(measured.accepted)} events; ${fmt(ingestUs / calibration.jsonUs, 1)} calibration frames)`);
  set('ingest CPU per event accepted, by thread', '', `${ingestByThread(measured, cpuOf([stack.ingest.pid]))}${ingestShared ? ' (the main thread runs the subgraphs too: set REDIS_URL)' : ''}`);
  if (floor?.characters === characters) {
    set('the floor: a bare WebSocket server (ws, ingest\'s options) reading the same fleet\'s frames, CPU per frame; ingest above it', '', `${floorText(floor)}; ingest ${fmt(ingestUs - floor.usPerFrame, 1)} µs above it`);
  }
  const { batches } = measured;
  set('ingest\'s writer: transactions committed a second, events in each', '', `${fmt(batches.count / windowSeconds)}/s, ${fmt(batches.events / Math.max(1, batches.count), 1)} events each`);
  const windowMessages = Object.values(merged).reduce((sum, group) => sum + group.windowMessages, 0);
  // A positions batch is the same for every subscriber of a kind (one upstream subscription): the sampled subscribers' batch size stands for all.
  const windowEvents = Object.values(merged).reduce((sum, group) => sum + (group.windowSampledMessages > 0 ? (group.windowMessages * group.windowSampledItems) / group.windowSampledMessages : 0), 0);
  const deliveryCpu = ingestShared ? NaN : cpuOf(stack.services.slice(1).map((service) => service.pid));
  const perDelivery = (n: number): string => (ingestShared ? 'n/a (ingest shares the subgraphs\' process: set REDIS_URL)' : `${fmt((deliveryCpu * 1e6) / n, 2)} µs`);
  set('**gateway + subgraphs CPU per event delivered** (an `events` event, or a character\'s position in a `positions` batch)', `≤ ${TARGETS.deliveryUs} µs`, `**${perDelivery(windowEvents)}** (${fmt(windowEvents)} events and positions)`);
  set('gateway + subgraphs CPU per message delivered (an `events` event or a `positions` batch)', '', `${perDelivery(windowMessages)} (${fmt(windowMessages)} messages)`);
  const lifestone = serviceCores.reduce((sum, n) => sum + n, 0) + part('PostgreSQL') + pubsubCores;
  set('**cores per 1,000 characters**: ingest, subgraphs, gateway, PostgreSQL, pubsub', '', `**${fmt(lifestone / (characters / 1_000), 3)}** (${cores(lifestone)} in all)`);

  set('peak RSS: ingest, gateway', `gateway < ${mb(TARGETS.gatewayBytes)}`, `${mb(measured.peak.ingest)}, ${mb(measured.peak.gateway)}`);
  set('memory per subscriber (the gateway with them connected, before the fleet)', `≤ ${kb(TARGETS.perSubscriberBytes)}`, step.perSubscriber.text);
  const failed = (result: QueryResult): string => (result.failed ? `, ${result.failed} failed (${result.firstError})` : '');
  set(`**item search** through the gateway, ${fmt(step.items)} items of ${MULES} mules, ${QUERY_RATE}/s`, `p99 < ${TARGETS.itemSearchP99Ms} ms at the knee`, `**${ms(search)}**${failed(measured.itemSearch)}`);
  set(`\`character\` across three subgraphs, ${QUERY_RATE}/s`, '', `${ms(character)}${failed(measured.characterQueries)}`);

  const eventsHeld = eventLatency.p99 < TARGETS.p99Ms;
  const positionsHeld = positionLatency.p99 < TARGETS.p99Ms + TICK_MS;
  const reasons = [
    !eventsHeld ? `events p99 ${fmt(eventLatency.p99, 1)} ms` : '',
    !positionsHeld ? `positions p99 ${fmt(positionLatency.p99, 1)} ms` : '',
    eventsLost > 0 ? `${fmt(eventsLost)} events lost${step.subscriberCuts > 0 ? ` (the subgraph's pubsub connection cut ${fmt(step.subscriberCuts)} times)` : ''}` : '',
    eventsTold > 0 ? `${fmt(eventsTold)} events missed live, told (${fmt(interruptions)} feeds ended: the pubsub connection cut ${fmt(step.subscriberCuts)} times, ${fmt(step.endedTooSlow + step.subgraphTooSlow)} subscribers too slow, ${fmt(step.unanswered)} connections answering pings too late)` : '',
    eventsExtra > 0 ? `${fmt(eventsExtra)} events extra` : '',
    positionsWrong > 0 ? `${fmt(positionsWrong)} positions lost` : '',
    delivered.failures > 0 ? `${fmt(delivered.failures)} subscriptions failed` : '',
    measured.cores.busy >= 0.95 ? `the cores ${fmt(measured.cores.busy * 100)}% busy` : '',
  ].filter(Boolean);
  // Read back from storage is not real time: a step with a feed interrupted did not hold.
  const held = eventsHeld && positionsHeld && lost === 0 && eventsTold === 0 && eventsExtra === 0;
  set('**held** (p99 under the target, nothing lost)', '', held ? 'yes' : `**no**: ${reasons.join(', ')}`);
  return { characters, cells, held, why: reasons.join(', '), eventsLost, itemSearchP99: search.p99, gatewayPeak: measured.peak.gateway, perSubscriberBytes: step.perSubscriber.bytes, ingestUs };
}

/**
 * Idle graphql-ws subscribers: the gateway's memory for each, first each
 * following a character of its own (each its own subscription upstream, as
 * character windows are), then with the same operation and variables for
 * all (as dashboards and the Discord bot subscribe to the same feeds: they
 * join one subscription upstream).
 */
async function idlePhase(stack: Stack): Promise<void> {
  for (const [label, variables] of [['each its own `alerts` subscription', (i: number) => ({ characters: [`Idle ${i}`] })], ['the same `alerts` subscription, shared', () => ({})]] as const) {
    await sleep(3_000);
    const before = await gatewayMemory(stack);
    progress(`${fmt(IDLE_SUBSCRIBERS)} idle subscribers connect to the gateway: ${label}`);
    const children = await startSubscribers(stack, Array.from({ length: IDLE_SUBSCRIBERS }, (_, i) => ({ group: 'idle', query: IDLE, variables: variables(i), sample: false })));
    await sleep(5_000);
    const after = await gatewayMemory(stack);
    await closeSubscribers(children);
    const perSubscriber = perSubscriberText(before, after, IDLE_SUBSCRIBERS);
    idleRows.push([`**${fmt(IDLE_SUBSCRIBERS)} idle graphql-ws subscribers**, ${label}: gateway memory per subscriber`, perSubscriber.text, `≤ ${kb(TARGETS.perSubscriberBytes)}`]);
    idleVerdicts.push(verdictText(`idle memory per subscriber (${label.replaceAll('`', '')})`, perSubscriber.bytes <= TARGETS.perSubscriberBytes));
  }
}
