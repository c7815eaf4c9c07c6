import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { APIEmbed } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiToken } from '@lifestone/lib/auth';
import { createLogger } from '@lifestone/lib/log';
import { startDiscordStandIn, type DiscordStandIn, type PostedMessage } from '@lifestone/test-kit/discord';
import type { TestPlugin } from '@lifestone/test-kit/plugin';
import { startTestStack, type TestStack } from '@lifestone/test-kit/stack';
import { BotTokenRefused, parseRoutes, startDiscordBot, type DiscordBot, type DiscordBotOptions } from '../src/index.js';

/**
 * The bot against the real pipeline (plugin frames into ingest, alerts out
 * through the gateway) and a Discord stand-in on loopback that speaks REST
 * v10 and the gateway protocol, which the real discord.js logs in to.
 */

/** Frames' clock: an hour ago, so that the commands' "last 24 h" include them whatever the day. */
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const PUBLIC_URL = 'https://lifestone.example.org/';
const CHANNELS = ['great-rares', 'common-rares', 'deaths', 'vortexes', 'commands', 'idle', 'offline'] as const;

let stack: TestStack;
let plugin: TestPlugin;
let standIn: DiscordStandIn;
let viewer: { id: string; token: string };
let dataDir: string;
const bots: DiscordBot[] = [];
let clock = 0;

beforeAll(async () => {
  stack = await startTestStack({ revalidateMs: 200, ingest: { rateLimit: 10_000, rateBurst: 10_000, alerts: { idleMs: 10_000, offlineMs: 1500, offlineCheckMs: 200 } } });
  plugin = await stack.connectPlugin();
  viewer = await stack.createToken('viewer', 'discord bot');
  standIn = await startDiscordStandIn({ heartbeatMs: 250, guild: { name: 'Dereth', channels: CHANNELS.map((name) => ({ name })) } });
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
afterAll(async () => {
  await standIn?.close();
  await stack?.close();
});

const channel = (name: (typeof CHANNELS)[number]): string => standIn.guild.channels.find((c) => c.name === name)!.id;
const posts = (name: (typeof CHANNELS)[number]): PostedMessage[] => standIn.messages(channel(name)).filter((message) => message.source === 'bot');
const titles = (messages: readonly PostedMessage[]): string[] => messages.flatMap((message) => message.embeds.map((embed) => embed.title ?? ''));

async function startBot(options: Partial<DiscordBotOptions> = {}): Promise<DiscordBot> {
  dataDir ||= await mkdtemp(path.join(tmpdir(), 'lifestone-bot-'));
  const bot = await startDiscordBot({
    token: standIn.token,
    routes: parseRoutes(`rare.great=${channel('great-rares')},rare.common=${channel('common-rares')},death=${channel('deaths')},vortex=${channel('vortexes')}`, undefined),
    apiUrl: standIn.apiUrl,
    guildId: standIn.guild.id,
    graphqlUrl: stack.url,
    apiToken: viewer.token,
    publicUrl: PUBLIC_URL,
    dataDir,
    burst: 100,
    windowMs: 60_000,
    log: createLogger('discord-test', process.env.LIFESTONE_LOG_LEVEL ?? 'silent'),
    client: { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) } as never },
    ...options,
  });
  bots.push(bot);
  return bot;
}

/** What a wait that timed out reports: the alerts stored, against what each channel was posted and what each bot counted. */
const delivery = async () => ({
  stored: (await stack.ingest.db.query(`SELECT id, type, character_name, detail FROM alerts ORDER BY id`)).rows,
  posted: Object.fromEntries(CHANNELS.map((name) => [name, titles(posts(name))])),
  counts: bots.map((bot) => bot.counts()),
});

/** A frame time later than every one sent before, so that each test's frames are new to detection. */
const next = (): number => T0 + ++clock * 1000;
const rare = (character: string, name: string) => ({ type: 'rare', character_name: character, name, ew: 45.6, ns: 12.34, z: 0, landblock: '0xA9B40019', timestamp: next() });
/** Frames that raise one DEATH of `character` (vitae none, then some). */
const death = (character: string) => [
  { type: 'vitals', character_name: character, health_pct: 50, stamina_pct: 50, mana_pct: 50, vitae_pct: 0, timestamp: next() },
  { type: 'vitals', character_name: character, health_pct: 50, stamina_pct: 50, mana_pct: 50, vitae_pct: 5, timestamp: next() },
];

