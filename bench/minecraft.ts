/**
 * `npm run bench:minecraft`: the Minecraft bridge with 100 players on one
 * server. A flying-squid world (the demo's, view distance 2) with N
 * wandering mineflayer players (default 100) in one process
 * (bench/minecraft-world.ts), the bridge alone in another
 * (bench/minecraft-bridge.ts: its CPU and memory are its own), ingest and
 * the subgraphs in a third and the Hive Gateway in a fourth
 * (bench/graph-services.ts, as production runs them), and in this process a
 * graphql-ws subscriber of the gateway's `positions`, the feed the
 * dashboard's maps draw from.
 *
 * Once every player is in and reported, it measures for --seconds (60): the
 * bridge's CPU (cores) and memory (RSS, heap), the frames it sent, and frame
 * to dashboard: from the time a position frame carries (the bridge stamps it
 * as it sends it) to the subscriber receiving it, p50 and p99. Writes its
 * table into bench/RESULTS.md.
 *
 * Options: --players N, --seconds S.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { issueApiToken } from '@lifestone/lib/auth';
import { coresUsed, cpuReading, database, fmt, forkChild, freshDatabase, machineLine, messageFrom, now, progress, summarize, writeResults } from './common.js';
import type { ServicesConfig, ServicesReady } from './graph-services.js';

const { values } = parseArgs({ options: { players: { type: 'string', default: '100' }, seconds: { type: 'string', default: '60' } } });
const PLAYERS = Number(values.players);
const SECONDS = Number(values.seconds);

interface BridgeReport {
  cpuSeconds: number;
  rss: number;
  heapUsed: number;
  reported: number;
  transport: { open: number; frames: number; dropped: number; refusals: number };
}
const isReport = (message: unknown): message is BridgeReport => typeof (message as Partial<BridgeReport>).cpuSeconds === 'number';
const isReady = (message: unknown): message is ServicesReady => (message as Partial<ServicesReady>).ready === true;
const is = <T>(value: T) => (message: unknown): message is T => message === value;

const { adminUrl, stop: stopDatabase } = await database();
const machine = await machineLine(adminUrl);
process.stdout.write(`${machine}\n`);
const db = await freshDatabase(adminUrl);
const secrets = { pluginSecret: randomBytes(12).toString('hex'), internalSecret: randomBytes(16).toString('hex'), sessionSecret: randomBytes(16).toString('hex') };

progress('starting ingest and the subgraphs, the gateway, the Minecraft world');
const config: ServicesConfig = { databaseUrl: db.url, channelPrefix: 'bench-minecraft.', positionsTickMs: 250, recordedTypes: [], ...secrets };
const backend = forkChild('graph-services.ts', ['--services', 'ingest,telemetry,inventory,combat', '--config', JSON.stringify(config)], ['--max-semi-space-size=64']);
const backendReady = await messageFrom(backend, isReady);
const gatewayChild = forkChild('graph-services.ts', ['--services', 'gateway', '--config', JSON.stringify({ ...config, subgraphs: backendReady.subgraphs })]);
const gateway = (await messageFrom(gatewayChild, isReady)).gateway!;
const world = forkChild('minecraft-world.ts', [String(PLAYERS)]);
const { port } = await messageFrom(world, (message): message is { port: number } => typeof (message as { port?: unknown }).port === 'number');

progress(`the bridge joins the world on port ${port}`);
const bridge = forkChild('minecraft-bridge.ts', ['127.0.0.1', String(port), backendReady.pluginUrl!, secrets.pluginSecret]);
await messageFrom(bridge, is('ready'));
const report = async (): Promise<BridgeReport> => {
  const answer = messageFrom(bridge, isReport);
  bridge.send('report');
  return answer;
};

const pool = new pg.Pool({ connectionString: db.url, max: 2 });
const viewer = await issueApiToken(pool, { name: 'minecraft bench', role: 'viewer', createdBy: null }, new Date());
/** Frame to dashboard, in the measured window. */
const latencies: number[] = [];
let measuring = false;
const subscriber = createClient({ url: gateway.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${viewer.token}` }, lazy: false });
const feed = subscriber.iterate<{ positions: { positions: Array<{ character: string; time: string }> } }>({ query: 'subscription { positions { positions { character time } } }' });
void (async () => {
  for await (const { data } of feed) {
    const at = now();
    if (!measuring || !data) continue;
    for (const position of data.positions.positions) latencies.push(at - Date.parse(position.time));
  }
})();

progress(`${fmt(PLAYERS)} players join`);
const joinStarted = now();
const joined = messageFrom(world, (message): message is { joined: number } => typeof (message as { joined?: unknown }).joined === 'number');
world.send({ join: PLAYERS });
const { joined: inWorld } = await joined;
for (let until = now() + 60_000; (await report()).reported < inWorld && now() < until;) await sleep(500);
const joinSeconds = (now() - joinStarted) / 1000;
progress(`${fmt(inWorld)} players in after ${fmt(joinSeconds, 1)} s; settling 10 s, then measuring ${SECONDS} s`);
await sleep(10_000);

const cpuFrom = cpuReading();
const from = await report();
const windowStart = now();
measuring = true;
await sleep(SECONDS * 1000);
measuring = false;
const to = await report();
const cpuTo = cpuReading();
const elapsed = (now() - windowStart) / 1000;
const { rows } = await pool.query<{ characters: number }>(`SELECT count(*)::int AS characters FROM live_characters WHERE game = 'MINECRAFT'`);

const latency = summarize(latencies);
const mb = (bytes: number): string => `${fmt(bytes / 2 ** 20)} MiB`;
const cores = coresUsed(cpuFrom, cpuTo, [
  { label: 'bridge', pids: [bridge.pid!] },
  { label: 'world (flying-squid and the players)', pids: [world.pid!] },
  { label: 'ingest and subgraphs', pids: [backend.pid!] },
  { label: 'gateway', pids: [gatewayChild.pid!] },
  { label: 'subscriber', pids: [process.pid] },
]);
const table = [
  '| figure | measured |',
  '| --- | --- |',
  `| players | ${fmt(inWorld)} mineflayer players wandering on one flying-squid 1.21.4 server (view distance 2), ${fmt(to.reported)} reported by the bridge, ${fmt(rows[0]?.characters ?? 0)} Minecraft characters in the graph; ${to.reported >= inWorld ? `all in and reported ${fmt(joinSeconds, 1)} s after the first joined` : `**not all reported** ${fmt(joinSeconds, 1)} s after the first joined: the figures below are not the bridge at ${fmt(inWorld)} players`} |`,
  `| window | ${fmt(elapsed, 1)} s, 10 s after the last player was reported |`,
  `| frames the bridge sent | ${fmt(to.transport.frames - from.transport.frames)} (${fmt((to.transport.frames - from.transport.frames) / elapsed, 1)}/s) over ${fmt(to.transport.open)} protocol 2 connections; ${fmt(to.transport.dropped)} dropped, ${fmt(to.transport.refusals)} refused |`,
  `| **bridge CPU** | **${fmt((to.cpuSeconds - from.cpuSeconds) / elapsed, 3)} cores** (${fmt(((to.cpuSeconds - from.cpuSeconds) / elapsed) * 100, 1)} % of one) |`,
  `| **bridge memory** | **RSS ${mb(to.rss)}**, heap used ${mb(to.heapUsed)} (at the window's start: RSS ${mb(from.rss)}) |`,
  `| **frame to dashboard** (position frame stamped by the bridge to the gateway's \`positions\` feed received, 250 ms ticks) | p50 ${fmt(latency.p50, 1)} ms, **p99 ${fmt(latency.p99, 1)} ms** (${fmt(latency.count)} positions) |`,
  `| where the cores went | ${cores.text} |`,
].join('\n');
process.stdout.write(`${table}\n`);
await writeResults('minecraft', machine, table);

progress('stopping');
await subscriber.dispose();
for (const [child, closed] of [[bridge, 'closed'], [world, 'closed']] as const) {
  const done = messageFrom(child, is(closed));
  child.send('close');
  await Promise.race([done, sleep(20_000)]);
  child.kill();
}
for (const child of [gatewayChild, backend]) {
  child.send({ stop: true });
  await messageFrom(child, (message): message is { stopped: true } => (message as { stopped?: unknown }).stopped === true).catch(() => {});
}
await pool.end();
await db.drop();
await stopDatabase();
process.exit(0);
