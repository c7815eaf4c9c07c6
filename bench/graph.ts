/**
 * `npm run bench:graph`: the federated graph on a real PostgreSQL
 * (DATABASE_URL, or the embedded one) with ingest, the three subgraphs and
 * the Hive Gateway in this process, and every load in child processes.
 * Prints, for the same machine in the same run:
 *
 * 1. live: a fleet of simulated characters (default 1,000) streaming into
 *    ingest over real WebSockets while 100 graphql-ws clients of the gateway
 *    subscribe (50 `positions`, 50 `events(types: [TELEMETRY, VITALS, CHAT])`):
 *    p50/p99 from plugin frame sent to subscriber received (target p99 under
 *    100 ms), beside frame sent to committed and published (ingest's share).
 * 2. queries, once the fleet stopped, with its data in the database: a
 *    single-subgraph `character` query directly against the telemetry
 *    subgraph (the baseline), through the Hive Gateway and through
 *    `@apollo/gateway` over the same supergraph; a three-subgraph `character`
 *    query through both gateways. Throughput and p50/p99 at a fixed
 *    concurrency (targets: Hive at most 2x the direct latency; faster than
 *    `@apollo/gateway` on both queries).
 *
 * Options: --characters N, --login-seconds S (the fleet's login ramp),
 * --live-seconds S (measured), --tick-ms MS (the positions tick),
 * --positions-subscribers N, --events-subscribers N, --concurrency N,
 * --query-seconds S (measured per target), --rounds N (the targets take turns
 * this many times), --warmup-seconds S, --only live|queries.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createPool } from '@lifestone/lib/db';
import { IDENTITY_HEADER, signIdentity, startSubgraph, type Identity, type RunningSubgraph } from '@lifestone/lib/graph';
import { createLogger } from '@lifestone/lib/log';
import { createMemoryPubSub } from '@lifestone/lib/pubsub/memory';
import { startIngest, type AcceptedEvent } from '@lifestone/ingest';
import { composeSupergraph, issueApiToken, queryLimitsFromEnv, startGateway, type SubgraphUrls } from '@lifestone/gateway';
import { createFleet } from '@lifestone/simulator';
import { combatSubgraph } from '@lifestone/subgraph-combat';
import { inventorySubgraph } from '@lifestone/subgraph-inventory';
import { telemetrySubgraph } from '@lifestone/subgraph-telemetry';
import { database, fmt, forkChild, freshDatabase, LatencySamples, machineLine, now, progress, summarize, type LatencySummary } from './common.js';
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
    concurrency: { type: 'string', default: '20' },
    'query-seconds': { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    'warmup-seconds': { type: 'string', default: '2' },
    only: { type: 'string' },
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

/** The stack under test: ingest, the three subgraphs and the Hive Gateway in this process, the @apollo/gateway peer beside it. */
interface Stack {
  pluginUrl: string;
  flush: () => Promise<void>;
  subgraphs: SubgraphUrls;
  gateway: { url: string; wsUrl: string };
  apollo: { url: string };
  /** The API token the load uses at the gateway, and the identity the gateway forwards for it. */
  token: string;
  identity: Identity;
  commits: CommitRecorder;
  close: () => Promise<void>;
}

/** Frame sent to committed and published, for the frame types the `events` subscribers take. */
class CommitRecorder extends LatencySamples {
  onCommitted = (events: readonly AcceptedEvent[]): void => {
    const at = now();
    for (const event of events) {
      const sentAt = event.frame.extra.bench_sent_at;
      if (typeof sentAt === 'number' && SUBSCRIBED_TYPES.has(event.frame.type)) this.add(at, at - sentAt);
    }
  };
}