describe('routing and embeds', () => {
  it('posts each alert once to its channel: great and common rares apart, deaths, vortexes', async () => {
    await startBot();
    await stack.send(plugin, [
      { type: 'telemetry', character_name: 'Vexor', ew: -80, ns: 40, z: 0, landblock: '0x12340019', timestamp: next() },
      rare('Vexor', "Guardian's Pendant"),
      rare('Vexor', 'Pearl of Spirit Drinking'),
      ...death('Vexor'),
      { type: 'chat', character_name: 'Vexor', channel: 'Local', text: 'The Olthoi summons a whirlwind of vortexes! @everyone', timestamp: next() },
    ]);
    await standIn.waitFor(() => posts('great-rares').length === 1 && posts('common-rares').length === 1 && posts('deaths').length === 1 && posts('vortexes').length === 1, 10_000, delivery);
    const [great] = posts('great-rares')[0]!.embeds as [APIEmbed];
    expect(great).toMatchObject({
      title: "💎 Vexor found Guardian's Pendant",
      url: `${PUBLIC_URL}?character=Vexor`,
      description: "Vexor found Guardian's Pendant (great rare) at 12.3N, 45.6E",
      fields: expect.arrayContaining([{ name: 'Where', value: '12.3N, 45.6E · 0xA9B40019', inline: true }, { name: 'Tier', value: 'Great', inline: true }]),
    });
    expect(titles(posts('common-rares'))).toEqual(['✨ Vexor found Pearl of Spirit Drinking']);
    expect(posts('deaths')[0]!.embeds[0]).toMatchObject({ title: '💀 Vexor died', description: 'Vexor died at 40.0N, 80.0W' });
    const vortex = posts('vortexes')[0]!;
    expect(vortex.embeds[0]!.fields).toContainEqual({ name: 'Chat', value: '> The Olthoi summons a whirlwind of vortexes! @\u200beveryone' });
    // Nothing else, and nothing twice.
    await sleep(300);
    expect(CHANNELS.map((name) => posts(name).length)).toEqual([1, 1, 1, 1, 0, 0, 0]);
  });

  it('posts idle, active again and gone silent to their channels', async () => {
    await startBot({ routes: parseRoutes(`idle=${channel('idle')},offline=${channel('offline')}`, undefined) });
    const still = { type: 'telemetry', character_name: 'Dozer', ew: 30, ns: 30.04, z: 0, landblock: '0x7F3A0021', vt_state: 'Idle', kills: 5 };
    // Twelve reports a second apart without moving: idle for longer than the stack's 10 s, then on the move.
    await stack.send(plugin, [
      ...Array.from({ length: 12 }, () => ({ ...still, timestamp: next() })),
      { ...still, ew: 31, vt_state: 'Combat', kills: 6, timestamp: next() },
    ]);
    await standIn.waitFor(() => posts('idle').length === 2, 10_000, delivery);
    const [idle, active] = posts('idle').map((message) => message.embeds[0]!);
    expect(idle).toMatchObject({ title: '💤 Dozer is idle', description: 'Dozer has been idle for 10 s at 30.0N, 30.0E' });
    expect(idle!.fields).toContainEqual({ name: 'Where', value: '30.0N, 30.0E · 0x7F3A0021', inline: true });
    expect(active).toMatchObject({ title: '▶️ Dozer is active again', description: 'Dozer is active again after 11 s idle at 30.0N, 31.0E' });
    // Then silent, its plugin still connected: gone silent after the stack's 1.5 s.
    await standIn.waitFor(() => posts('offline').some((message) => message.embeds[0]!.title === '📴 Dozer stopped reporting'), 10_000, delivery);
    await sleep(500);
    const offline = titles(posts('offline'));
    expect(offline.filter((title) => title === '📴 Dozer stopped reporting')).toHaveLength(1);
    expect(new Set(offline).size).toBe(offline.length);
  });

  it("notes on an alert's embed that its character's name looks like another's", async () => {
    await startBot();
    const before = posts('common-rares').length;
    // Cyrillic В and о beside a real Bob: the same look, another character.
    const lookalike = '\u0412\u043eb';
    // Both are known before either finds anything: each character's frames are written in its own lane, in its own time.
    await stack.send(plugin, ['Bob', lookalike].map((name) => ({ type: 'telemetry', character_name: name, ew: 1, ns: 2, z: 0, timestamp: next() })));
    await stack.send(plugin, [rare(lookalike, 'Pearl of Spirit Drinking'), rare('Bob', 'Pearl of Spirit Drinking')]);
    await standIn.waitFor(() => posts('common-rares').length === before + 2, 10_000, delivery);
    const embeds = posts('common-rares').slice(before).map((message) => message.embeds[0] as APIEmbed);
    expect(embeds.map((embed) => embed.title).sort()).toStrictEqual(['✨ Bob found Pearl of Spirit Drinking', `✨ ${lookalike} found Pearl of Spirit Drinking`]);
    const impostor = embeds.find((embed) => embed.title?.includes(lookalike));
    const real = embeds.find((embed) => embed.title?.includes('Bob'));
    expect(impostor!.fields).toContainEqual({
      name: "⚠️ Name looks like another character's",
      value: `**${lookalike}** is not **Bob**: a different character whose name looks the same (other letters, e.g. Cyrillic, that look alike).`,
    });
    // The real Bob is flagged too: either may be the one passing as the other.
    expect(real!.fields).toContainEqual({
      name: "⚠️ Name looks like another character's",
      value: `**Bob** is not **${lookalike}**: a different character whose name looks the same (other letters, e.g. Cyrillic, that look alike).`,
    });
  });

  it('posts a route through its webhook', async () => {
    const webhook = standIn.createWebhook(channel('deaths'), 'Lifestone deaths');
    await startBot({ token: undefined, routes: parseRoutes(undefined, `death=${standIn.apiUrl}/webhooks/${webhook.id}/${webhook.token}`) });
    await stack.send(plugin, death('Hooked'));
    await standIn.waitFor(() => standIn.webhookMessages(webhook.id).length === 1, 10_000, delivery);
    expect(standIn.webhookMessages(webhook.id)[0]!.embeds[0]).toMatchObject({ title: '💀 Hooked died' });
  });
});

