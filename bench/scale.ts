/**
 * `npm run bench:scale`: one box at ten thousand characters. A fleet of
 * simulated characters (`--characters`, 10,000) at the protocol's rates into
 * one ingest; one Hive Gateway serving `--positions-subscribers` (1,000; half
 * the whole fleet, half a region of the map through `positions(region:)`)
 * and `--events-subscribers` (100, each following 100 characters, as a bot or
 * a character window would), while a paced query load runs through the same
 * gateway: an item search across the inventories of `--mules` (100, about
 * 25,000 items) and a `character` query that spans three subgraphs. Then
 * `--idle-subscribers` (10,000) graphql-ws subscribers that hear nothing,
 * for the gateway's memory per subscriber. `--only load|idle` runs one of
 * the two; `--cpu-prof-dir DIR` writes each service's CPU profile there.
 *
 * Prints, measured in the same run: frame sent to subscriber received
 * p50/p99, events and positions delivered and lost, gateway and ingest RSS
 * and CPU, memory per subscriber, item search p50/p99; writes the table to
 * bench/RESULTS.md. Targets: nothing lost, p99 frame to subscriber under
 * 250 ms, gateway under 1 GB and at most 20 kB per subscriber, item search
 * p99 under 50 ms.
 *
 * With REDIS_URL, ingest, the subgraphs and the gateway run in processes of
 * their own over Redis, as in production; without it ingest and the
 * subgraphs share one process (in-memory pubsub). The load generators (the
 * fleet, the subscribers, the queries) are child processes on the same
 * machine: their CPU is part of what the machine carries.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { SubgraphUrls } from '@lifestone/gateway';
import { issueApiToken } from '@lifestone/lib/auth';
import { migrate } from '@lifestone/lib/db';
import { MAX_QUEUED } from '@lifestone/lib/graph';
import { createFleet } from '@lifestone/simulator';
import { coresUsed, cpuReading, database, fmt, forkChild, freshDatabase, machineLine, messageFrom, progress, summarize, writeResults, type LatencySummary } from './common.js';
import type { MemoryReport, ServiceName, ServicesConfig, ServicesReady, WindowReport } from './graph-services.js';
import { reportMuleInventories } from './mules.js';
import type { QueryResult, QueryRun } from './query-load.js';
import type { GroupReport, ScaleSubscribersReport, SubscriberPlan } from './scale-subscribers.js';

const { values } = parseArgs({
  options: {
    characters: { type: 'string', default: '10000' },
    'login-seconds': { type: 'string', default: '120' },
    'settle-seconds': { type: 'string', default: '30' },
    seconds: { type: 'string', default: '60' },
    'positions-subscribers': { type: 'string', default: '1000' },
    'events-subscribers': { type: 'string', default: '100' },
    'idle-subscribers': { type: 'string', default: '10000' },
    'subscriber-processes': { type: 'string', default: '4' },
    mules: { type: 'string', default: '100' },
    'query-rate': { type: 'string', default: '10' },
    'tick-ms': { type: 'string', default: '250' },
    only: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
  },
});
const CHARACTERS = Number(values.characters);
const LOGIN_SECONDS = Number(values['login-seconds']);
const SECONDS = Number(values.seconds);
/** After the last login, before measuring: the logins' full inventories are written, and the steady state is what is measured. */
const SETTLE_SECONDS = Number(values['settle-seconds']);
const POSITION_SUBSCRIBERS = Number(values['positions-subscribers']);
const EVENT_SUBSCRIBERS = Number(values['events-subscribers']);
const IDLE_SUBSCRIBERS = Number(values['idle-subscribers']);
const SUBSCRIBER_PROCESSES = Number(values['subscriber-processes']);
const MULES = Number(values.mules);
const QUERY_RATE = Number(values['query-rate']);
const TICK_MS = Number(values['tick-ms']);
const SEED = 7;
const TARGETS = { p99Ms: 250, gatewayBytes: 2 ** 30, perSubscriberBytes: 20 * 1024, itemSearchP99Ms: 50 };
/** The region half the positions subscribers watch: the south-west quarter of Dereth, in game coordinates. */
const REGION = { west: -102, east: 0, south: -102, north: 0 };
/** Characters each events subscriber follows. */
const FOLLOWED = 100;

