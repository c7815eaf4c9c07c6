/**
 * `npm run bench:alerts`: alerts from plugin frames to Discord posts. Ingest
 * and the subgraphs (one process, bench/graph-services.ts), the Hive Gateway
 * (another) and the Discord bot (bench/alerts-bot.ts, another) against a
 * Discord stand-in on loopback (test-kit/discord) in this process, which
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
 * The baseline, measured in the same run: a plain graphql-ws subscriber of
 * the gateway's `alerts` (what any client of the graph gets), frame sent to
 * alert received. The bot's figure beside it is what posting to Discord
 * adds: a wake-up, the catch-up query, the post.
 *
 * Latency counts the deaths and rares posted on their own while their route
 * had room in its window (fewer than --burst posts in the minute before the
 * frame): an alert raised in a full window waits for it by design, and goes
 * out with what came meanwhile, or alone.
 *
 * Accounting is by alert id: each post names the alert it carries ("Alert
 * 123") or the ids a summary covers ("Alerts 120 to 160"); every alert stored
 * of a routed type must be covered exactly once. Prints alerts/s, p50/p99
 * from the frame sent to the Discord post received for alerts posted on
 * their own (deaths and rares; an alert summarised waits for its route's
 * window by design), posts per alert, 429s, alerts lost and duplicates, and
 * writes its table into bench/RESULTS.md.
 *
 * Options: --characters N, --seconds S, --clock-speed X, --burst N.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { issueApiToken } from '@lifestone/lib/auth';
import { startDiscordStandIn, type PostedMessage } from '@lifestone/test-kit/discord';
import type { BotConfig } from './alerts-bot.js';
import { compiledServices, database, fmt, forkChild, freshDatabase, machineLine, messageFrom, now, progress, summarize, writeResults, type LatencySummary } from './common.js';
import type { ServicesConfig, ServicesReady } from './graph-services.js';

const { values } = parseArgs({
  options: {
    characters: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '120' },
    'clock-speed': { type: 'string', default: '10' },
    burst: { type: 'string', default: '5' },
  },
});
const CHARACTERS = Number(values.characters);
const SECONDS = Number(values.seconds);
const SPEED = Number(values['clock-speed']);
const BURST = Number(values.burst);
const WINDOW_MS = 60_000;
/** Alerts per character per real hour: ten times the old system's 1.1, and the plugins' clock runs SPEED times faster for idle spells. */
const PER_HOUR = { death: 5, rare: 1, idle: 5 };
const IDLE_MS = 300_000;
const TARGET_P99_MS = 500;
const ROUTED_TYPES = ['DEATH', 'RARE', 'IDLE', 'IDLE_ENDED'] as const;

const { adminUrl, stop: stopDatabase } = await database();
const machine = await machineLine(adminUrl);
process.stdout.write(`${machine}\n`);
const db = await freshDatabase(adminUrl);
const secrets = { pluginSecret: randomBytes(12).toString('hex'), internalSecret: randomBytes(16).toString('hex'), sessionSecret: randomBytes(16).toString('hex') };
const channels = ['great-rares', 'common-rares', 'deaths', 'idle'] as const;
type ChannelName = (typeof channels)[number];
const standIn = await startDiscordStandIn({ heartbeatMs: 5000, guild: { name: 'Bench', channels: channels.map((name) => ({ name })) } });
const channel = (name: ChannelName): string => standIn.guild.channels.find((c) => c.name === name)!.id;

progress('starting ingest and the subgraphs, the gateway, the bot');
const config: ServicesConfig = { databaseUrl: db.url, channelPrefix: 'bench-alerts.', positionsTickMs: 250, recordedTypes: [], ...secrets };
const isReady = (message: unknown): message is ServicesReady => (message as Partial<ServicesReady>).ready === true;
// The services' processes run the compiled code, as production does.
const compiled = await compiledServices();
const backend = forkChild('graph-services.ts', ['--services', 'ingest,telemetry,inventory,combat', '--config', JSON.stringify(config)], ['--max-semi-space-size=64', ...compiled]);
const backendReady = await messageFrom(backend, isReady);
const gatewayChild = forkChild('graph-services.ts', ['--services', 'gateway', '--config', JSON.stringify({ ...config, subgraphs: backendReady.subgraphs })], compiled);
const gateway = (await messageFrom(gatewayChild, isReady)).gateway!;
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
const viewer = await issueApiToken(pool, { name: 'discord bench', role: 'viewer', createdBy: null }, new Date());
const dataDir = await mkdtemp(path.join(tmpdir(), 'lifestone-bench-alerts-'));
const botConfig: BotConfig = {
  token: standIn.token,
  routes: `rare.great=${channel('great-rares')},rare.common=${channel('common-rares')},death=${channel('deaths')},idle=${channel('idle')}`,
  apiUrl: standIn.apiUrl, guildId: standIn.guild.id, graphqlUrl: gateway.url, apiToken: viewer.token,
  publicUrl: 'http://127.0.0.1:4000/', dataDir, burst: BURST, windowMs: WINDOW_MS,
};
const botChild = forkChild('alerts-bot.ts', ['--config', JSON.stringify(botConfig)], compiled);
await messageFrom(botChild, (message): message is { ready: true } => (message as { ready?: unknown }).ready === true);

