/**
 * `npm run bench:minecraft`: the Minecraft bridge with 100 players on one
 * server. A flying-squid server (the demo's world, view distance 2) in a
 * process of its own (bench/minecraft-server.ts); the players, N wandering
 * mineflayer clients (default 100), spread over --processes (4) load
 * processes under `nice` (bench/minecraft-players.ts), so that neither the
 * server nor the bridge shares an event loop with them, joining one at a
 * time, standing, and setting off once all are in: flying-squid 1.12 shows
 * a joining player to those already in the world only if no other login
 * completes, and no other player moves 2 blocks, while its own login is under
 * way (either marks the newcomer as already seen by everyone, and nobody is
 * ever sent its entity). Logins at once left 13 and 15 of 40 players
 * invisible to the bridge's bot; one at a time among wanderers, 3 of 40; the bridge alone in
 * another (bench/minecraft-bridge.ts: its CPU and memory are its own);
 * ingest and the subgraphs in one and the Hive Gateway in another
 * (bench/graph-services.ts, as production runs them); and in this process a
 * graphql-ws subscriber of the gateway's `positions`, the feed the
 * dashboard's maps draw from.
 *
 * Baseline, in the same run: the bridge in the world with no player, for
 * --baseline-seconds (15). Then the players join; once every player
 * is in and reported, 10 s settle and it measures for --seconds (60): the
 * bridge's CPU (cores), memory (RSS, heap) and event-loop delay, the frames
 * it sent, frame to dashboard (from the time a position frame carries, the
 * bridge stamping it as it sends it, to the subscriber receiving it) p50
 * and p99, players dropped meanwhile, and where the machine's cores went.
 * Writes its table into bench/RESULTS.md.
 *
 * Options: --players N, --processes P, --seconds S, --baseline-seconds S,
 * --nice N (10), --join-seconds S (300: the players joined by then take part).
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { issueApiToken } from '@lifestone/lib/auth';
import { demoPlayerName } from '../minecraft/src/demo.js';
import { busiestThread, compiledServices, coresUsed, cpuReading, database, fmt, forkChild, freshDatabase, machineLine, messageFrom, now, progress, summarize, threadCpu, writeResults } from './common.js';
import type { ServicesConfig, ServicesReady } from './graph-services.js';

const { values } = parseArgs({
  options: {
    players: { type: 'string', default: '100' },
    processes: { type: 'string', default: '4' },
    seconds: { type: 'string', default: '60' },
    'baseline-seconds': { type: 'string', default: '15' },
    nice: { type: 'string', default: '10' },
    'join-seconds': { type: 'string', default: '300' },
  },
});
const PLAYERS = Number(values.players);
const PROCESSES = Math.max(1, Math.min(PLAYERS, Number(values.processes)));
const SECONDS = Number(values.seconds);
const BASELINE_SECONDS = Number(values['baseline-seconds']);
const NICE = Number(values.nice);
/** How long the players may take to join, all together; the run goes on with those in by then. */
const JOIN_SECONDS = Number(values['join-seconds']);
/** How long every player may take to be reported after the last one joined. */
const REPORT_TIMEOUT_MS = 60_000;

