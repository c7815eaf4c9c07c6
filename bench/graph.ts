/**
 * `npm run bench:graph`: the federated graph on a real PostgreSQL
 * (DATABASE_URL, or the embedded one) with ingest, the three subgraphs, the
 * Hive Gateway and the @apollo/gateway peer in child processes as production
 * runs them (see {@link startStack}; bench/graph-services.ts), and every
 * load in child processes of its own. Prints, for the same machine in the
 * same run:
 *
 * 1. live: a fleet of simulated characters (default 1,000) streaming into
 *    ingest over real WebSockets while 100 graphql-ws clients of the gateway
 *    subscribe (50 `positions`, 50 `events(types: [TELEMETRY, VITALS, CHAT])`):
 *    p50/p99 from plugin frame sent to subscriber received (target p99 under
 *    100 ms), beside frame sent to row committed (ingest's share).
 * 2. queries, once the fleet stopped, with its data in the database: a
 *    single-subgraph `character` query directly against the telemetry
 *    subgraph (the baseline), through the Hive Gateway and through
 *    `@apollo/gateway` over the same supergraph; a three-subgraph `character`
 *    query through both gateways. Throughput and p50/p99 at a fixed
 *    concurrency (targets: Hive at most 2x the direct latency; faster than
 *    `@apollo/gateway` on both queries); then the single-subgraph query one
 *    request at a time, where no answer waits for the machine's cores: back
 *    to back, and paced at the same rate for every target (--paced-rate,
 *    200/s), the latency each hop adds on its own in the same conditions
 *    (Hive at most 2x direct there too; back to back, the direct target
 *    answers about twice as many requests a second, and processes that wait
 *    between requests answer each one slower, so that comparison flatters
 *    direct).
 *
 * Options: --characters N, --login-seconds S (the fleet's login ramp),
 * --live-seconds S (measured), --tick-ms MS (the positions tick),
 * --positions-subscribers N, --events-subscribers N, --subscriber-processes N
 * (the subscribers spread over that many processes), --concurrency N,
 * --paced-rate N (requests a second of the paced targets),
 * --query-seconds S (measured per target), --rounds N (the targets take turns
 * this many times), --warmup-seconds S, --only live|queries, --cpu-prof-dir DIR
 * (each service process, and the subscribers', writes its CPU profiles in
 * DIR/<name> when it stops).
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPool } from '@lifestone/lib/db';
import { IDENTITY_HEADER, signIdentity, type Identity } from '@lifestone/lib/graph';
import type { SubgraphUrls } from '@lifestone/gateway';
import { issueApiToken } from '@lifestone/lib/auth';
import { createFleet } from '@lifestone/simulator';
import { compiledServices, database, fmt, forkChild, freshDatabase, measureMachine, messageFrom, now, progress, summarize, writeResults, type LatencySummary } from './common.js';
import type { ServiceName, ServicesConfig, ServicesReady, WindowReport } from './graph-services.js';
import type { QueryResult, QueryRun } from './query-load.js';
import type { SubscribersReport } from './subscribers.js';

const { values } = parseArgs({
  options: {
    characters: { type: 'string', default: '1000' },
    'login-seconds': { type: 'string', default: '15' },
    'live-seconds': { type: 'string', default: '30' },
    'tick-ms': { type: 'string', default: '50' },
    'positions-subscribers': { type: 'string', default: '50' },
    'events-subscribers': { type: 'string', default: '50' },
    'subscriber-processes': { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '20' },
    'paced-rate': { type: 'string', default: '200' },
    'query-seconds': { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    'warmup-seconds': { type: 'string', default: '2' },
    only: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
  },
});

const PLUGIN_SECRET = randomBytes(12).toString('hex');
const INTERNAL_SECRET = randomBytes(16).toString('hex');
const SESSION_SECRET = randomBytes(16).toString('hex');
/** The fleet's seed: the query phase asks for the same characters the load child played. */
const SEED = 7;
/** After the last character logged in, before the live measurement starts. */
const SETTLE_MS = 5_000;
/** Characters the queries ask for, in turn. */
const QUERIED_CHARACTERS = 100;
/** How long the fleet plays in a `--only queries` run: enough for every character to report vitals. */
const SEED_ONLY_SECONDS = 6;
/** The frame types the `events` subscribers take. */
const SUBSCRIBED_TYPES = new Set(['telemetry', 'vitals', 'chat']);

const SINGLE_QUERY = 'query Single($name: String!) { character(name: $name) { name position { ew ns } vitals { healthPct } } }';
const THREE_QUERY =
  'query Three($name: String!) { character(name: $name) { name position { ew ns z } vitals { healthPct } inventory { id name } combat { lifetime { kills } } } }';