async function startStack(databaseUrl: string, positionsTickMs: number): Promise<Stack> {
  const log = createLogger('bench-graph', 'error');
  const ingestPool = createPool(databaseUrl, 'lifestone-bench-ingest', 12);
  const graphPool = createPool(databaseUrl, 'lifestone-bench-graph', 20);
  const pubsub = createMemoryPubSub();
  const commits = new CommitRecorder();
  const ingest = await startIngest({
    pool: ingestPool, pubsub, log, port: 0, pluginSecret: PLUGIN_SECRET, rateLimit: 1_000_000, rateBurst: 1_000_000, onCommitted: commits.onCommitted,
  });
  const running: RunningSubgraph[] = [];
  for (const module of [telemetrySubgraph({ positionsTickMs }), inventorySubgraph(), combatSubgraph()]) {
    running.push(await startSubgraph(module, { pool: graphPool, pubsub, log, internalSecret: INTERNAL_SECRET, port: 0 }));
  }
  const [telemetry, inventory, combat] = running as [RunningSubgraph, RunningSubgraph, RunningSubgraph];
  const subgraphs: SubgraphUrls = { telemetry: telemetry.url, inventory: inventory.url, combat: combat.url };
  const gateway = await startGateway({
    subgraphs, pool: graphPool, log, port: 0, internalSecret: INTERNAL_SECRET, sessionSecret: SESSION_SECRET,
    limits: queryLimitsFromEnv(), adminPassword: randomBytes(12).toString('hex'),
  });
  const issued = await issueApiToken(graphPool, { name: 'bench', role: 'viewer', createdBy: null }, new Date());
  const identity: Identity = { kind: 'token', id: issued.id, name: issued.name, role: issued.role };
  const apollo = await startApolloPeer(await composeSupergraph(subgraphs), identity);
  return {
    pluginUrl: ingest.pluginUrl,
    flush: () => ingest.flush(),
    subgraphs,
    gateway,
    apollo,
    token: issued.token,
    identity,
    commits,
    close: async () => {
      await apollo.close();
      await gateway.close();
      await Promise.all(running.map((subgraph) => subgraph.close()));
      await ingest.close();
      await pubsub.close();
      await Promise.all([ingestPool.end(), graphPool.end()]);
    },
  };
}

/**
 * `@apollo/gateway` over the same supergraph, served by `@apollo/server`'s
 * standalone server, signing the same identity for the subgraphs on every
 * request as the Hive Gateway does. It authenticates nobody: the Hive
 * Gateway's token check (cached) and query limits are work the peer skips.
 */
async function startApolloPeer(supergraphSdl: string, identity: Identity): Promise<{ url: string; close: () => Promise<void> }> {
  const quiet = { debug() {}, info() {}, warn() {}, error: (message: unknown) => progress(`@apollo/gateway: ${String(message)}`) };
  // Otherwise it probes the cloud metadata endpoints and exports usage metrics to Apollo from this process.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: quiet,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource({
        url,
        willSendRequest({ request }) {
          request.http?.headers.set(IDENTITY_HEADER, signIdentity(identity, INTERNAL_SECRET));
        },
      }),
  });
  const server = new ApolloServer({ gateway, logger: quiet });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: 0 } });
  return { url, close: () => server.stop() };
}