describe('exactly once', () => {
  it('delivers every alert once through 429s and a Discord outage', async () => {
    const bot = await startBot();
    const before = posts('common-rares').length;
    standIn.rateLimit({ route: 'POST /channels/:channel_id/messages', count: 4, retryAfterMs: 300 });
    const names = Array.from({ length: 12 }, (_, n) => `Amber of Outage ${n}`);
    await stack.send(plugin, names.slice(0, 4).map((name) => rare('Stormy', name)));
    const outage = standIn.outage(1500);
    await stack.send(plugin, names.slice(4, 8).map((name) => rare('Stormy', name)));
    await outage;
    await stack.send(plugin, names.slice(8).map((name) => rare('Stormy', name)));
    await standIn.waitFor(() => posts('common-rares').length - before >= 12, 20_000, delivery);
    await sleep(500);
    expect(titles(posts('common-rares').slice(before))).toEqual(names.map((name) => `✨ Stormy found ${name}`));
    expect(standIn.counters.rateLimited).toBeGreaterThanOrEqual(4);
    expect(standIn.counters.serverErrors).toBeGreaterThan(0);
    expect(bot.counts()['rare.common']).toMatchObject({ alerts: 12 });
  });

  it('picks up after a restart where it left off: nothing missed, nothing twice', async () => {
    const first = await startBot();
    const before = posts('deaths').length;
    await stack.send(plugin, death('Restart One'));
    await standIn.waitFor(() => posts('deaths').length === before + 1, 10_000, delivery);
    await first.close();
    // Two characters' frames may be stored by different writer lanes in either order: Three goes once Two's alert is stored.
    await stack.send(plugin, death('Restart Two'));
    await expect.poll(async () => (await stack.db.query("SELECT count(*)::int AS n FROM alerts WHERE character_name = 'Restart Two'")).rows[0].n).toBe(1);
    await stack.send(plugin, death('Restart Three'));
    await startBot();
    await stack.send(plugin, death('Restart Four'));
    await standIn.waitFor(() => posts('deaths').length === before + 4, 10_000, delivery);
    await sleep(300);
    expect(titles(posts('deaths').slice(before))).toEqual(['💀 Restart One died', '💀 Restart Two died', '💀 Restart Three died', '💀 Restart Four died']);
  });

  it('catches up once the gateway is back, and meanwhile a command says the graph cannot answer', async () => {
    await startBot();
    const before = posts('deaths').length;
    await stack.send(plugin, death('Gateway One'));
    await standIn.waitFor(() => posts('deaths').length === before + 1, 10_000, delivery);
    const restarted = stack.restartGateway(1500);
    while (await fetch(stack.url).then(() => true, () => false)) await sleep(20);
    await stack.send(plugin, death('Gateway Two'));
    await stack.send(plugin, death('Gateway Three'));
    const status = await standIn.interact({ command: 'status', channelId: channel('commands') });
    expect(status.message.content).toBe('Lifestone could not answer: its graph is out of reach just now. Try again in a moment.');
    await restarted;
    await stack.send(plugin, death('Gateway Four'));
    await standIn.waitFor(() => posts('deaths').length === before + 4, 15_000, delivery);
    await sleep(300);
    expect(titles(posts('deaths').slice(before))).toEqual(['💀 Gateway One died', '💀 Gateway Two died', '💀 Gateway Three died', '💀 Gateway Four died']);
  });

  it('closes cleanly while the gateway is away and its alerts connection is retrying', async () => {
    const bot = await startBot();
    const restarted = stack.restartGateway(2_000);
    while (await fetch(stack.url).then(() => true, () => false)) await sleep(20);
    await sleep(300);
    await expect(bot.close()).resolves.toBeUndefined();
    await restarted;
  });

  it('keeps being woken when the telemetry subgraph behind the gateway restarts', async () => {
    await startBot();
    const before = posts('deaths').length;
    await stack.restartSubgraph('telemetry');
    await sleep(300);
    await stack.send(plugin, death('Subgraph Back'));
    await standIn.waitFor(() => posts('deaths').length === before + 1, 5_000, delivery);
    expect(titles(posts('deaths').slice(before))).toEqual(['💀 Subgraph Back died']);
  });

  it('posts an alert whose wake-up never came at its next sweep', async () => {
    await startBot({ sweepMs: 1_000 });
    const before = posts('deaths').length;
    // Past the catch-up that follows subscribing (wakeups.ts): only the sweep is left to find it.
    await sleep(2_500);
    // Stored and never published, as when a pubsub message is lost.
    await stack.db.query(
      `INSERT INTO alerts (type, character_name, occurred_at, ew, ns, z, detail) VALUES ('DEATH', 'Unheard', now(), -80, 40, 0, '{"vitae_pct": 5}')`,
    );
    await standIn.waitFor(() => posts('deaths').length === before + 1, 5_000, delivery);
    expect(titles(posts('deaths').slice(before))).toEqual(['💀 Unheard died']);
  });

  it('starts a new route from the newest alert: no history is posted', async () => {
    await stack.send(plugin, death('Before The Bot'));
    const before = posts('deaths').length;
    await startBot();
    await sleep(500);
    expect(posts('deaths').length).toBe(before);
  });
});