/** One child process of the stack and what runs in it. */
interface ServiceProcess {
  label: string;
  child: ChildProcess;
}

/** The stack under test, in child processes (bench/graph-services.ts), and what the load needs to reach it. */
interface Stack {
  pluginUrl: string;
  subgraphs: SubgraphUrls;
  gateway: { url: string; wsUrl: string };
  apollo: { url: string };
  /** The API token the load uses at the gateway, and the identity the gateway forwards for it. */
  token: string;
  identity: Identity;
  processes: ServiceProcess[];
  /** Where each service runs, for the report. */
  layout: string;
  close: () => Promise<void>;
}

/** With --cpu-prof-dir, the node options that make a child write its CPU profiles in DIR/<name>. */
function profileOptions(name: string): string[] {
  return values['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof-dir']}/${name}`] : [];
}

/** Asks a service process something and waits for the answer `accept` takes. */
function ask<T>(service: ServiceProcess, request: object, accept: (message: unknown) => message is T): Promise<T> {
  const answer = messageFrom(service.child, accept);
  service.child.send(request);
  return answer;
}

const isWindowReport = (message: unknown): message is WindowReport => (message as Partial<WindowReport>).window === 'end';
const isUsage = (message: unknown): message is { usage: number } => typeof (message as { usage?: unknown }).usage === 'number';

/** CPU time (ms) each service process used so far, in the order of `stack.processes`. */
async function servicesCpuMs(stack: Stack): Promise<number[]> {
  const usages = await Promise.all(stack.processes.map((service) => ask(service, { usage: true }, isUsage)));
  return usages.map(({ usage }) => usage);
}

/**
 * Starts the services as production runs them: with REDIS_URL set, ingest
 * and each subgraph in a process of its own over Redis (as
 * docker-compose.yml does); without it, ingest and the three subgraphs share
 * one process and its in-memory pubsub. The Hive Gateway and the
 * @apollo/gateway peer each get their own process either way.
 */
async function startStack(databaseUrl: string, positionsTickMs: number): Promise<Stack> {
  const redisUrl = process.env.REDIS_URL;
  const config: ServicesConfig = {
    databaseUrl, redisUrl, channelPrefix: `bench-${randomBytes(4).toString('hex')}.`, pluginSecret: PLUGIN_SECRET, internalSecret: INTERNAL_SECRET,
    sessionSecret: SESSION_SECRET, positionsTickMs, recordedTypes: [...SUBSCRIBED_TYPES],
  };
  const processes: ServiceProcess[] = [];
  // The services' processes run the compiled code, as production does.
  const compiled = await compiledServices();
  const start = async (label: string, services: ServiceName[], extra: Partial<ServicesConfig> = {}): Promise<ServicesReady> => {
    const child = forkChild('graph-services.ts', ['--services', services.join(','), '--config', JSON.stringify({ ...config, ...extra })], [
      '--max-semi-space-size=64', ...compiled, ...profileOptions(services.join('-')),
    ]);
    processes.push({ label, child });
    return messageFrom(child, (message): message is ServicesReady => (message as Partial<ServicesReady>).ready === true);
  };
  const backends = redisUrl
    ? await Promise.all([start('ingest', ['ingest']), start('telemetry subgraph', ['telemetry']), start('inventory subgraph', ['inventory']), start('combat subgraph', ['combat'])])
    : [await start('ingest and the three subgraphs', ['ingest', 'telemetry', 'inventory', 'combat'])];
  const pluginUrl = backends.find((ready) => ready.pluginUrl)?.pluginUrl as string;
  const subgraphs = Object.assign({}, ...backends.map((ready) => ready.subgraphs)) as SubgraphUrls;
  const pool = createPool(databaseUrl, 'lifestone-bench-graph', 1);
  const issued = await issueApiToken(pool, { name: 'bench', role: 'viewer', createdBy: null }, new Date()).finally(() => pool.end());
  const identity: Identity = { kind: 'token', id: issued.id, name: issued.name, role: issued.role };
  const [hive, apollo] = await Promise.all([start('Hive Gateway', ['gateway'], { subgraphs }), start('@apollo/gateway', ['apollo'], { subgraphs, identity })]);
  const layout = redisUrl
    ? 'ingest, each subgraph, the Hive Gateway and @apollo/gateway each in a process of its own, ingest and the subgraphs over Redis'
    : 'ingest and the three subgraphs in one process (in-memory pubsub; set REDIS_URL for a process each), the Hive Gateway and @apollo/gateway each in a process of its own';
  return {
    pluginUrl,
    subgraphs,
    gateway: hive.gateway as Stack['gateway'],
    apollo: apollo.apollo as Stack['apollo'],
    token: issued.token,
    identity,
    processes,
    layout,
    close: async () => {
      const stopped = (message: unknown): message is { stopped: true } => (message as { stopped?: unknown }).stopped === true;
      // The gateways first, then what they call.
      for (const service of [...processes].reverse()) await ask(service, { stop: true }, stopped).catch(() => service.child.kill());
    },
  };
}

/** Ingest writes what it accepted (the process running it answers). */
async function flushIngest(stack: Stack): Promise<void> {
  const flushed = (message: unknown): message is { flushed: true } => (message as { flushed?: unknown }).flushed === true;
  await Promise.all(stack.processes.map((service) => ask(service, { flush: true }, flushed)));
}


const isReady = (message: unknown): message is { ready: true } => (message as { ready?: unknown }).ready === true;

interface FleetReport { sent: number; byType: Record<string, number>; connectMs: number; refused: number }

/** The fleet at the protocol's rates (bench/plugin-load.ts); `onLoggedIn` fires once every character logged in. */
function runFleetLoad(stack: Stack, characters: number, loginSeconds: number, seconds: number, onLoggedIn: () => void): Promise<FleetReport> {
  const child = forkChild('plugin-load.ts', [
    '--url', stack.pluginUrl, '--secret', PLUGIN_SECRET, '--mode', 'fleet', '--connections', String(characters),
    '--seconds', String(seconds), '--login-seconds', String(loginSeconds), '--seed', String(SEED),
  ]);
  child.on('message', (message: { phase?: string }) => {
    if (message.phase === 'connected') onLoggedIn();
  });
  return messageFrom(child, (message): message is { phase: 'done'; report: FleetReport } => (message as { phase?: string }).phase === 'done').then(
    (message) => message.report,
  );
}

/** The live measurement; returns its verdicts. Leaves the fleet's data in the database for the queries. */
async function livePhase(stack: Stack, characters: number, loginSeconds: number, positionsTickMs: number): Promise<PhaseReport> {
  const liveSeconds = Number(values['live-seconds']);
  const positionSubscribers = Number(values['positions-subscribers']);
  const eventSubscribers = Number(values['events-subscribers']);
  const subscriberProcesses = Math.max(1, Number(values['subscriber-processes']));
  progress(`live: connecting ${positionSubscribers} positions and ${eventSubscribers} events subscribers to the gateway, from ${subscriberProcesses} processes`);
  // Each process takes its share of both kinds, as so many viewers' machines.
  const share = (total: number, i: number): number => Math.floor(total / subscriberProcesses) + (i < total % subscriberProcesses ? 1 : 0);
  const subscribers = Array.from({ length: subscriberProcesses }, (_, i) =>
    forkChild('subscribers.ts', [
      '--url', stack.gateway.wsUrl, '--token', stack.token, '--positions', String(share(positionSubscribers, i)), '--events', String(share(eventSubscribers, i)),
    ], profileOptions(`subscribers-${i + 1}`)),
  );
  await Promise.all(subscribers.map((child) => messageFrom(child, isReady)));
  // The gateway opens its subgraph subscriptions once the clients' arrive; give it a moment before the first frame.
  await sleep(1_000);
  progress(`live: ${fmt(characters)} characters logging in over ${loginSeconds} s, then ${SETTLE_MS / 1000} s to settle and ${liveSeconds} s measured`);
  let from = Number.POSITIVE_INFINITY;
  // How busy each service process is while measured: its CPU and its event loop's delay; and the subscribers' process.
  const fleet = await runFleetLoad(stack, characters, loginSeconds, SETTLE_MS / 1000 + liveSeconds, () => {
    progress('live: every character logged in');
    from = now() + SETTLE_MS;
    setTimeout(() => {
      for (const child of [...stack.processes.map((service) => service.child), ...subscribers]) child.send({ window: 'start' });
    }, SETTLE_MS);
  });
  const to = now();
  const windows = await Promise.all(stack.processes.map((service) => ask(service, { window: 'end', from, to }, isWindowReport)));
  progress('live: fleet stopped; waiting for the subscribers to receive the rest');
  await flushIngest(stack);
  const report = mergeSubscriberReports(
    await Promise.all(
      subscribers.map((child) => {
        const answer = messageFrom(child, (message): message is SubscribersReport => (message as Partial<SubscribersReport>).events !== undefined);
        child.send({ from, to, settleFrom: from - SETTLE_MS });
        return answer;
      }),
    ),
  );
  const seconds = (to - from) / 1000;
  const commit = windows.find((window) => window.commits)?.commits as LatencySummary;
  const subscribed = [...SUBSCRIBED_TYPES].reduce((sum, type) => sum + (fleet.byType[type] ?? 0), 0);
  const { positions, events } = report;

  console.log(`\nlive: ${fmt(characters)} characters at the protocol's rates (logged in over ${loginSeconds} s), ${fmt(seconds, 1)} s measured once all were in; subscribers over graphql-ws through the Hive Gateway, from ${subscriberProcesses} child processes`);
  console.log(`  fleet sent ${fmt(fleet.sent)} frames, ${fmt(subscribed)} of them telemetry, vitals or chat; refused ${fleet.refused}`);
  console.log(`  ${stack.layout}; while measured:`);
  stack.processes.forEach((service, i) => {
    const window = windows[i] as WindowReport;
    console.log(`    ${`${service.label}:`.padEnd(32)}${fmt(window.cpu * 100).padStart(4)}% of a core, event loop delay p50 ${ms(window.loopDelayP50)}, p99 ${ms(window.loopDelayP99)}`);
  });
  console.log(`    ${`subscribers (load, ${subscriberProcesses} proc.):`.padEnd(32)}${fmt(report.process.cpu * 100).padStart(4)}% of a core in all, event loop delay (the worst process's) p50 ${ms(report.process.loopDelayP50)}, p99 ${ms(report.process.loopDelayP99)}`);
  console.log(`  frame sent -> row committed (ingest)               p50 ${ms(commit.p50)}, p99 ${ms(commit.p99)}`);
  const verdicts: string[] = [];
  if (events.subscribers > 0) {
    const lost = events.perSubscriberMin < subscribed;
    console.log(`  events(types: [TELEMETRY, VITALS, CHAT]) x ${events.subscribers}: ${fmt(events.messages / seconds)} events/s delivered in all`);
    console.log(`    frame sent -> subscriber received            p50 ${ms(events.latency.p50)}, p99 ${ms(events.latency.p99)}, max ${ms(events.latency.max)}`);
    console.log(`    the same, sent in the ${SETTLE_MS / 1000} s before the window      p50 ${ms(events.settle.p50)}, p99 ${ms(events.settle.p99)}, max ${ms(events.settle.max)} (the login ramp's backlog draining, if any)`);
    console.log(`    delivered per subscriber over the run: ${fmt(events.perSubscriberMin)} to ${fmt(events.perSubscriberMax)} of ${fmt(subscribed)} sent${lost ? ' (the rest was dropped for slow subscribers)' : ''}`);
    verdicts.push(`events p99 < 100 ms ${events.latency.p99 < 100 && !lost && report.failures === 0 ? 'met' : 'MISSED'}${lost ? ' (events lost)' : ''}`);
  }
  if (positions.subscribers > 0) {
    console.log(`  positions x ${positions.subscribers}, tick ${positionsTickMs} ms: ${fmt(positions.messages / seconds)} batches/s delivered in all, ${fmt(positions.positionsPerBatch, 1)} positions a batch`);
    console.log(`    frame sent -> subscriber received            p50 ${ms(positions.latency.p50)}, p99 ${ms(positions.latency.p99)}, max ${ms(positions.latency.max)} (from the frame's timestamp, whole ms; includes waiting for the tick)`);
    console.log(`    tick -> subscriber received                  p50 ${ms(positions.tickToReceived.p50)}, p99 ${ms(positions.tickToReceived.p99)}`);
    verdicts.push(`positions p99 < 100 ms (tick ${positionsTickMs} ms) ${positions.latency.p99 < 100 && report.failures === 0 ? 'met' : 'MISSED'}`);
  }
  if (report.failures > 0) console.log(`  ${report.failures} subscriptions failed; the first: ${report.firstFailure}`);
  const rows: string[][] = [
    ['fleet', `${fmt(characters)} characters at the protocol's rates (logged in over ${loginSeconds} s), ${fmt(seconds, 1)} s measured once all were in: ${fmt(fleet.sent)} frames sent, ${fmt(subscribed)} of them telemetry, vitals or chat; ${fleet.refused} refused`],
    ...stack.processes.map((service, i) => {
      const window = windows[i] as WindowReport;
      return [`${service.label} while measured`, `${fmt(window.cpu * 100)}% of a core, event loop delay p50 ${ms(window.loopDelayP50)}, p99 ${ms(window.loopDelayP99)}`];
    }),
    [`subscribers (${subscriberProcesses} load processes)`, `${fmt(report.process.cpu * 100)}% of a core in all, event loop delay (the worst process's) p50 ${ms(report.process.loopDelayP50)}, p99 ${ms(report.process.loopDelayP99)}`],
    ['frame sent to row committed (ingest)', `p50 ${ms(commit.p50)}, p99 ${ms(commit.p99)}`],
    ...(events.subscribers > 0
      ? [[`events(types: [TELEMETRY, VITALS, CHAT]) × ${events.subscribers}: frame sent to subscriber received`, `${fmt(events.messages / seconds)} events/s delivered in all; p50 ${ms(events.latency.p50)}, **p99 ${ms(events.latency.p99)}**, max ${ms(events.latency.max)}; ${fmt(events.perSubscriberMin)} to ${fmt(events.perSubscriberMax)} of ${fmt(subscribed)} delivered per subscriber; sent in the ${SETTLE_MS / 1000} s before the window p99 ${ms(events.settle.p99)}`]]
      : []),
    ...(positions.subscribers > 0
      ? [[`positions × ${positions.subscribers}, tick ${positionsTickMs} ms: frame sent to subscriber received`, `${fmt(positions.messages / seconds)} messages/s in all, ${fmt(positions.positionsPerBatch, 1)} positions each; p50 ${ms(positions.latency.p50)}, **p99 ${ms(positions.latency.p99)}**, max ${ms(positions.latency.max)} (waiting for the tick included); tick to received p50 ${ms(positions.tickToReceived.p50)}, p99 ${ms(positions.tickToReceived.p99)}`]]
      : []),
    ...(report.failures > 0 ? [['subscriptions failed', `${report.failures}; the first: ${report.firstFailure}`]] : []),
  ];
  const table = [`Live feeds through the Hive Gateway over graphql-ws; ${stack.layout}.`, '', '| figure | measured |', '| --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
  return { verdicts, table };
}