const PLUGIN_SECRET = randomBytes(16).toString('hex');
const INTERNAL_SECRET = randomBytes(32).toString('hex');
const SESSION_SECRET = randomBytes(32).toString('hex');

const POSITIONS = 'subscription ($region: MapRegion) { positions(region: $region) { time positions { character time position { ew ns } } } }';
const EVENTS = 'subscription ($characters: [String!]) { events(characters: $characters) { type character raw } }';
const IDLE = 'subscription { alerts(types: [RARE]) { id } }';
const ITEM_SEARCH = JSON.stringify({ query: '{ searchItems(filter: { text: "Ring" }, first: 20) { edges { node { id name owner { name } } } } }' });
const CHARACTER_QUERY = (name: string): string =>
  JSON.stringify({ query: 'query Three($name: String!) { character(name: $name) { name position { ew ns z } vitals { healthPct } inventory { id name } combat { lifetime { kills } } } }', variables: { name } });

const { adminUrl, stop: stopDatabase } = await database();
const machine = await machineLine(adminUrl);
console.log(machine);
const db = await freshDatabase(adminUrl);
await migrate(db.url);
const pool = new pg.Pool({ connectionString: db.url, max: 2 });

// The services, as production runs them.
const redisUrl = process.env.REDIS_URL;
const config: ServicesConfig = {
  databaseUrl: db.url, redisUrl, channelPrefix: `bench-scale-${randomBytes(4).toString('hex')}.`, pluginSecret: PLUGIN_SECRET, internalSecret: INTERNAL_SECRET,
  sessionSecret: SESSION_SECRET, positionsTickMs: TICK_MS, recordedTypes: [],
};
const services: { label: string; child: ChildProcess; pid: number }[] = [];
const start = async (label: string, names: ServiceName[], extra: Partial<ServicesConfig> = {}): Promise<ServicesReady> => {
  const child = forkChild('graph-services.ts', ['--services', names.join(','), '--config', JSON.stringify({ ...config, ...extra })], ['--max-semi-space-size=64', '--expose-gc', ...cpuProfiling(label)]);
  const ready = await messageFrom(child, (message): message is ServicesReady => (message as Partial<ServicesReady>).ready === true);
  services.push({ label, child, pid: ready.pid });
  return ready;
};
// One after the other, so that `services` is in this order: ingest first, the gateway last.
const backends = redisUrl
  ? [await start('ingest', ['ingest']), await start('telemetry and combat subgraphs', ['telemetry', 'combat']), await start('inventory subgraph', ['inventory'])]
  : [await start('ingest and the subgraphs', ['ingest', 'telemetry', 'inventory', 'combat'])];
const ingest = services[0] as (typeof services)[number];
const pluginUrl = backends.find((ready) => ready.pluginUrl)?.pluginUrl as string;
const subgraphs = Object.assign({}, ...backends.map((ready) => ready.subgraphs)) as SubgraphUrls;
const gatewayReady = await start('gateway', ['gateway'], { subgraphs });
const gateway = services.at(-1) as (typeof services)[number];
const { url: gatewayUrl, wsUrl } = gatewayReady.gateway as { url: string; wsUrl: string };
const layout = redisUrl ? 'ingest, the subgraphs (telemetry with combat, inventory) and the gateway in processes of their own, over Redis' : 'ingest and the subgraphs in one process (in-memory pubsub; set REDIS_URL for a process each), the gateway in its own';
progress(layout);