describe('coalescing', () => {
  it('turns a storm into a few posts that account for every alert', async () => {
    const bot = await startBot({ burst: 3, windowMs: 1500 });
    const before = posts('deaths').length;
    const dead = Array.from({ length: 30 }, (_, n) => `Storm ${String(n).padStart(2, '0')}`);
    for (const name of dead) void stack.send(plugin, death(name));
    await standIn.waitFor(() => bot.counts().death!.alerts === 30, 15_000, delivery);
    const messages = posts('deaths').slice(before);
    expect(messages.length).toBeLessThanOrEqual(6);
    // Each post is one death or a summary ("💀 12 deaths") whose footer names the range of alerts it covers.
    const counted = messages.map((message) => Number(/^💀 (\d+) deaths$/.exec(message.embeds[0]!.title ?? '')?.[1] ?? 1));
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(counted.some((n) => n > 1)).toBe(true);
    // A summary names up to 20 of its deaths, and counts the rest.
    for (const [i, message] of messages.entries()) {
      if (counted[i] === 1) continue;
      expect(message.embeds[0]!.description!.match(/Storm \d\d/g)).toHaveLength(Math.min(20, counted[i]!));
    }
    const ids = messages.map((message) => message.embeds[0]!.footer!.text);
    expect(ids.every((footer) => /^Alerts? \d+( to \d+)?$/.test(footer))).toBe(true);
  });
});