/** A phase's verdicts and its table for bench/RESULTS.md. */
interface PhaseReport {
  verdicts: string[];
  table: string;
}

/** What all the subscriber processes received, as one report. */
interface MergedSubscribersReport {
  positions: { subscribers: number; messages: number; latency: LatencySummary; positionsPerBatch: number; tickToReceived: LatencySummary };
  events: { subscribers: number; messages: number; latency: LatencySummary; perSubscriberMin: number; perSubscriberMax: number; settle: LatencySummary };
  process: SubscribersReport['process'];
  failures: number;
  firstFailure?: string;
}

function mergeSubscriberReports(reports: readonly SubscribersReport[]): MergedSubscribersReport {
  const sum = (pick: (report: SubscribersReport) => number): number => reports.reduce((total, report) => total + pick(report), 0);
  const all = (pick: (report: SubscribersReport) => number[]): number[] => reports.flatMap(pick);
  const perSubscriber = all((report) => report.events.perSubscriber);
  const batches = sum((report) => report.positions.batchesReceived);
  const firstFailure = reports.find((report) => report.firstFailure !== undefined)?.firstFailure;
  return {
    positions: {
      subscribers: sum((report) => report.positions.subscribers),
      messages: sum((report) => report.positions.messages),
      latency: summarize(all((report) => report.positions.latencies)),
      positionsPerBatch: batches ? sum((report) => report.positions.positionsReceived) / batches : 0,
      tickToReceived: summarize(all((report) => report.positions.tickLatencies)),
    },
    events: {
      subscribers: sum((report) => report.events.subscribers),
      messages: sum((report) => report.events.messages),
      latency: summarize(all((report) => report.events.latencies)),
      perSubscriberMin: perSubscriber.length ? Math.min(...perSubscriber) : 0,
      perSubscriberMax: perSubscriber.length ? Math.max(...perSubscriber) : 0,
      settle: summarize(all((report) => report.events.settleLatencies)),
    },
    process: {
      cpu: sum((report) => report.process.cpu),
      loopDelayP50: Math.max(...reports.map((report) => report.process.loopDelayP50)),
      loopDelayP99: Math.max(...reports.map((report) => report.process.loopDelayP99)),
    },
    failures: sum((report) => report.failures),
    ...(firstFailure === undefined ? {} : { firstFailure }),
  };
}