/** The baseline: when a plain subscriber of the graph received each alert, by id. */
const subscribed = new Map<string, number>();
const subscriber = createClient({ url: gateway.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${viewer.token}` }, lazy: false });
const subscription = subscriber.iterate<{ alerts: { id: string } }>({ query: `subscription { alerts(types: [${ROUTED_TYPES.join(', ')}]) { id } }` });
void (async () => {
  for await (const { data } of subscription) if (data) subscribed.set(data.alerts.id, now());
})();
await sleep(500);

/** When the frame that raises each death and rare was sent, by `type:character:rare`. */
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
    // One death per character: the cooldown (5 minutes of the plugins' clock) would swallow a second one soon after.
    if (!p.died && chance(PER_HOUR.death, TICK_MS)) {
      p.died = true;
      sentAt.set(`DEATH:${p.name}:`, now());
      send(i, { type: 'vitals', health_pct: 100, stamina_pct: 100, mana_pct: 100, vitae_pct: 5 });
    }
    if (chance(PER_HOUR.rare, TICK_MS)) {
      // One in five great (a name that is no gem or glyph), the rest common.
      const name = rares % 5 === 0 ? `Guardian's Pendant ${rares}` : `Pearl of Bench ${rares}`;
      rares++;
      sentAt.set(`RARE:${p.name}:${name}`, now());
      send(i, { type: 'rare', name, ew: p.ew, ns: p.ns, z: 0 });
    }
  }
  await sleep(Math.max(0, tickStart + TICK_MS - now()));
}
const playedMs = now() - started;
progress('load done; waiting for every alert to be posted');
backend.send({ flush: true });
await messageFrom(backend, (message): message is { flushed: true } => (message as { flushed?: unknown }).flushed === true);

interface StoredAlert { id: string; type: string; character: string; name: string | null; tier: string | null }
const storedAlerts = async (): Promise<StoredAlert[]> => (await pool.query<StoredAlert>(
  `SELECT id::text AS id, type, character_name AS character, detail->>'name' AS name, detail->>'tier' AS tier FROM alerts WHERE type = ANY($1) ORDER BY id`,
  [ROUTED_TYPES],
)).rows;
/** The route (by channel) an alert belongs to. */
const channelOf = (alert: StoredAlert): ChannelName =>
  alert.type === 'DEATH' ? 'deaths' : alert.type === 'RARE' ? (alert.tier === 'common' ? 'common-rares' : 'great-rares') : 'idle';
const botMessages = (): PostedMessage[] => standIn.messages().filter((message) => message.source === 'bot');

/** Which alerts a post carries, from its footer: one id, or a summary's range of its route's ids. */
function carried(message: PostedMessage, alerts: readonly StoredAlert[]): StoredAlert[] {
  const footer = message.embeds[0]?.footer?.text ?? '';
  const single = /^Alert (\d+)$/.exec(footer);
  if (single) return alerts.filter((alert) => alert.id === single[1]);
  const range = /^Alerts (\d+) to (\d+)$/.exec(footer);
  if (!range) return [];
  const [from, to] = [BigInt(range[1]!), BigInt(range[2]!)];
  return alerts.filter((alert) => BigInt(alert.id) >= from && BigInt(alert.id) <= to && channel(channelOf(alert)) === message.channelId);
}
/** How many posts carried each alert. */
function coverage(alerts: readonly StoredAlert[]): Map<string, number> {
  const times = new Map(alerts.map((alert) => [alert.id, 0]));
  for (const message of botMessages()) for (const alert of carried(message, alerts)) times.set(alert.id, (times.get(alert.id) ?? 0) + 1);
  return times;
}
// An alert past its route's window waits for it: up to a minute, then a summary.
const deadline = now() + WINDOW_MS + 90_000;
for (;;) {
  const times = coverage(await storedAlerts());
  if ([...times.values()].every((n) => n > 0) || now() > deadline) break;
  await sleep(500);
}
await sleep(2000);