const flushed = (message: unknown): message is { flushed: true } => (message as { flushed?: unknown }).flushed === true;
async function flushIngest(): Promise<void> {
  ingest.child.send({ flush: true });
  await messageFrom(ingest.child, flushed);
}

const issued = await issueApiToken(pool, { name: 'bench-scale', role: 'viewer', createdBy: null }, new Date());

/** Resident memory of a process (Linux), in bytes. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? NaN) * 1024;
}
const mb = (bytes: number): string => `${fmt(bytes / 2 ** 20)} MB`;
const kb = (bytes: number): string => `${fmt(bytes / 1024, 1)} kB`;

/** With --cpu-prof-dir, the node options that make a service's process write its CPU profile in DIR/<label>. */
function cpuProfiling(label: string): string[] {
  const dir = values['cpu-prof-dir'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}/${label.replaceAll(/\W+/g, '-')}`] : [];
}

/** The gateway's memory after a full garbage collection: resident, and what its heap and buffers hold. */
async function gatewayMemory(): Promise<MemoryReport['memory']> {
  gateway.child.send({ memory: true });
  const { memory } = await messageFrom(gateway.child, (message): message is MemoryReport => (message as Partial<MemoryReport>).memory !== undefined);
  return memory;
}

/** Memory per subscriber between two readings, as text: resident memory, then what the heap and buffers hold. */
function perSubscriberText(before: MemoryReport['memory'], after: MemoryReport['memory'], subscribers: number): { text: string; bytes: number } {
  const bytes = (after.rss - before.rss) / subscribers;
  const held = (after.heapUsed + after.external - before.heapUsed - before.external) / subscribers;
  return {
    bytes,
    text: `**${kb(bytes)}** resident (${mb(before.rss)} → ${mb(after.rss)}), of which ${kb(held)} held by the heap and buffers${after.collected ? ', both after a full garbage collection' : ''}`,
  };
}

/** Subscriber processes, each given its share of `plans`; resolves once every subscription is sent. */
async function startSubscribers(plans: SubscriberPlan[]): Promise<ChildProcess[]> {
  const processes = Math.max(1, Math.min(SUBSCRIBER_PROCESSES, plans.length));
  const children = Array.from({ length: processes }, () => forkChild('scale-subscribers.ts', []));
  await Promise.all(
    children.map((child, i) => {
      child.send({ url: wsUrl, token: issued.token, plans: plans.filter((_, index) => index % processes === i) });
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

const rows: [string, string, string][] = [];
const verdicts: string[] = [];
const verdict = (label: string, ok: boolean, cause?: string): void => void verdicts.push(`${label} ${ok ? 'met' : `MISSED${cause ? ` (${cause})` : ''}`}`);

if (values.only !== 'idle') await loadPhase();
if (values.only !== 'load') await idlePhase();

for (const service of [...services].reverse()) {
  service.child.send({ stop: true });
  await messageFrom(service.child, (message): message is { stopped: true } => (message as { stopped?: unknown }).stopped === true).catch(() => service.child.kill());
}
await pool.end();
await db.drop();
await stopDatabase();

const table = ['| figure | measured | target |', '| --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
process.stdout.write(`\n${layout}\n\n${table}\n\nverdict: ${verdicts.join('; ')}\n`);
await writeResults('scale', machine, `${layout}.\n\n${table}`);

/** The fleet, the subscribers and the queries together. */
async function loadPhase(): Promise<void> {
  progress(`${MULES} mules report their inventories`);
  const mules = await reportMuleInventories(pluginUrl, PLUGIN_SECRET, MULES);
  await flushIngest();
  for (let waited = 0; ; waited += 250) {
    const { rows: [row] } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM inventory_items');
    if (row?.n === mules.items) break;
    if (waited > 60_000) throw new Error(`ingest stored ${row?.n} of ${mules.items} items`);
    await sleep(250);
  }
  mules.close();
  progress(`${fmt(mules.items)} items stored`);

  const names = createFleet({ characters: CHARACTERS, seed: SEED, start: Date.now() }).map((character) => character.name);
  const plans: SubscriberPlan[] = [];
  const half = Math.floor(POSITION_SUBSCRIBERS / 2);
  // Two of each kind of positions subscriber parse what they get (latency, the last position of each character); the others count.
  for (let i = 0; i < POSITION_SUBSCRIBERS; i++) {
    const region = i >= half;
    plans.push({ group: region ? 'region' : 'positions', query: POSITIONS, variables: region ? { region: REGION } : {}, sample: (region ? i - half : i) < 2 });
  }
  for (let i = 0; i < EVENT_SUBSCRIBERS; i++) {
    const followed = Array.from({ length: Math.min(FOLLOWED, CHARACTERS) }, (_, k) => names[(i * FOLLOWED + k) % CHARACTERS] as string);
    plans.push({ group: 'events', query: EVENTS, variables: { characters: followed }, sample: true });
  }
  const memoryBefore = await gatewayMemory();
  progress(`${fmt(POSITION_SUBSCRIBERS)} positions (half of them a region) and ${fmt(EVENT_SUBSCRIBERS)} events subscribers connect to the gateway`);
  const subscribers = await startSubscribers(plans);
  await sleep(2_000);
  const memorySubscribed = await gatewayMemory();

  const queryLoad = [forkChild('query-load.ts', []), forkChild('query-load.ts', [])];
  const queryRun = (bodies: string[]): QueryRun => ({
    url: gatewayUrl, headers: { authorization: `Bearer ${issued.token}` }, bodies, concurrency: 1, rate: QUERY_RATE, warmupSeconds: 5, seconds: Math.max(10, SECONDS - 10),
  });
  const isResult = (message: unknown): message is QueryResult => typeof (message as Partial<QueryResult>).ok === 'number';

  progress(`${fmt(CHARACTERS)} characters log in over ${LOGIN_SECONDS} s, then play ${SETTLE_SECONDS} s to settle and ${SECONDS} s measured`);
  const peak = { gateway: 0, ingest: 0 };
  const sampler = setInterval(() => {
    peak.gateway = Math.max(peak.gateway, rssOf(gateway.pid));
    peak.ingest = Math.max(peak.ingest, rssOf(ingest.pid));
  }, 1_000);
  let windowFrom = 0;
  let cpuFrom = cpuReading();
  let queries: Promise<QueryResult[]> | undefined;
  const fleet = forkChild('plugin-load.ts', [
    '--url', pluginUrl, '--secret', PLUGIN_SECRET, '--mode', 'fleet', '--connections', String(CHARACTERS),
    '--seconds', String(SETTLE_SECONDS + SECONDS), '--login-seconds', String(LOGIN_SECONDS), '--seed', String(SEED),
  ]);
  fleet.on('message', (message: { phase?: string }) => {
    if (message.phase !== 'connected') return;
    progress(`every character logged in: measuring in ${SETTLE_SECONDS} s`);
    setTimeout(startWindow, SETTLE_SECONDS * 1000);
  });
  function startWindow(): void {
    progress('measuring');
    windowFrom = Date.now();
    cpuFrom = cpuReading();
    for (const service of services) service.child.send({ window: 'start' });
    for (const child of subscribers) child.send({ window: 'start' });
    queries = Promise.all(queryLoad.map((child, i) => {
      child.send(queryRun(i === 0 ? [ITEM_SEARCH] : names.slice(0, 50).map(CHARACTER_QUERY)));
      return messageFrom(child, isResult);
    }));
  }
  type FleetReport = { sent: number; refused: number; byCharacter: number[] };
  const { report: sent } = await messageFrom(fleet, (message): message is { phase: 'done'; report: FleetReport } => (message as { phase?: string }).phase === 'done');
  const windowTo = Date.now();
  const cores = coresUsed(cpuFrom, cpuReading(), [
    ...services.map((service) => ({ label: service.label, pids: [service.pid] })),
    { label: `the fleet's ${fmt(CHARACTERS)} plugins`, pids: [fleet.pid as number] },
    { label: 'the subscribers', pids: subscribers.map((child) => child.pid as number) },
    { label: 'the query load', pids: queryLoad.map((child) => child.pid as number) },
  ]);
  const isWindow = (message: unknown): message is WindowReport => (message as Partial<WindowReport>).window === 'end';
  const windows = await Promise.all(services.map((service) => {
    service.child.send({ window: 'end', from: windowFrom, to: windowTo });
    return messageFrom(service.child, isWindow);
  }));
  clearInterval(sampler);
  const [itemSearch, characterQueries] = (await queries) as QueryResult[];
  for (const child of queryLoad) child.kill();
  progress('fleet stopped; ingest writes the rest, subscribers receive it');
  await flushIngest();
  const reports = await Promise.all(subscribers.map((child) => {
    child.send({ report: true });
    return messageFrom(child, (message): message is ScaleSubscribersReport => typeof (message as Partial<ScaleSubscribersReport>).failures === 'number');
  }));
  await closeSubscribers(subscribers);
  // Labelled by transport, so without a sample until the first.
  const endedTooSlow = (await counterAt(gatewayUrl, 'lifestone_gateway_slow_subscribers_total')) || 0;
  // The telemetry subgraph serves `positions` and `events`; a subgraph sharing its process reports the same count.
  const subgraphTooSlow = await counterAt(subgraphs.telemetry, 'lifestone_subgraph_process_subscriptions_too_slow_total');

  // Merge the processes' reports: a group's subscribers in plan order do not matter, only their counts.
  const merged: Record<string, GroupReport> = {};
  for (const report of reports) {
    for (const [group, part] of Object.entries(report.groups)) {
      const into = (merged[group] ??= { subscribers: 0, messages: [], latencies: [], lastPositions: [], bytes: 0 });
      into.subscribers += part.subscribers;
      into.messages.push(...part.messages);
      for (const latency of part.latencies) into.latencies.push(latency);
      into.lastPositions.push(...part.lastPositions);
      into.bytes += part.bytes;
    }
  }
  const failures = reports.reduce((sum, report) => sum + report.failures, 0);
  const firstFailure = reports.find((report) => report.firstFailure)?.firstFailure;

  // Events: each subscriber should have every frame its characters sent, no more.
  const sentBy = new Map(names.map((name, index) => [name, sent.byCharacter[index] ?? 0]));
  let eventsExpected = 0;
  let eventsLost = 0;
  let eventsExtra = 0;
  const eventMessages = merged.events?.messages ?? [];
  // Plans were dealt round-robin to the processes: rebuild each subscriber's expected count in the same order.
  const processes = Math.max(1, Math.min(SUBSCRIBER_PROCESSES, plans.length));
  const dealt = Array.from({ length: processes }, (_, p) => plans.filter((_, index) => index % processes === p)).flat();
  const eventOrder = dealt.filter((plan) => plan.group === 'events');
  eventOrder.forEach((plan, slot) => {
    const expected = (plan.variables?.characters as string[]).reduce((sum, name) => sum + (sentBy.get(name) ?? 0), 0);
    const received = eventMessages[slot] ?? 0;
    eventsExpected += expected;
    eventsLost += Math.max(0, expected - received);
    eventsExtra += Math.max(0, received - expected);
  });

  // Positions: a sampled subscriber's last position of each character is where the character stands now.
  const { rows: live } = await pool.query<{ character_name: string; ew: number; ns: number }>('SELECT character_name, ew, ns FROM live_characters WHERE ew IS NOT NULL');
  const stale = (group: string, inside: (ew: number, ns: number) => boolean): { checked: number; wrong: number } => {
    let checked = 0;
    let wrong = 0;
    for (const last of merged[group]?.lastPositions ?? []) {
      for (const row of live) {
        if (row.character_name.startsWith('Mule ') || !inside(row.ew, row.ns)) continue;
        checked++;
        if (last[row.character_name] !== `${row.ew} ${row.ns}`) wrong++;
      }
    }
    return { checked, wrong };
  };
  const everywhere = stale('positions', () => true);
  const inRegion = stale('region', (ew, ns) => ew >= REGION.west && ew <= REGION.east && ns >= REGION.south && ns <= REGION.north);
  const spread = (group: string): string => {
    const counts = merged[group]?.messages ?? [];
    return counts.length === 0 ? '-' : `${fmt(Math.min(...counts))}–${fmt(Math.max(...counts))}`;
  };

  const positionLatency = summarize([...(merged.positions?.latencies ?? []), ...(merged.region?.latencies ?? [])]);
  const eventLatency = summarize(merged.events?.latencies ?? []);
  const allLatency: LatencySummary = summarize([...(merged.positions?.latencies ?? []), ...(merged.region?.latencies ?? []), ...(merged.events?.latencies ?? [])]);
  const subscriberCount = POSITION_SUBSCRIBERS + EVENT_SUBSCRIBERS;
  const perSubscriber = perSubscriberText(memoryBefore, memorySubscribed, subscriberCount);
  const search = summarize(itemSearch?.latencies ?? []);
  const character = summarize(characterQueries?.latencies ?? []);
  const lost = eventsLost + everywhere.wrong + inRegion.wrong + failures;
  const cpu = (i: number): string => `${fmt((windows[i]?.cpu ?? NaN) * 100)}% of a core`;
  const ms = (summary: LatencySummary): string => `p50 ${fmt(summary.p50, 1)} ms, p99 ${fmt(summary.p99, 1)} ms (${fmt(summary.count)})`;

  rows.push(['fleet', `${fmt(CHARACTERS)} characters at the protocol's rates, logged in over ${LOGIN_SECONDS} s, ${SETTLE_SECONDS} s to settle, ${SECONDS} s measured; ${fmt(sent.sent)} frames sent, ${fmt(sent.refused)} refused`, '']);
  rows.push(['subscribers', `${fmt(half)} \`positions\`, ${fmt(POSITION_SUBSCRIBERS - half)} \`positions(region:)\` (a quarter of Dereth), ${fmt(EVENT_SUBSCRIBERS)} \`events(characters:)\` of ${FOLLOWED} characters each; ${SUBSCRIBER_PROCESSES} processes`, '']);
  rows.push(['**frame sent → subscriber received**', `**${ms(allLatency)}**; positions ${ms(positionLatency)}; events ${ms(eventLatency)}`, `p99 < ${TARGETS.p99Ms} ms`]);
  rows.push(['**events delivered / lost**', `**${fmt(eventsExpected - eventsLost)} of ${fmt(eventsExpected)}, ${fmt(eventsLost)} lost**${eventsExtra ? `, ${fmt(eventsExtra)} extra` : ''}`, 'none lost']);
  rows.push(['**positions lost** (a sampled map not showing where a character stands at the end)', `**${fmt(everywhere.wrong)} of ${fmt(everywhere.checked)}** whole-fleet, **${fmt(inRegion.wrong)} of ${fmt(inRegion.checked)}** in the region; batches per subscriber ${spread('positions')} (whole), ${spread('region')} (region)`, 'none lost']);
  rows.push(['subscriptions the gateway ended for subscribers not keeping up (over the unsent limit)', fmt(endedTooSlow), '0']);
  rows.push([`subscriptions the subgraphs ended for subscribers not keeping up (the gateway's connection over ${fmt(MAX_QUEUED)} waiting)`, fmt(subgraphTooSlow), '0']);
  rows.push(['subscriptions failed', `${fmt(failures)}${firstFailure ? ` (${firstFailure})` : ''}`, '0']);
  rows.push(['**gateway**', `**peak RSS ${mb(peak.gateway)}**, ${cpu(services.indexOf(gateway))}; ${mb((merged.positions?.bytes ?? 0) + (merged.region?.bytes ?? 0) + (merged.events?.bytes ?? 0))} sent to subscribers`, `< ${mb(TARGETS.gatewayBytes)}`]);
  rows.push(['**memory per subscriber** (the gateway with them connected, before the fleet)', perSubscriber.text, `≤ ${kb(TARGETS.perSubscriberBytes)}`]);
  rows.push(['ingest', `peak RSS ${mb(peak.ingest)}, ${cpu(0)}`, '']);
  rows.push(['where the cores went while measured', cores.text, '']);
  services.slice(1, -1).forEach((service, i) => rows.push([service.label, `${cpu(i + 1)}`, '']));
  rows.push([`**item search** through the gateway, ${fmt(mules.items)} items of ${MULES} mules`, `**${ms(search)}** at ${QUERY_RATE}/s${itemSearch?.failed ? `, ${itemSearch.failed} failed (${itemSearch.firstError})` : ''}`, `p99 < ${TARGETS.itemSearchP99Ms} ms`]);
  rows.push(['`character` across three subgraphs', `${ms(character)} at ${QUERY_RATE}/s${characterQueries?.failed ? `, ${characterQueries.failed} failed (${characterQueries.firstError})` : ''}`, '']);
  // With the cores saturated, every queue on the way grows: that is the first cause to name.
  const saturated = cores.busy >= 0.95 ? `the machine's cores were ${fmt(cores.busy * 100)}% busy while measured` : undefined;
  const droppedOnTheWay = [
    subgraphTooSlow > 0 ? `the telemetry subgraph ended ${fmt(subgraphTooSlow)} subscriptions of the gateway's connections not keeping up` : '',
    endedTooSlow > 0 ? `the gateway ended ${fmt(endedTooSlow)} subscriptions of subscribers not keeping up` : '',
  ].filter(Boolean).join(', ');
  verdict('nothing lost', lost === 0 && eventsExtra === 0, [droppedOnTheWay, saturated].filter(Boolean).join('; ') || undefined);
  verdict('frame to subscriber p99', allLatency.p99 < TARGETS.p99Ms, saturated);
  verdict('gateway memory', peak.gateway < TARGETS.gatewayBytes && perSubscriber.bytes <= TARGETS.perSubscriberBytes);
  verdict('item search p99', search.p99 < TARGETS.itemSearchP99Ms, saturated);
}