interface BridgeReport {
  cpuSeconds: number;
  rss: number;
  heapUsed: number;
  reported: number;
  loopDelayP99Ms: number;
  status: string;
  seen: { entities: number; missing: string[] };
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

progress('starting ingest and the subgraphs, the gateway, the Minecraft server');
const config: ServicesConfig = { databaseUrl: db.url, channelPrefix: 'bench-minecraft.', positionsTickMs: 250, recordedTypes: [], ...secrets };
// The services' processes run the compiled code, as production does.
const compiled = await compiledServices();
const backend = forkChild('graph-services.ts', ['--services', 'ingest,telemetry,inventory,combat', '--config', JSON.stringify(config)], ['--max-semi-space-size=64', ...compiled]);
const backendReady = await messageFrom(backend, isReady);
const gatewayChild = forkChild('graph-services.ts', ['--services', 'gateway', '--config', JSON.stringify({ ...config, subgraphs: backendReady.subgraphs })], compiled);
const gateway = (await messageFrom(gatewayChild, isReady)).gateway!;
const server = forkChild('minecraft-server.ts', [String(PLAYERS + 1), '2', '30000']);
const { port } = await messageFrom(server, (message): message is { port: number } => typeof (message as { port?: unknown }).port === 'number');

progress(`the bridge joins the world on port ${port}`);
const bridge = forkChild('minecraft-bridge.ts', ['127.0.0.1', String(port), backendReady.pluginUrl!, secrets.pluginSecret], compiled);
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
/** The characters whose position reached the subscriber in the measured window. */
const placedInWindow = new Set<string>();
let measuring = false;
const subscriber = createClient({ url: gateway.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${viewer.token}` }, lazy: false });
const feed = subscriber.iterate<{ positions: { positions: Array<{ character: string; time: string }> } }>({ query: 'subscription { positions { positions { character time } } }' });
void (async () => {
  for await (const { data } of feed) {
    const at = now();
    if (!measuring || !data) continue;
    for (const position of data.positions.positions) {
      latencies.push(at - Date.parse(position.time));
      placedInWindow.add(position.character);
    }
  }
})();

progress(`baseline: the bridge in the world with no player, ${BASELINE_SECONDS} s`);
await sleep(2_000);
const idleFrom = await report();
const idleCpuFrom = cpuReading();
const idleServerThreadsFrom = threadCpu(server.pid!);
await sleep(BASELINE_SECONDS * 1000);
const idleTo = await report();
const idleServerThreadsTo = threadCpu(server.pid!);
const idleCores = coresUsed(idleCpuFrom, cpuReading(), [{ label: 'bridge', pids: [bridge.pid!] }, { label: 'server', pids: [server.pid!] }]);
const idleElapsed = idleCores.seconds;
const idleServerThread = busiestThread(idleServerThreadsFrom, idleServerThreadsTo, idleElapsed);

const playerProcesses = Array.from({ length: PROCESSES }, () => forkChild('minecraft-players.ts', [String(port)], [], { nice: NICE }));
const online = async (): Promise<{ online: number; timedOut: number }> => {
  const answers = playerProcesses.map((child) => messageFrom(child, (message): message is { online: number; timedOut: number } => typeof (message as { online?: unknown }).online === 'number'));
  for (const child of playerProcesses) child.send('report');
  return (await Promise.all(answers)).reduce((sum, answer) => ({ online: sum.online + answer.online, timedOut: sum.timedOut + answer.timedOut }), { online: 0, timedOut: 0 });
};
progress(`${fmt(PLAYERS)} players join one at a time, from ${PROCESSES} processes under nice ${NICE}`);
const joinStarted = now();
let inWorld = 0;
let failedToJoin = 0;
for (let index = 0; index < PLAYERS && now() - joinStarted < JOIN_SECONDS * 1000; index++) {
  const child = playerProcesses[index % PROCESSES]!;
  const name = demoPlayerName(index);
  const answer = messageFrom(child, (message): message is { joined: string; ok: boolean } => (message as { joined?: unknown }).joined === name);
  child.send({ join: name });
  if ((await answer).ok) inWorld++;
  else failedToJoin++;
}
for (const child of playerProcesses) child.send('wander');
const joinSeconds = (now() - joinStarted) / 1000;
progress(`${fmt(inWorld)} players spawned (${fmt(failedToJoin)} failed) after ${fmt(joinSeconds, 1)} s; waiting until the bridge reports them`);
let reported = 0;
for (let until = now() + REPORT_TIMEOUT_MS; (reported = (await report()).reported) < inWorld && now() < until;) await sleep(500);
const reportedSeconds = (now() - joinStarted) / 1000;
const onlineAtStart = await online();
progress(`${fmt(reported)} of ${fmt(onlineAtStart.online)} players online reported ${fmt(reportedSeconds, 1)} s after the first joined; settling 10 s, then measuring ${SECONDS} s`);
await sleep(10_000);

const cpuFrom = cpuReading();
const serverThreadsFrom = threadCpu(server.pid!);
const from = await report();
const windowStart = now();
measuring = true;
await sleep(SECONDS * 1000);
measuring = false;
const to = await report();
const cpuTo = cpuReading();
const serverThreadsTo = threadCpu(server.pid!);
const elapsed = (now() - windowStart) / 1000;
const onlineAtEnd = await online();
const { rows: placed } = await pool.query<{ name: string }>(`SELECT character_name AS name FROM live_characters WHERE game = 'MINECRAFT' AND ew IS NOT NULL`);
const unplaced = Array.from({ length: PLAYERS }, (_, index) => demoPlayerName(index)).filter((name) => !placed.some((row) => row.name === name));
if (unplaced.length > 0) progress(`players with no position in the graph: ${unplaced.join(', ')}; the bridge's client holds no entity of: ${to.seen.missing.join(', ') || 'none'}`);

const latency = summarize(latencies);
const mb = (bytes: number): string => `${fmt(bytes / 2 ** 20)} MiB`;
const cores = coresUsed(cpuFrom, cpuTo, [
  { label: 'bridge', pids: [bridge.pid!] },
  { label: 'flying-squid server', pids: [server.pid!] },
  { label: `players (${PROCESSES} processes, nice ${NICE})`, pids: playerProcesses.map((child) => child.pid!) },
  { label: 'ingest and subgraphs', pids: [backend.pid!] },
  { label: 'gateway', pids: [gatewayChild.pid!] },
  { label: 'subscriber', pids: [process.pid] },
]);
const idleCpu = (idleTo.cpuSeconds - idleFrom.cpuSeconds) / idleElapsed;
const bridgeCpu = (to.cpuSeconds - from.cpuSeconds) / elapsed;
const allReported = to.reported >= inWorld && inWorld === PLAYERS;
const table = [
  '| figure | baseline: no player | measured |',
  '| --- | --- | --- |',
  `| players | 0 | ${fmt(inWorld)} of ${fmt(PLAYERS)} mineflayer players in (${fmt(failedToJoin)} failed to join${inWorld + failedToJoin < PLAYERS ? `, ${fmt(PLAYERS - inWorld - failedToJoin)} not tried within ${JOIN_SECONDS} s` : ''}) from ${PROCESSES} processes under \`nice -n ${NICE}\`, wandering on one flying-squid 1.21.4 server (view distance 2) in a process of its own; ${fmt(to.reported)} reported by the bridge, ${fmt(placed.length)} with a position in the graph, the positions of ${fmt(placedInWindow.size)} reaching the subscriber in the window; ${allReported ? `all spawned ${fmt(joinSeconds, 1)} s and reported ${fmt(reportedSeconds, 1)} s after the first joined` : `**not all in and reported** ${fmt(reportedSeconds, 1)} s after the first joined: the figures are not the bridge at ${fmt(PLAYERS)} players`}; ${fmt(onlineAtStart.online)} online at the window's start, ${fmt(onlineAtEnd.online)} at its end; ${onlineAtEnd.timedOut > 0 ? `**${fmt(onlineAtEnd.timedOut)} clients timed out** waiting for the server's keep-alive (their process fell behind reading what the server sent)` : 'no client timed out'} |`,
  `| window | ${fmt(idleElapsed, 1)} s, the bridge's bot in the world | ${fmt(elapsed, 1)} s, 10 s after the last player was reported |`,
  `| frames the bridge sent | ${fmt(idleTo.transport.frames - idleFrom.transport.frames)} | ${fmt(to.transport.frames - from.transport.frames)} (${fmt((to.transport.frames - from.transport.frames) / elapsed, 1)}/s) over ${fmt(to.transport.open)} protocol 2 connections; ${fmt(to.transport.dropped)} dropped, ${fmt(to.transport.refusals)} refused |`,
  `| **bridge CPU** | ${fmt(idleCpu, 3)} cores | **${fmt(bridgeCpu, 3)} cores** (${fmt(bridgeCpu * 100, 1)} % of one; ${fmt(((bridgeCpu - idleCpu) * 1000) / Math.max(1, to.reported), 2)} ms of CPU a second per player above the baseline) |`,
  `| **bridge memory** | RSS ${mb(idleTo.rss)}, heap used ${mb(idleTo.heapUsed)} | **RSS ${mb(to.rss)}**, heap used ${mb(to.heapUsed)} (at the window's start: RSS ${mb(from.rss)}) |`,
  `| bridge event-loop delay p99 | ${fmt(idleTo.loopDelayP99Ms, 1)} ms | ${fmt(to.loopDelayP99Ms, 1)} ms |`,
  `| **frame to dashboard** (position frame stamped by the bridge to the gateway's \`positions\` feed received over graphql-ws, 250 ms ticks) | no frames | p50 ${fmt(latency.p50, 1)} ms, **p99 ${fmt(latency.p99, 1)} ms** (${fmt(latency.count)} positions) |`,
  `| flying-squid's busiest thread (its world: 1.00 is saturated) | ${fmt(idleServerThread, 2)} of a core | **${fmt(busiestThread(serverThreadsFrom, serverThreadsTo, cores.seconds), 2)} of a core** |`,
  `| where the cores went | ${idleCores.text} | ${cores.text} |`,
].join('\n');
process.stdout.write(`${table}\n`);
await writeResults('minecraft', machine, table);

progress('stopping');
await subscriber.dispose();
for (const [child, closed] of [[bridge, 'closed'], ...playerProcesses.map((player) => [player, 'closed'] as const), [server, 'closed']] as const) {
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