describe('slash commands', () => {
  it('registers them and answers from the graph', async () => {
    await startBot();
    expect(standIn.commands(standIn.guild.id).map((command) => command.name).sort()).toEqual(['alerts', 'rares', 'status', 'where', 'whois']);
    await stack.send(plugin, [
      { type: 'telemetry', character_name: 'Asker', ew: 10, ns: -20, z: 0, landblock: '0xA9B40019', vt_state: 'Combat', kills: 42, deaths: 1, timestamp: next() },
      { type: 'vitals', character_name: 'Asker', health_pct: 81, stamina_pct: 70, mana_pct: 60, vitae_pct: 0, timestamp: next() },
      rare('Asker', 'Ruby of Answers'),
    ]);
    const ask = async (command: string, options?: Record<string, string | number>) => (await standIn.interact({ command, options, channelId: channel('commands') })).message;

    const whois = await ask('whois', { character: 'Asker' });
    expect(whois.embeds[0]).toMatchObject({ title: 'Asker', url: `${PUBLIC_URL}?character=Asker` });
    const fields = Object.fromEntries((whois.embeds[0]!.fields ?? []).map((field) => [field.name, field.value]));
    expect(fields).toMatchObject({ Where: '20.0S, 10.0E · 0xA9B40019', Status: 'online', State: 'Combat', Vitals: '❤️ 81% · 💪 70% · 🔮 60%' });
    expect(fields['This session']).toMatch(/^42 kills · 1 deaths/);
    expect(Object.keys(fields)).not.toContain("⚠️ Name looks like another character's");
    // A name spelt with a Cyrillic А beside Asker is told apart in the answer.
    await stack.send(plugin, [{ type: 'telemetry', character_name: '\u0410sker', ew: 11, ns: -20, z: 0, timestamp: next() }]);
    expect((await ask('whois', { character: 'Asker' })).embeds[0]!.fields).toContainEqual({
      name: "⚠️ Name looks like another character's",
      value: '**Asker** is not **\u0410sker**: a different character whose name looks the same (other letters, e.g. Cyrillic, that look alike).',
    });
    expect((await ask('where', { character: 'Asker' })).embeds[0]!.fields).toContainEqual({ name: 'Where', value: '20.0S, 10.0E · 0xA9B40019', inline: true });
    expect((await ask('where', { character: 'Nobody Here' })).content).toBe('No character named **Nobody Here** has ever reported. Names are exact, capitals included.');
    expect((await ask('status')).embeds[0]!.title).toMatch(/^\d+ characters? online$/);
    expect((await ask('rares', { hours: 168 * 0 + 24 })).embeds[0]!.description).toContain('**Ruby of Answers** by Asker');
    const alerts = await ask('alerts', { type: 'RARE', hours: 24 });
    expect(alerts.embeds[0]!.description).toContain('Asker found Ruby of Answers (common rare)');
  });
});

describe('its token', () => {
  it('needs no more than a viewer token, and stops with a clear error once it is revoked', async () => {
    const token = await stack.createToken('viewer', 'soon revoked');
    const bot = await startBot({ apiToken: token.token });
    await revokeApiToken(stack.db, token.id, new Date());
    const error = await Promise.race([bot.stopped, sleep(10_000).then(() => undefined)]);
    expect(error).toBeInstanceOf(BotTokenRefused);
    expect(error?.message).toMatch(/^The graph refused LIFESTONE_DISCORD_API_TOKEN .*revoked/);
  });

  it('refuses to start with a wrong token', async () => {
    await expect(startBot({ apiToken: 'ls_not_a_real_token' })).rejects.toThrow(BotTokenRefused);
  });

  it('npm run start:discord exits non-zero naming the setting: a wrong token, a malformed route', async () => {
    const run = (env: Record<string, string>) => new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'discord/src/main.ts'], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, LIFESTONE_LOG_LEVEL: 'info', LIFESTONE_GRAPHQL_URL: stack.url, LIFESTONE_DISCORD_TOKEN: '', LIFESTONE_DISCORD_ROUTES: '', ...env },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk));
      // 'close', not 'exit': the child's output may still be in its pipes when it exits.
      child.on('close', (code) => resolve({ code, output }));
    });
    const [wrong, malformed] = await Promise.all([
      run({ LIFESTONE_DISCORD_API_TOKEN: 'ls_not_a_real_token', LIFESTONE_DISCORD_WEBHOOKS: 'death=https://discord.com/api/webhooks/345678901234567890/abcDEF_ghi-JKLmnop' }),
      run({ LIFESTONE_DISCORD_API_TOKEN: viewer.token, LIFESTONE_DISCORD_ROUTES: 'deaths=#deaths' }),
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain('The graph refused LIFESTONE_DISCORD_API_TOKEN');
    expect(malformed.code).toBe(1);
    expect(malformed.output).toContain('LIFESTONE_DISCORD_ROUTES: \\"deaths\\" is not a route');
    expect(`${wrong.output}${malformed.output}`).not.toContain(viewer.token);
    // Two cold processes load discord.js through tsx: 2-3 s alone, over 30 s beside the browser suites in CI.
  }, 120_000);
});