/** Idle graphql-ws subscribers: the gateway's memory for each. */
async function idlePhase(): Promise<void> {
  await sleep(3_000);
  const before = await gatewayMemory();
  progress(`${fmt(IDLE_SUBSCRIBERS)} idle subscribers connect to the gateway`);
  const children = await startSubscribers(Array.from({ length: IDLE_SUBSCRIBERS }, () => ({ group: 'idle', query: IDLE, sample: false })));
  await sleep(5_000);
  const after = await gatewayMemory();
  await closeSubscribers(children);
  const perSubscriber = perSubscriberText(before, after, IDLE_SUBSCRIBERS);
  rows.push([`**${fmt(IDLE_SUBSCRIBERS)} idle graphql-ws subscribers**: gateway memory per subscriber`, perSubscriber.text, `≤ ${kb(TARGETS.perSubscriberBytes)}`]);
  verdict('idle memory per subscriber', perSubscriber.bytes <= TARGETS.perSubscriberBytes);
}

/** A counter's value on the `/metrics` of the service at `graphqlUrl` (summed over its labels; NaN when it is not there). */
async function counterAt(graphqlUrl: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const values = text.split('\n').filter((line) => line.startsWith(name)).map((line) => Number(line.split(' ').at(-1)));
  return values.length === 0 ? NaN : values.reduce((sum, value) => sum + value, 0);
}