interface Target {
  label: string;
  url: string;
  headers: () => Record<string, string>;
  query: string;
  concurrency: number;
  /** Requests a second, one at a time (query-load.ts); unset: a closed loop at `concurrency`. */
  rate?: number;
  /** Straight to a subgraph: each request signed for its body (query-load.ts). */
  signAs?: QueryRun['signAs'];
}

/** What the queries measured, merged over the rounds. */
interface Measured {
  label: string;
  ok: number;
  failed: number;
  firstError?: string;
  seconds: number;
  latency: LatencySummary;
  bytes: number;
  /** CPU time of the service processes (ingest, subgraphs, both gateways) per answer, the warm-up's included. */
  cpuMsPerRequest: number;
  /** The same, for each service process (the order of `Stack.processes`). */
  cpuMsPerRequestByProcess: number[];
}

/** The query measurements; returns their verdicts. */
async function queryPhase(stack: Stack, characters: number): Promise<PhaseReport> {
  const concurrency = Number(values.concurrency);
  const rounds = Number(values.rounds);
  const seconds = Number(values['query-seconds']);
  const warmupSeconds = Number(values['warmup-seconds']);
  const names = createFleet({ characters: Math.min(characters, QUERIED_CHARACTERS), seed: SEED, start: Date.now() }).map((character) => character.name);
  const viaGateway = (): Record<string, string> => ({ authorization: `Bearer ${stack.token}` });
  // Straight to the subgraph, each request is signed for its body as the gateway signs it.
  const direct = (): Record<string, string> => ({});
  const signAs = { identity: stack.identity, secret: INTERNAL_SECRET, subgraph: 'telemetry' };
  const pacedRate = Number(values['paced-rate']);
  const single = (how: string, url: string, headers: () => Record<string, string>, at: number, rate?: number): Target => ({
    label: `single, ${how}`, url, headers, query: SINGLE_QUERY, concurrency: at, ...(rate ? { rate } : {}), ...(headers === direct ? { signAs } : {}),
  });
  const three = (how: string, url: string, headers: () => Record<string, string>): Target => ({ label: `three subgraphs, ${how}`, url, headers, query: THREE_QUERY, concurrency });
  const targets: Target[] = [
    single('direct to the telemetry subgraph', stack.subgraphs.telemetry, direct, concurrency),
    single('through the Hive Gateway', stack.gateway.url, viaGateway, concurrency),
    single('through @apollo/gateway', stack.apollo.url, () => ({}), concurrency),
    three('through the Hive Gateway', stack.gateway.url, viaGateway),
    three('through @apollo/gateway', stack.apollo.url, () => ({})),
    single('direct, one at a time', stack.subgraphs.telemetry, direct, 1),
    single('Hive Gateway, one at a time', stack.gateway.url, viaGateway, 1),
    single('@apollo/gateway, one at a time', stack.apollo.url, () => ({}), 1),
    single(`direct, ${pacedRate}/s`, stack.subgraphs.telemetry, direct, 1, pacedRate),
    single(`Hive Gateway, ${pacedRate}/s`, stack.gateway.url, viaGateway, 1, pacedRate),
    single(`@apollo/gateway, ${pacedRate}/s`, stack.apollo.url, () => ({}), 1, pacedRate),
  ];
  await checkAnswers(targets, names);

  const load = forkChild('query-load.ts', []);
  await messageFrom(load, isReady);
  const isResult = (message: unknown): message is QueryResult => (message as Partial<QueryResult>).latencies !== undefined;
  const results = new Map<Target, (QueryResult & { cpuMs: number[] })[]>(targets.map((target) => [target, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      progress(`queries: round ${round + 1} of ${rounds}, ${target.label}`);
      const run: QueryRun = {
        url: target.url,
        headers: target.headers(),
        bodies: names.map((name) => JSON.stringify({ query: target.query, variables: { name } })),
        ...(target.signAs ? { signAs: target.signAs } : {}),
        concurrency: target.concurrency,
        ...(target.rate ? { rate: target.rate } : {}),
        warmupSeconds: round === 0 ? warmupSeconds : 0,
        seconds: seconds / rounds,
      };
      const answer = messageFrom(load, isResult);
      const cpuAtStart = await servicesCpuMs(stack);
      load.send(run);
      const result = await answer;
      const cpuAtEnd = await servicesCpuMs(stack);
      results.get(target)?.push({ ...result, cpuMs: cpuAtEnd.map((usage, i) => usage - (cpuAtStart[i] ?? 0)) });
    }
  }
  load.kill();
  const measured = targets.map((target) => merge(target.label, results.get(target) ?? []));
  const [direct1, hive1, apollo1, hive3, apollo3, directAlone, hiveAlone, apolloAlone, directPaced, hivePaced, apolloPaced] = measured as [
    Measured, Measured, Measured, Measured, Measured, Measured, Measured, Measured, Measured, Measured, Measured,
  ];

  console.log(`\nqueries: ${stack.layout}`);
  console.log(`  concurrency ${concurrency}, then 1 ("one at a time": back to back; "${pacedRate}/s": one at a time at that rate for every target), ${seconds} s measured per target in ${rounds} turn${rounds === 1 ? '' : 's'} (after ${warmupSeconds} s of warm-up), ${names.length} characters asked for in turn, load from a child process, fleet stopped`);
  console.log(`  single:  ${SINGLE_QUERY.replace('query Single($name: String!) ', '')}`);
  console.log(`  three:   ${THREE_QUERY.replace('query Three($name: String!) ', '')}`);
  console.log(`  ${'target'.padEnd(44)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'bytes'.padStart(8)}${'CPU ms/req'.padStart(12)}`);
  for (const one of measured) {
    const rate = one.ok / one.seconds;
    console.log(`  ${one.label.padEnd(44)}${fmt(rate).padStart(8)}${fmt(one.latency.p50, 1).padStart(9)}${fmt(one.latency.p99, 1).padStart(9)}${fmt(one.bytes).padStart(8)}${fmt(one.cpuMsPerRequest, 2).padStart(12)}${one.failed ? `  ${one.failed} failed: ${one.firstError}` : ''}`);
  }
  const ratio = (a: number, b: number): string => `${fmt(a / b, 2)}x`;
  const compare = (a: Measured, b: Measured): string =>
    `p50 ${ratio(a.latency.p50, b.latency.p50)}, p99 ${ratio(a.latency.p99, b.latency.p99)} the latency, ${ratio(a.ok, b.ok)} the throughput, ${ratio(a.cpuMsPerRequest, b.cpuMsPerRequest)} the CPU per request`;
  console.log('  (CPU ms/req: CPU time of all the service processes (ingest, subgraphs, both gateways) per answer; the load and PostgreSQL are not in it)');
  console.log(`  CPU ms/req by process:  ${stack.processes.map((service) => service.label).join(' | ')}`);
  for (const one of measured) {
    console.log(`    ${one.label.padEnd(42)}${one.cpuMsPerRequestByProcess.map((cpu) => fmt(cpu, 2)).join(' | ')}`);
  }
  console.log(`  Hive / direct, single:           ${compare(hive1, direct1)} (target: latency at most 2x)`);
  console.log(`    at ${pacedRate}/s:                     ${compare(hivePaced, directPaced)} (target: latency at most 2x)`);
  console.log(`    @apollo/gateway / direct, at ${pacedRate}/s: ${compare(apolloPaced, directPaced)}`);
  console.log(`    back to back:                  ${compare(hiveAlone, directAlone)} (direct answers about twice as many a second: not the same conditions)`);
  console.log(`    @apollo/gateway / direct, back to back: ${compare(apolloAlone, directAlone)}`);
  console.log(`  Hive / @apollo/gateway, single:  ${compare(hive1, apollo1)} (target: faster)`);
  console.log(`  Hive / @apollo/gateway, three:   ${compare(hive3, apollo3)} (target: faster)`);

  const failed = measured.some((one) => one.failed > 0);
  const withinTwice = (hive: Measured, direct: Measured): string => (hive.latency.p50 <= 2 * direct.latency.p50 ? 'met' : 'MISSED');
  const faster = (hive: Measured, apollo: Measured): boolean => hive.latency.p50 < apollo.latency.p50 && hive.ok > apollo.ok;
  const verdicts = [
    `Hive <= 2x direct ${withinTwice(hive1, direct1)} at concurrency ${concurrency}, ${withinTwice(hivePaced, directPaced)} one at a time at ${pacedRate}/s`,
    `Hive faster than @apollo/gateway, single ${faster(hive1, apollo1) ? 'met' : 'MISSED'}`,
    `three ${faster(hive3, apollo3) ? 'met' : 'MISSED'}`,
    ...(failed ? ['some queries FAILED'] : []),
  ];
  const table = [
    `Queries (${names.length} characters' data asked for in turn, fleet stopped): concurrency ${concurrency}, then one at a time back to back and at ${pacedRate}/s; ${seconds} s per target in ${rounds} turn${rounds === 1 ? '' : 's'}; ${stack.layout}. CPU per request: all the service processes, not the load or PostgreSQL.`,
    '',
    '| target | req/s | p50 | p99 | bytes | CPU per request |',
    '| --- | --- | --- | --- | --- | --- |',
    ...measured.map((one) => `| ${one.label}${one.failed ? ` (${one.failed} failed)` : ''} | ${fmt(one.ok / one.seconds)} | ${ms(one.latency.p50)} | ${ms(one.latency.p99)} | ${fmt(one.bytes)} | ${fmt(one.cpuMsPerRequest, 2)} ms |`),
    '',
    '| comparison | measured | target |',
    '| --- | --- | --- |',
    `| Hive / direct, single | ${compare(hive1, direct1)} | latency at most 2x |`,
    `| Hive / direct, at ${pacedRate}/s | ${compare(hivePaced, directPaced)} | latency at most 2x |`,
    `| Hive / @apollo/gateway, single | ${compare(hive1, apollo1)} | faster |`,
    `| Hive / @apollo/gateway, three | ${compare(hive3, apollo3)} | faster |`,
  ].join('\n');
  return { verdicts, table };
}

/** Every target gives the same data for the first character (the Hive Gateway's answer is the reference), and not a null character. */
async function checkAnswers(targets: readonly Target[], names: readonly string[]): Promise<void> {
  const reference = new Map<string, unknown>();
  for (const target of targets) {
    const request = JSON.stringify({ query: target.query, variables: { name: names[0] } });
    const signAs = target.signAs;
    const signed: Record<string, string> = signAs ? { [IDENTITY_HEADER]: signIdentity(signAs.identity, signAs.secret, { use: 'http', subgraph: signAs.subgraph, method: 'POST', operation: request }) } : {};
    const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers(), ...signed }, body: request });
    const body = (await response.json()) as { data?: { character?: unknown }; errors?: unknown };
    if (!response.ok || body.errors || !body.data?.character) throw new Error(`${target.label} answered HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
    const expected = reference.get(target.query);
    if (expected === undefined) reference.set(target.query, body.data);
    else if (!isDeepStrictEqual(expected, body.data)) throw new Error(`${target.label} answered differently: ${JSON.stringify(body.data).slice(0, 500)}`);
  }
}

function merge(label: string, runs: readonly (QueryResult & { cpuMs: number[] })[]): Measured {
  const ok = runs.reduce((sum, run) => sum + run.ok, 0);
  const answered = runs.reduce((sum, run) => sum + run.total, 0);
  const byProcess = (runs[0]?.cpuMs ?? []).map((_, i) => runs.reduce((sum, run) => sum + (run.cpuMs[i] ?? 0), 0) / answered);
  const failed = runs.find((run) => run.failed > 0);
  return {
    label,
    ok,
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    ...(failed?.firstError === undefined ? {} : { firstError: failed.firstError }),
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
    latency: summarize(runs.flatMap((run) => run.latencies)),
    bytes: ok ? runs.reduce((sum, run) => sum + run.bytes * run.ok, 0) / ok : 0,
    cpuMsPerRequest: byProcess.reduce((sum, cpu) => sum + cpu, 0),
    cpuMsPerRequestByProcess: byProcess,
  };
}

const ms = (value: number): string => `${fmt(value, 1)} ms`;


async function main(): Promise<void> {
  const characters = Number(values.characters);
  const loginSeconds = Number(values['login-seconds']);
  const positionsTickMs = Number(values['tick-ms']);
  const { adminUrl, stop } = await database();
  const machine = await measureMachine(adminUrl);
  console.log(machine.atStart);
  const db = await freshDatabase(adminUrl);
  const stack = await startStack(db.url, positionsTickMs);
  const phases: PhaseReport[] = [];
  let machineLine = machine.atStart;
  try {
    if (values.only === 'queries') {
      progress(`seeding: ${fmt(characters)} characters logging in over ${loginSeconds} s, then playing ${SEED_ONLY_SECONDS} s`);
      await runFleetLoad(stack, characters, loginSeconds, SEED_ONLY_SECONDS, () => {});
      await flushIngest(stack);
    } else {
      phases.push(await livePhase(stack, characters, loginSeconds, positionsTickMs));
    }
    if (values.only !== 'live') phases.push(await queryPhase(stack, characters));
    machineLine = await machine.atEnd();
  } finally {
    await stack.close().catch((error: unknown) => progress(`stopping the services failed: ${String(error)}`));
    await db.drop();
    await stop();
  }
  console.log(`\n${machineLine}\n\nverdict: ${phases.flatMap((phase) => phase.verdicts).join('; ')}`);
  await writeResults('graph', machineLine, phases.map((phase) => phase.table).join('\n\n'));
}

await main();
