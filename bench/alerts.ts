/**
 * `npm run bench:alerts`: alerts from plugin frames to Discord posts. Ingest
 * and the subgraphs (one process, bench/graph-services.ts), the Hive Gateway
 * (another) and the Discord bot (bench/alerts-bot.ts, another) against a
 * Discord stand-in on loopback (test/helpers/discord) in this process, which
 * also runs the fleet: N characters (default 1,000) over real WebSockets,
 * telemetry every 2 s, with deaths, rares and idle spells at ten times the
 * old system's alert rate.
 *
 * The rate: the system this replaces ran 60 characters, each of which died
 * about every 2 hours of hunting, found a rare about every 10 hours and fell
 * idle about every 2 hours: about 1.1 alerts per character per hour. Ten
 * times that for every character of the fleet is 11 an hour each, 3 a second
 * for 1,000 characters. Idle spells need 5 minutes of the plugins' clock,
 * which runs --clock-speed (10) times as fast as real time here.
 *
 * Prints alerts/s, p50/p99 from the frame sent to the Discord post received
 * for alerts posted on their own (deaths and rares; an alert summarised
 * waits for its route's window by design), posts per alert, 429s, alerts
 * lost and duplicates, and writes its table into bench/RESULTS.md.
 * Options: --characters N, --seconds S, --clock-speed X, --burst N.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import WebSocket from 'ws';
import { issueApiToken } from '@lifestone/gateway';
import { startDiscordStandIn } from '../test/helpers/discord/index.js';
import type { BotConfig } from './alerts-bot.js';
import { database, fmt, forkChild, freshDatabase, machineLine, messageFrom, now, progress, summarize } from './common.js';
import type { ServicesConfig, ServicesReady } from './graph-services.js';

const { values } = parseArgs({
  options: {
    characters: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
    'clock-speed': { type: 'string', default: '10' },
    burst: { type: 'string', default: '5' },
  },
});
const CHARACTERS = Number(values.characters);
const SECONDS = Number(values.seconds);
const SPEED = Number(values['clock-speed']);
const BURST = Number(values.burst);
/** Alerts per character per real hour: ten times the old system's 1.1, and the plugins' clock runs SPEED times faster for idle spells. */
const PER_HOUR = { death: 5, rare: 1, idle: 5 };
const IDLE_MS = 300_000;
const TARGET_P99_MS = 500;

const { adminUrl, stop: stopDatabase } = await database();
const machine = await machineLine(adminUrl);
process.stdout.write(`${machine}\n`);
const db = await freshDatabase(adminUrl);
const secrets = { pluginSecret: randomBytes(12).toString('hex'), internalSecret: randomBytes(16).toString('hex'), sessionSecret: randomBytes(16).toString('hex') };
const channels = ['great-rares', 'common-rares', 'deaths', 'idle'] as const;
const standIn = await startDiscordStandIn({ heartbeatMs: 5000, guild: { name: 'Bench', channels: channels.map((name) => ({ name })) } });
const channel = (name: (typeof channels)[number]): string => standIn.guild.channels.find((c) => c.name === name)!.id;

progress('starting ingest and the subgraphs, the gateway, the bot');
const config: ServicesConfig = { databaseUrl: db.url, channelPrefix: 'bench-alerts.', positionsTickMs: 250, recordedTypes: [], ...secrets };
const isReady = (message: unknown): message is ServicesReady => (message as Partial<ServicesReady>).ready === true;
const backend = forkChild('graph-services.ts', ['--services', 'ingest,telemetry,inventory,combat', '--config', JSON.stringify(config)], ['--max-semi-space-size=64']);
const backendReady = await messageFrom(backend, isReady);
const gatewayChild = forkChild('graph-services.ts', ['--services', 'gateway', '--config', JSON.stringify({ ...config, subgraphs: backendReady.subgraphs })]);
const gateway = (await messageFrom(gatewayChild, isReady)).gateway!;
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
const viewer = await issueApiToken(pool, { name: 'discord bench', role: 'viewer', createdBy: null }, new Date());
const dataDir = await mkdtemp(path.join(tmpdir(), 'lifestone-bench-alerts-'));
const botConfig: BotConfig = {
  token: standIn.token,
  routes: `rare.great=${channel('great-rares')},rare.common=${channel('common-rares')},death=${channel('deaths')},idle=${channel('idle')}`,
  apiUrl: standIn.apiUrl, guildId: standIn.guild.id, graphqlUrl: gateway.url, apiToken: viewer.token,
  publicUrl: 'http://127.0.0.1:4000/', dataDir, burst: BURST, windowMs: 60_000,
};
const botChild = forkChild('alerts-bot.ts', ['--config', JSON.stringify(botConfig)]);
await messageFrom(botChild, (message): message is { ready: true } => (message as { ready?: unknown }).ready === true);