/** The first message of `child` that `accept` takes; rejects if the child exits first. */
function messageFrom<T>(child: ChildProcess, accept: (message: unknown) => message is T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      if (!accept(message)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null): void => reject(new Error(`a load process exited (code ${code}) before answering`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
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
async function livePhase(stack: Stack, characters: number, loginSeconds: number, positionsTickMs: number): Promise<string[]> {
  const liveSeconds = Number(values['live-seconds']);
  const positionSubscribers = Number(values['positions-subscribers']);
  const eventSubscribers = Number(values['events-subscribers']);
  progress(`live: connecting ${positionSubscribers} positions and ${eventSubscribers} events subscribers to the gateway`);
  const subscribers = forkChild('subscribers.ts', [
    '--url', stack.gateway.wsUrl, '--token', stack.token, '--positions', String(positionSubscribers), '--events', String(eventSubscribers),
  ]);
  await messageFrom(subscribers, isReady);
  // The gateway opens its subgraph subscriptions once the clients' arrive; give it a moment before the first frame.
  await sleep(1_000);
  progress(`live: ${fmt(characters)} characters logging in over ${loginSeconds} s, then ${SETTLE_MS / 1000} s to settle and ${liveSeconds} s measured`);
  let from = Number.POSITIVE_INFINITY;
  // How busy this process (ingest, subgraphs, gateway) is while measured: its CPU and its event loop's delay.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  let cpuAtStart = process.cpuUsage();
  const fleet = await runFleetLoad(stack, characters, loginSeconds, SETTLE_MS / 1000 + liveSeconds, () => {
    progress('live: every character logged in');
    from = now() + SETTLE_MS;
    setTimeout(() => {
      cpuAtStart = process.cpuUsage();
      loopDelay.enable();
    }, SETTLE_MS);
  });
  const to = now();
  loopDelay.disable();
  const cpu = cpuShare(process.cpuUsage(cpuAtStart), to - from);
  progress('live: fleet stopped; waiting for the subscribers to receive the rest');
  await stack.flush();
  const report = await (async () => {
    const answer = messageFrom(subscribers, (message): message is SubscribersReport => (message as Partial<SubscribersReport>).events !== undefined);
    subscribers.send({ from, to });
    return answer;
  })();
  const seconds = (to - from) / 1000;
  const commit = stack.commits.sentBetween(from, to);
  const subscribed = [...SUBSCRIBED_TYPES].reduce((sum, type) => sum + (fleet.byType[type] ?? 0), 0);
  const { positions, events } = report;

  console.log(`\nlive: ${fmt(characters)} characters at the protocol's rates (logged in over ${loginSeconds} s), ${fmt(seconds, 1)} s measured once all were in; subscribers over graphql-ws through the Hive Gateway, in a child process`);
  console.log(`  fleet sent ${fmt(fleet.sent)} frames, ${fmt(subscribed)} of them telemetry, vitals or chat; refused ${fleet.refused}`);
  console.log(`  server process (ingest, subgraphs, gateway): ${fmt(cpu * 100)}% of a core, event loop delay p50 ${ms(loopDelay.percentile(50) / 1e6)}, p99 ${ms(loopDelay.percentile(99) / 1e6)}`);
  console.log(`  frame sent -> committed and published (ingest)    p50 ${ms(commit.p50)}, p99 ${ms(commit.p99)}`);
  const verdicts: string[] = [];
  if (events.subscribers > 0) {
    const lost = events.perSubscriberMin < subscribed;
    console.log(`  events(types: [TELEMETRY, VITALS, CHAT]) x ${events.subscribers}: ${fmt(events.messages / seconds)} events/s delivered in all`);
    console.log(`    frame sent -> subscriber received            p50 ${ms(events.latency.p50)}, p99 ${ms(events.latency.p99)}, max ${ms(events.latency.max)}`);
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
  return verdicts;
}

interface Target {
  label: string;
  url: string;
  headers: () => Record<string, string>;
  query: string;
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
  /** CPU time of this process (subgraphs and gateways) per answer, the warm-up's included. */
  cpuMsPerRequest: number;
}

/** The query measurements; returns their verdicts. */
async function queryPhase(stack: Stack, characters: number): Promise<string[]> {
  const concurrency = Number(values.concurrency);
  const rounds = Number(values.rounds);
  const seconds = Number(values['query-seconds']);
  const warmupSeconds = Number(values['warmup-seconds']);
  const names = createFleet({ characters: Math.min(characters, QUERIED_CHARACTERS), seed: SEED, start: Date.now() }).map((character) => character.name);
  const viaGateway = (): Record<string, string> => ({ authorization: `Bearer ${stack.token}` });
  const direct = (): Record<string, string> => ({ [IDENTITY_HEADER]: signIdentity(stack.identity, INTERNAL_SECRET) });
  const targets: Target[] = [
    { label: 'single, direct to the telemetry subgraph', url: stack.subgraphs.telemetry, headers: direct, query: SINGLE_QUERY },
    { label: 'single, through the Hive Gateway', url: stack.gateway.url, headers: viaGateway, query: SINGLE_QUERY },
    { label: 'single, through @apollo/gateway', url: stack.apollo.url, headers: () => ({}), query: SINGLE_QUERY },
    { label: 'three subgraphs, through the Hive Gateway', url: stack.gateway.url, headers: viaGateway, query: THREE_QUERY },
    { label: 'three subgraphs, through @apollo/gateway', url: stack.apollo.url, headers: () => ({}), query: THREE_QUERY },
  ];
  await checkAnswers(targets, names);

  const load = forkChild('query-load.ts', []);
  await messageFrom(load, isReady);
  const isResult = (message: unknown): message is QueryResult => (message as Partial<QueryResult>).latencies !== undefined;
  const results = new Map<Target, (QueryResult & { cpuMs: number })[]>(targets.map((target) => [target, []]));
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) {
      progress(`queries: round ${round + 1} of ${rounds}, ${target.label}`);
      const run: QueryRun = {
        url: target.url,
        headers: target.headers(),
        bodies: names.map((name) => JSON.stringify({ query: target.query, variables: { name } })),
        concurrency,
        warmupSeconds: round === 0 ? warmupSeconds : 0,
        seconds: seconds / rounds,
      };
      const answer = messageFrom(load, isResult);
      const cpuAtStart = process.cpuUsage();
      load.send(run);
      const result = await answer;
      const usage = process.cpuUsage(cpuAtStart);
      results.get(target)?.push({ ...result, cpuMs: (usage.user + usage.system) / 1000 });
    }
  }
  load.kill();
  const [direct1, hive1, apollo1, hive3, apollo3] = targets.map((target) => merge(target.label, results.get(target) ?? [])) as [Measured, Measured, Measured, Measured, Measured];

  console.log(`\nqueries: concurrency ${concurrency}, ${seconds} s measured per target in ${rounds} turn${rounds === 1 ? '' : 's'} (after ${warmupSeconds} s of warm-up), ${names.length} characters asked for in turn, load from a child process, fleet stopped`);
  console.log(`  single:  ${SINGLE_QUERY.replace('query Single($name: String!) ', '')}`);
  console.log(`  three:   ${THREE_QUERY.replace('query Three($name: String!) ', '')}`);
  console.log(`  ${'target'.padEnd(44)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'bytes'.padStart(8)}${'CPU ms/req'.padStart(12)}`);
  for (const measured of [direct1, hive1, apollo1, hive3, apollo3]) {
    const rate = measured.ok / measured.seconds;
    console.log(`  ${measured.label.padEnd(44)}${fmt(rate).padStart(8)}${fmt(measured.latency.p50, 1).padStart(9)}${fmt(measured.latency.p99, 1).padStart(9)}${fmt(measured.bytes).padStart(8)}${fmt(measured.cpuMsPerRequest, 2).padStart(12)}${measured.failed ? `  ${measured.failed} failed: ${measured.firstError}` : ''}`);
  }
  const ratio = (a: number, b: number): string => `${fmt(a / b, 2)}x`;
  const compare = (a: Measured, b: Measured): string =>
    `p50 ${ratio(a.latency.p50, b.latency.p50)}, p99 ${ratio(a.latency.p99, b.latency.p99)} the latency, ${ratio(a.ok, b.ok)} the throughput, ${ratio(a.cpuMsPerRequest, b.cpuMsPerRequest)} the CPU per request`;
  console.log('  (CPU ms/req: CPU time of the process serving the subgraphs and both gateways, per answer; the load is not in it)');
  console.log(`  Hive / direct, single:           ${compare(hive1, direct1)} (target: latency at most 2x)`);
  console.log(`  Hive / @apollo/gateway, single:  ${compare(hive1, apollo1)} (target: faster)`);
  console.log(`  Hive / @apollo/gateway, three:   ${compare(hive3, apollo3)} (target: faster)`);

  const failed = [direct1, hive1, apollo1, hive3, apollo3].some((measured) => measured.failed > 0);
  const faster = (hive: Measured, apollo: Measured): boolean => hive.latency.p50 < apollo.latency.p50 && hive.ok > apollo.ok;
  return [
    `Hive <= 2x direct ${hive1.latency.p50 <= 2 * direct1.latency.p50 ? 'met' : 'MISSED'}`,
    `Hive faster than @apollo/gateway, single ${faster(hive1, apollo1) ? 'met' : 'MISSED'}`,
    `three ${faster(hive3, apollo3) ? 'met' : 'MISSED'}`,
    ...(failed ? ['some queries FAILED'] : []),
  ];
}

/** Every target gives the same data for the first character (the Hive Gateway's answer is the reference), and not a null character. */
async function checkAnswers(targets: readonly Target[], names: readonly string[]): Promise<void> {
  const reference = new Map<string, unknown>();
  for (const target of targets) {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...target.headers() },
      body: JSON.stringify({ query: target.query, variables: { name: names[0] } }),
    });
    const body = (await response.json()) as { data?: { character?: unknown }; errors?: unknown };
    if (!response.ok || body.errors || !body.data?.character) throw new Error(`${target.label} answered HTTP ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
    const expected = reference.get(target.query);
    if (expected === undefined) reference.set(target.query, body.data);
    else if (!isDeepStrictEqual(expected, body.data)) throw new Error(`${target.label} answered differently: ${JSON.stringify(body.data).slice(0, 500)}`);
  }
}

function merge(label: string, runs: readonly (QueryResult & { cpuMs: number })[]): Measured {
  const ok = runs.reduce((sum, run) => sum + run.ok, 0);
  const failed = runs.find((run) => run.failed > 0);
  return {
    label,
    ok,
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    ...(failed?.firstError === undefined ? {} : { firstError: failed.firstError }),
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
    latency: summarize(runs.flatMap((run) => run.latencies)),
    bytes: ok ? runs.reduce((sum, run) => sum + run.bytes * run.ok, 0) / ok : 0,
    cpuMsPerRequest: runs.reduce((sum, run) => sum + run.cpuMs, 0) / runs.reduce((sum, run) => sum + run.total, 0),
  };
}

const ms = (value: number): string => `${fmt(value, 1)} ms`;

/** CPU time (user and system) as a share of one core over `wallMs`. */
const cpuShare = (usage: NodeJS.CpuUsage, wallMs: number): number => (usage.user + usage.system) / 1000 / wallMs;

async function main(): Promise<void> {
  const characters = Number(values.characters);
  const loginSeconds = Number(values['login-seconds']);
  const positionsTickMs = Number(values['tick-ms']);
  const { adminUrl, stop } = await database();
  console.log(await machineLine(adminUrl));
  const db = await freshDatabase(adminUrl);
  const stack = await startStack(db.url, positionsTickMs);
  const verdicts: string[] = [];
  try {
    if (values.only === 'queries') {
      progress(`seeding: ${fmt(characters)} characters logging in over ${loginSeconds} s, then playing ${SEED_ONLY_SECONDS} s`);
      await runFleetLoad(stack, characters, loginSeconds, SEED_ONLY_SECONDS, () => {});
      await stack.flush();
    } else {
      verdicts.push(...(await livePhase(stack, characters, loginSeconds, positionsTickMs)));
    }
    if (values.only !== 'live') verdicts.push(...(await queryPhase(stack, characters)));
  } finally {
    await stack.close().catch((error: unknown) => progress(`stopping the services failed: ${String(error)}`));
    await db.drop();
    await stop();
  }
  console.log(`\nverdict: ${verdicts.join('; ')}`);
}

await main();