const alerts = await storedAlerts();
const times = coverage(alerts);
const lost = [...times.values()].filter((n) => n === 0).length;
const duplicates = [...times.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
const messages = botMessages();
const singles = messages.filter((message) => /^Alert \d+$/.test(message.embeds[0]?.footer?.text ?? ''));
const keyOf = (alert: StoredAlert): string => `${alert.type}:${alert.character}:${alert.name ?? ''}`;
const byId = new Map(alerts.map((alert) => [alert.id, alert]));
/** Whether the route had used up its window when the alert was raised: then it waits for the window by design, even when it goes out alone. */
const windowFull = (channelId: string, at: number): boolean =>
  messages.filter((message) => message.channelId === channelId && message.receivedAt > at - WINDOW_MS && message.receivedAt <= at).length >= BURST;
/** Frame sent to post received, for the deaths and rares posted on their own outside a full window; and to the plain subscriber, for the same alerts. */
const posted: number[] = [];
const baselineSame: number[] = [];
let heldAlone = 0;
for (const message of singles) {
  const alert = byId.get(/^Alert (\d+)$/.exec(message.embeds[0]!.footer!.text)![1]!);
  const sent = alert && sentAt.get(keyOf(alert));
  if (sent === undefined || !alert) continue;
  if (windowFull(message.channelId, sent)) {
    heldAlone++;
    continue;
  }
  posted.push(message.receivedAt - sent);
  if (message.receivedAt - sent > TARGET_P99_MS) progress(`slow: alert ${alert.id} (${alert.type}) posted ${fmt(message.receivedAt - sent)} ms after its frame`);
  const heard = subscribed.get(alert.id);
  if (heard !== undefined) baselineSame.push(heard - sent);
}
const baselineAll = alerts.flatMap((alert) => {
  const sent = sentAt.get(keyOf(alert));
  const heard = subscribed.get(alert.id);
  return sent === undefined || heard === undefined ? [] : [heard - sent];
});
const latency = summarize(posted);
const baseline = summarize(baselineAll);
const baselineOfPosted = summarize(baselineSame);
const byType = ROUTED_TYPES.map((type) => `${type} ${alerts.filter((alert) => alert.type === type).length}`).join(', ');
const deliveredAt = messages.map((message) => message.receivedAt);
const deliverySeconds = deliveredAt.length > 1 ? (Math.max(...deliveredAt) - started) / 1000 : NaN;

await subscriber.dispose();
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

const ms = (summary: LatencySummary): string => `p50 ${fmt(summary.p50, 1)} ms, p99 ${fmt(summary.p99, 1)} ms (${fmt(summary.count)} alerts)`;
const rows: [string, string, string][] = [
  ['fleet', `${fmt(CHARACTERS)} plugins for ${fmt(playedMs / 1000, 0)} s, telemetry every 2 s, plugins' clock ×${SPEED}`, ''],
  ['alert rate asked', `${PER_HOUR.death} deaths, ${PER_HOUR.rare} rare, ${PER_HOUR.idle} idle spells per character-hour: 10× the old system's 1.1 alerts per character-hour (60 characters: a death every 2 h of hunting, an idle spell every 2 h, a rare every 10 h)`, ''],
  ['alerts stored', `${fmt(alerts.length)} (${byType}): ${fmt(alerts.length / (playedMs / 1000), 1)}/s while playing`, ''],
  ['alerts delivered', `${fmt(alerts.length - lost)}, the last ${fmt(deliverySeconds, 0)} s after the first frame (summaries wait for their route's window)`, ''],
  ['baseline: frame sent to a plain `alerts` subscriber', `${ms(baseline)}; the alerts posted on their own: ${ms(baselineOfPosted)}`, ''],
  ['frame sent to Discord post received, alerts posted on their own outside a full window', `p50 ${fmt(latency.p50, 1)} ms, **p99 ${fmt(latency.p99, 1)} ms** (${fmt(latency.count)} posts; ${heldAlone} more went out alone once their route's window freed); the bot adds p50 ${fmt(latency.p50 - baselineOfPosted.p50, 1)} ms`, `p99 under ${TARGET_P99_MS} ms`],
  ['posts', `${fmt(messages.length)}: ${fmt(singles.length)} single, ${fmt(messages.length - singles.length)} summaries; ${fmt(messages.length / Math.max(1, alerts.length), 2)} posts per alert (at most ${BURST} messages a minute per route)`, ''],
  ['429s from Discord', fmt(standIn.counters.rateLimited), '0'],
  ['alerts lost', fmt(lost), '0'],
  ['duplicates', fmt(duplicates), '0'],
];
const verdict = (ok: boolean): string => (ok ? 'met' : 'MISSED');
const table = ['| figure | measured | target |', '| --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
process.stdout.write(`\n${table}\n\nverdict: p99 ${verdict(latency.p99 < TARGET_P99_MS)}; nothing lost ${verdict(lost === 0)}; no duplicate ${verdict(duplicates === 0)}; no 429 ${verdict(standIn.counters.rateLimited === 0)}\n`);

await writeResults('alerts', machine, table);
if (messages.length === 0) process.exitCode = 1;