/** When the frame that raises each death and rare was sent, by the title of its post. */
const sentAt = new Map<string, number>();
const sockets: WebSocket[] = [];
progress(`connecting ${fmt(CHARACTERS)} plugins`);
for (let i = 0; i < CHARACTERS; i++) {
  const socket = new WebSocket(backendReady.pluginUrl!, { headers: { 'x-plugin-secret': secrets.pluginSecret } });
  await new Promise<void>((resolve, reject) => socket.once('open', () => resolve()).once('error', reject));
  sockets.push(socket);
}

const started = now();
const clock = (): number => started + (now() - started) * SPEED;
interface Player { name: string; ew: number; ns: number; idleUntil: number; idled: boolean; died: boolean; kills: number }
const players: Player[] = sockets.map((_, i) => ({ name: `Bench ${String(i).padStart(4, '0')}`, ew: (i % 100) - 50, ns: Math.floor(i / 100) - 5, idleUntil: 0, idled: false, died: false, kills: 0 }));
const send = (i: number, frame: object): void => sockets[i]!.send(JSON.stringify({ character_name: players[i]!.name, session_id: 'bench', timestamp: Math.round(clock()), ...frame }));
for (let i = 0; i < CHARACTERS; i++) send(i, { type: 'vitals', health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: 0 });

let rares = 0;
const chance = (perHour: number, ms: number): boolean => Math.random() < (perHour * ms) / 3_600_000;
const TICK_MS = 2000;
progress(`playing for ${SECONDS} s at ${PER_HOUR.death + PER_HOUR.rare + PER_HOUR.idle} alerts per character per hour`);
const end = started + SECONDS * 1000;
for (let tick = 0; now() < end; tick++) {
  const tickStart = now();
  for (let i = 0; i < CHARACTERS; i++) {
    const p = players[i]!;
    const idle = clock() < p.idleUntil;
    if (!idle) {
      p.ew += 0.02;
      p.kills += 1;
    }
    send(i, { type: 'telemetry', ew: p.ew, ns: p.ns, z: 0, landblock: '0xA9B40019', kills: p.kills, deaths: 0, vt_state: idle ? 'Idle' : 'Combat' });
    // An idle spell of the plugins' clock long enough to raise IDLE, once per character.
    if (!p.idled && !idle && chance(PER_HOUR.idle, TICK_MS)) {
      p.idled = true;
      p.idleUntil = clock() + IDLE_MS + 30_000;
    }
    if (!p.died && chance(PER_HOUR.death, TICK_MS)) {
      p.died = true;
      sentAt.set(`💀 ${p.name} died`, now());
      send(i, { type: 'vitals', health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: 5 });
    }
    if (chance(PER_HOUR.rare, TICK_MS)) {
      const great = rares % 5 === 0;
      const name = great ? `Guardian's Pendant ${rares}` : `Pearl of Bench ${rares}`;
      rares++;
      sentAt.set(`${great ? '💎' : '✨'} ${p.name} found ${name}`, now());
      send(i, { type: 'rare', name, ew: p.ew, ns: p.ns, z: 0 });
    }
  }
  await sleep(Math.max(0, tickStart + TICK_MS - now()));
}
const playedMs = now() - started;
progress('load done; waiting for every alert to be posted');
backend.send({ flush: true });
await messageFrom(backend, (message): message is { flushed: true } => (message as { flushed?: unknown }).flushed === true);

const routed = async (): Promise<number> => {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM alerts WHERE type IN ('DEATH', 'RARE', 'IDLE', 'IDLE_ENDED')`);
  return rows[0]!.n;
};
const botMessages = () => standIn.messages().filter((message) => message.source === 'bot');
/** Alerts a post carries: one, or a summary's count ("💀 12 deaths"). */
const carried = (title: string): number => Number(/^\S+ (\d+) /.exec(title)?.[1] ?? 1);
const isSummary = (title: string): boolean => /^\S+ \d+ /.test(title);
const delivered = (): number => botMessages().reduce((sum, message) => sum + carried(message.embeds[0]?.title ?? ''), 0);
// Alerts past the window wait for it: up to a minute, then a summary.
const deadline = now() + 150_000;
while (now() < deadline && delivered() < (await routed())) await sleep(500);
await sleep(2000);

const stored = await routed();
const { rows: byType } = await pool.query<{ type: string; n: number }>(`SELECT type, count(*)::int AS n FROM alerts GROUP BY type ORDER BY type`);
const messages = botMessages();
const titles = messages.map((message) => message.embeds[0]?.title ?? '');
const single = messages.filter((message) => !isSummary(message.embeds[0]?.title ?? ''));
const duplicates = single.length - new Set(single.map((message) => message.embeds[0]?.title)).size;
const latencies = single.flatMap((message) => {
  const sent = sentAt.get(message.embeds[0]?.title ?? '');
  return sent === undefined ? [] : [message.receivedAt - sent];
});
const latency = summarize(latencies);
const lost = stored - delivered();

botChild.send({ stop: true });
await messageFrom(botChild, (message): message is { stopped: true } => (message as { stopped?: unknown }).stopped === true);
for (const socket of sockets) socket.close();
for (const child of [gatewayChild, backend]) {
  child.send({ stop: true });
  await messageFrom(child, (message): message is { stopped: true } => (message as { stopped?: unknown }).stopped === true).catch(() => {});
}
await standIn.close();
await pool.end();
await db.drop();
await stopDatabase();
await rm(dataDir, { recursive: true, force: true });

const date = new Date().toISOString().slice(0, 10);
const rows: [string, string, string][] = [
  ['fleet', `${fmt(CHARACTERS)} plugins for ${fmt(playedMs / 1000, 0)} s, telemetry every 2 s, plugins' clock ×${SPEED}`, ''],
  ['alerts stored', `${fmt(stored)} (${byType.map((row) => `${row.type} ${row.n}`).join(', ')}): ${fmt(stored / (playedMs / 1000), 1)}/s`, ''],
  ['frame sent to post received, alerts posted on their own', `p50 ${fmt(latency.p50, 1)} ms, **p99 ${fmt(latency.p99, 1)} ms** (${latencies.length} posts)`, `p99 under ${TARGET_P99_MS} ms`],
  ['posts', `${messages.length}: ${single.length} single, ${messages.length - single.length} summaries; ${fmt(messages.length / Math.max(1, stored), 2)} posts per alert (burst ${BURST} a minute per route)`, ''],
  ['429s from Discord', fmt(standIn.counters.rateLimited), '0'],
  ['alerts lost', fmt(lost), '0'],
  ['duplicates', fmt(duplicates), '0'],
];
const met = latency.p99 < TARGET_P99_MS && lost === 0 && duplicates === 0 && standIn.counters.rateLimited === 0;
const table = ['| figure | measured | target |', '| --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
process.stdout.write(`\n${table}\n\nverdict: ${met ? 'every target met' : 'a target MISSED'}\n`);

// bench/RESULTS.md keeps one table per benchmark, this run's replacing the last.
const resultsFile = new URL('./RESULTS.md', import.meta.url);
const section = `## bench:alerts\n\n${machine}; ${date}; \`npm run bench:alerts${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\`.\n\n${table}\n`;
let results = await readFile(resultsFile, 'utf8').catch(() => '# Benchmark results\n\nThe latest run of each benchmark, replaced by the next; earlier runs are in git history.\n');
results = /## bench:alerts\n[\s\S]*?(?=\n## |$)/.test(results) ? results.replace(/## bench:alerts\n[\s\S]*?(?=\n## |$)/, section) : `${results.trimEnd()}\n\n${section}`;
await writeFile(resultsFile, results);
if (titles.length === 0) process.exitCode = 1;
