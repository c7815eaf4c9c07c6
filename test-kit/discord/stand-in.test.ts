/**
 * The Discord stand-in against the real discord.js client: login over the
 * gateway, messages and embeds, webhooks, slash commands and interactions,
 * rate limits (forced and earned), outages, RECONNECT and a wrong token.
 */
import { once } from 'node:events';
import { inflateSync, constants as zlibConstants } from 'node:zlib';
import {
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  HTTPError,
  MessageFlags,
  REST,
  Routes,
  SlashCommandBuilder,
  WebhookClient,
  type ChatInputCommandInteraction,
  type ClientOptions,
  type Message,
  type TextChannel,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDiscordStandIn, type DiscordStandIn, type DiscordStandInOptions } from './index.js';

const whois = new SlashCommandBuilder()
  .setName('whois')
  .setDescription('What the graph knows of a character')
  .addStringOption((option) => option.setName('character').setDescription('Character name').setRequired(true))
  .toJSON();

let standIn: DiscordStandIn;
const clients: Client[] = [];

async function start(options: DiscordStandInOptions = {}): Promise<DiscordStandIn> {
  standIn = await startDiscordStandIn({ heartbeatMs: 250, guild: { name: 'Dereth', channels: [{ name: 'alerts' }, { name: 'deaths' }] }, ...options });
  return standIn;
}

/** A logged-in discord.js client; identifies are not throttled, so that a re-IDENTIFY takes no 5 s. */
async function connectBot(options: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    rest: { api: standIn.apiUrl },
    ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) },
    ...options,
  });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login(standIn.token);
  await ready;
  return client as Client<true>;
}

function alertsChannel(client: Client<true>): TextChannel {
  return client.channels.cache.get(standIn.guild.channels[0]!.id) as TextChannel;
}

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await standIn?.close();
});

describe('gateway login', () => {
  beforeEach(() => start());

  it('logs discord.js in: READY with the bot, then GUILD_CREATE with the guild and its channels, and heartbeats acknowledged', async () => {
    const client = await connectBot();
    expect(client.user.id).toBe(standIn.applicationId);
    expect(client.user.username).toBe('Lifestone');
    expect(client.application.id).toBe(standIn.applicationId);
    const guild = client.guilds.cache.get(standIn.guild.id);
    expect(guild?.name).toBe('Dereth');
    expect(guild?.channels.cache.map((channel) => channel.name)).toEqual(['alerts', 'deaths']);
    const fetched = await client.channels.fetch(standIn.guild.channels[1]!.id, { force: true });
    expect((fetched as TextChannel).name).toBe('deaths');
    expect((await client.users.fetch('@me', { force: true })).id).toBe(standIn.applicationId);
    expect((await client.application.fetch()).name).toBe('Lifestone');
    await expect(client.channels.fetch('1', { force: true })).rejects.toMatchObject({ code: 10003, status: 404 });
    await standIn.waitFor(() => standIn.counters.heartbeats >= 2);
    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
    expect(standIn.counters).toMatchObject({ connections: 1, identifies: 1, resumes: 0, invalidSessions: 0 });
    expect(standIn.requests().map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'GET /gateway/bot 200',
      `GET /channels/${standIn.guild.channels[1]!.id} 200`,
      'GET /users/@me 200',
      'GET /applications/@me 200',
      'GET /channels/1 404',
    ]);
  });

  it('refuses a wrong token: login rejects with discord.js TokenInvalid, and REST answers 401 as Discord does', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: standIn.apiUrl } });
    clients.push(client);
    await expect(client.login('not.the.token')).rejects.toMatchObject({ code: 'TokenInvalid', message: 'An invalid token was provided.' });
    const response = await fetch(`${standIn.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot not.the.token' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    expect(standIn.counters.identifies).toBe(0);
  });

  it('closes a gateway IDENTIFY with a wrong token with 4004, and speaks zlib-stream when asked', async () => {
    const socket = new WebSocket(`${standIn.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
    const received: Buffer[] = [];
    const payloads: { op: number; t: string | null; d: Record<string, unknown> }[] = [];
    socket.on('message', (data: Buffer) => {
      received.push(data);
      // One deflate context for the connection: all bytes so far inflate to all payloads so far.
      const text = inflateSync(Buffer.concat(received), { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
      payloads.splice(0, payloads.length, ...text.split(/(?<=})(?={)/).map((part) => JSON.parse(part) as (typeof payloads)[number]));
    });
    await once(socket, 'open');
    await standIn.waitFor(() => payloads.length === 1);
    expect(payloads[0]).toEqual({ op: 10, d: { heartbeat_interval: 250 }, s: null, t: null });
    socket.send(JSON.stringify({ op: 1, d: null }));
    await standIn.waitFor(() => payloads.length === 2);
    expect(payloads[1]).toEqual({ op: 11, d: null, s: null, t: null });
    socket.send(JSON.stringify({ op: 2, d: { token: 'not.the.token', intents: 1, properties: {} } }));
    const [code] = (await once(socket, 'close')) as [number];
    expect(code).toBe(4004);
  });
});

describe('messages and webhooks', () => {
  // Room for the refusals below: Discord counts them against the bucket too.
  beforeEach(() => start({ limits: { routes: { 'POST /channels/:channel_id/messages': { limit: 10, windowMs: 5000 } } } }));

  it('receives a message with an embed as posted, and sends it back as MESSAGE_CREATE', async () => {
    const client = await connectBot();
    const echoed = once(client, Events.MessageCreate) as Promise<[Message]>;
    const embed = new EmbedBuilder().setTitle('Foo died').setDescription('to a Tusker Guard').addFields({ name: 'Level', value: '126', inline: true }).setFooter({ text: 'Lifestone' });
    const sent = await alertsChannel(client).send({ content: 'Death', embeds: [embed] });
    const [posted] = standIn.messages(standIn.guild.channels[0]!.id);
    expect(standIn.messages()).toHaveLength(1);
    expect(posted).toMatchObject({
      id: sent.id,
      content: 'Death',
      source: 'bot',
      embeds: [{ type: 'rich', title: 'Foo died', description: 'to a Tusker Guard', fields: [{ name: 'Level', value: '126', inline: true }], footer: { text: 'Lifestone' } }],
    });
    expect(posted!.receivedAt).toBeLessThanOrEqual(Date.now());
    const [message] = await echoed;
    expect(message.id).toBe(sent.id);
    expect(message.embeds[0]?.title).toBe('Foo died');
    expect(standIn.messages(standIn.guild.channels[1]!.id)).toEqual([]);
  });

  it("refuses embeds past Discord's limits with 50035 and the path of each fault, and keeps nothing", async () => {
    const client = await connectBot();
    const channel = alertsChannel(client);
    const refused = await channel.send({ embeds: [{ title: 't'.repeat(257), fields: [{ name: 'ok', value: 'v'.repeat(1025) }], footer: { text: 'f'.repeat(2049) } }] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DiscordAPIError);
    expect((refused as DiscordAPIError).code).toBe(50035);
    expect((refused as DiscordAPIError).rawError).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: {
        embeds: {
          '0': {
            title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] },
            footer: { text: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2048 or fewer in length.' }] } },
            fields: { '0': { value: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 1024 or fewer in length.' }] } } },
          },
        },
      },
    });
    const tooLarge = await channel.send({ embeds: [{ description: 'd'.repeat(4096) }, { description: 'd'.repeat(1905) }] }).catch((error: unknown) => error);
    expect((tooLarge as DiscordAPIError).rawError).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' }] } },
    });
    const tooMany = await channel.send({ embeds: Array.from({ length: 11 }, (_, index) => ({ title: String(index) })) }).catch((error: unknown) => error);
    expect((tooMany as DiscordAPIError).rawError).toMatchObject({ errors: { embeds: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 10 or fewer in length.' }] } } });
    const fields = await channel.send({ embeds: [{ fields: Array.from({ length: 26 }, (_, index) => ({ name: String(index), value: 'v' })) }] }).catch((error: unknown) => error);
    expect((fields as DiscordAPIError).rawError).toMatchObject({ errors: { embeds: { '0': { fields: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' }] } } } } });
    const empty = await channel.send({ content: '' }).catch((error: unknown) => error);
    expect((empty as DiscordAPIError).rawError).toEqual({ code: 50006, message: 'Cannot send an empty message' });
    // 6000 characters exactly pass.
    await channel.send({ embeds: [{ description: 'd'.repeat(4096) }, { description: 'd'.repeat(1904) }] });
    expect(standIn.messages().map((message) => message.embeds.length)).toEqual([2]);
  });

  it("posts through discord.js's WebhookClient, answers ?wait=true with the message, and refuses a wrong webhook token", async () => {
    const webhook = standIn.createWebhook(standIn.guild.channels[1]!.id, 'Death alerts');
    const client = new WebhookClient({ id: webhook.id, token: webhook.token }, { rest: { api: standIn.apiUrl } });
    const sent = await client.send({ content: 'Foo died', embeds: [new EmbedBuilder().setTitle('Death').toJSON()] });
    expect(sent.webhook_id).toBe(webhook.id);
    expect(standIn.webhookMessages(webhook.id)).toMatchObject([{ id: sent.id, channelId: standIn.guild.channels[1]!.id, content: 'Foo died', source: 'webhook', embeds: [{ title: 'Death' }] }]);
    expect(standIn.messages(standIn.guild.channels[1]!.id)).toHaveLength(1);
    const edited = await client.editMessage(sent.id, { content: 'Foo died twice' });
    expect(edited.content).toBe('Foo died twice');
    expect(standIn.webhookMessages()[0]?.editedAt).toBeGreaterThan(0);
    client.destroy();
    const wrong = new WebhookClient({ id: webhook.id, token: 'wrong' }, { rest: { api: standIn.apiUrl } });
    await expect(wrong.send('nope')).rejects.toMatchObject({ code: 50027, message: 'Invalid Webhook Token', status: 401 });
    wrong.destroy();
    expect(standIn.webhookMessages()).toHaveLength(1);
  });
});

describe('slash commands', () => {
  beforeEach(() => start());

  it('registers commands by bulk overwrite, global and per guild, keeping ids across overwrites', async () => {
    const rest = new REST({ api: standIn.apiUrl }).setToken(standIn.token);
    const [first] = (await rest.put(Routes.applicationCommands(standIn.applicationId), { body: [whois] })) as { id: string }[];
    expect(standIn.commands()).toMatchObject([{ id: first!.id, application_id: standIn.applicationId, name: 'whois', type: 1, options: [{ name: 'character', type: 3, required: true }] }]);
    const [again] = (await rest.put(Routes.applicationCommands(standIn.applicationId), { body: [whois] })) as { id: string }[];
    expect(again!.id).toBe(first!.id);
    await rest.put(Routes.applicationGuildCommands(standIn.applicationId, standIn.guild.id), { body: [{ name: 'alerts', description: 'Where alerts go' }] });
    expect(standIn.commands(standIn.guild.id).map((command) => [command.name, command.guild_id])).toEqual([['alerts', standIn.guild.id]]);
    expect(await rest.get(Routes.applicationCommands(standIn.applicationId))).toEqual(standIn.commands());
    const refused = await rest.put(Routes.applicationCommands(standIn.applicationId), { body: [{ name: 'WhoIs', description: 'x' }] }).catch((error: unknown) => error);
    expect((refused as DiscordAPIError).rawError).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { '0': { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }] } } },
    });
    expect(standIn.commands().map((command) => command.name)).toEqual(['whois']);
  });

  it('delivers an interaction that discord.js answers with interaction.reply', async () => {
    const client = await connectBot();
    await client.application.commands.set([whois]);
    client.on(Events.InteractionCreate, (interaction) => {
      const command = interaction as ChatInputCommandInteraction;
      void command.reply({ content: `${command.options.getString('character', true)} is level 126 (asked by ${command.user.username} in #${(command.channel as TextChannel).name})`, embeds: [{ title: 'Foo' }] });
    });
    const reply = await standIn.interact({ command: 'whois', options: { character: 'Foo' }, channelId: standIn.guild.channels[1]!.id, user: { username: 'Asheron' } });
    expect(reply).toMatchObject({ deferred: false, followUps: [], message: { content: 'Foo is level 126 (asked by Asheron in #deaths)', embeds: [{ title: 'Foo' }], source: 'interaction' } });
    expect(standIn.messages(standIn.guild.channels[1]!.id)).toEqual([reply.message]);
  });

  it('follows deferReply, then editReply and followUp, keeping an ephemeral flag', async () => {
    const client = await connectBot();
    await client.application.commands.set([whois]);
    client.on(Events.InteractionCreate, (interaction) => {
      const command = interaction as ChatInputCommandInteraction;
      void (async () => {
        await command.deferReply({ flags: MessageFlags.Ephemeral });
        await new Promise((resolve) => setTimeout(resolve, 50));
        await command.editReply({ content: 'Foo: level 126' });
        await command.followUp({ content: 'Foo is online' });
      })();
    });
    const reply = await standIn.interact({ command: 'whois', options: { character: 'Foo' } });
    expect(reply.deferred).toBe(true);
    expect(reply.message).toMatchObject({ content: 'Foo: level 126', flags: 64 });
    await standIn.waitFor(() => reply.followUps.length === 1);
    expect(reply.followUps[0]).toMatchObject({ content: 'Foo is online', interactionId: reply.interactionId });
    const requests = standIn.requests().filter((request) => !request.path.startsWith('/applications') && !request.path.startsWith('/gateway'));
    expect(requests.map((request) => `${request.route} ${request.status}`)).toEqual([
      'POST /interactions/:interaction_id/:interaction_token/callback 204',
      'PATCH /webhooks/:webhook_id/:webhook_token/messages/:message_id 200',
      'POST /webhooks/:webhook_id/:webhook_token 200',
    ]);
  });

  it('rejects an interaction the bot does not acknowledge within 3 s, and its late callback gets 10062', async () => {
    const client = await connectBot();
    await client.application.commands.set([whois]);
    const arrived = once(client, Events.InteractionCreate) as Promise<[ChatInputCommandInteraction]>;
    const started = Date.now();
    await expect(standIn.interact({ command: 'whois', options: { character: 'Foo' } })).rejects.toThrow('interaction /whois: the bot did not acknowledge it within 3000 ms');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2990);
    const [late] = await arrived;
    await expect(late.reply('too late')).rejects.toMatchObject({ code: 10062, status: 404 });
    await expect(standIn.interact({ command: 'nope' })).rejects.toThrow('no chat-input command "nope" is registered');
    await expect(standIn.interact({ command: 'whois', options: { level: 3 } })).rejects.toThrow('/whois has no option "level"; it declares character');
  });
});

describe('rate limits', () => {
  it("answers a forced 429; discord.js's queue waits Retry-After and the message arrives once", async () => {
    await start();
    const client = await connectBot();
    standIn.rateLimit({ route: 'POST /channels/:channel_id/messages', count: 1, retryAfterMs: 300 });
    const started = Date.now();
    await alertsChannel(client).send('Foo died');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(standIn.counters.rateLimited).toBe(1);
    expect(standIn.messages().map((message) => message.content)).toEqual(['Foo died']);
    const attempts = standIn.requests().filter((request) => request.route === 'POST /channels/:channel_id/messages');
    expect(attempts.map((request) => request.status)).toEqual([429, 200]);
  });

  it('answers a forced global 429 with X-RateLimit-Global; discord.js holds every route until it passes', async () => {
    await start();
    const client = await connectBot();
    standIn.rateLimit({ count: 1, retryAfterMs: 400, global: true });
    const started = Date.now();
    await alertsChannel(client).send('Foo died');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(standIn.counters.rateLimited).toBe(1);
    expect(standIn.messages()).toHaveLength(1);
  });

  it("sends Discord's bucket headers and a 429 past the bucket, which discord.js reads to wait without ever being refused", async () => {
    await start({ limits: { routes: { 'POST /channels/:channel_id/messages': { limit: 2, windowMs: 1000 } } } });
    const channelId = standIn.guild.channels[0]!.id;
    const post = () =>
      fetch(`${standIn.apiUrl}/v10/channels/${channelId}/messages`, { method: 'POST', headers: { authorization: `Bot ${standIn.token}`, 'content-type': 'application/json' }, body: '{"content":"x"}' });
    const first = await post();
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset-after'))).toBeCloseTo(1, 1);
    expect(Number(first.headers.get('x-ratelimit-reset')) * 1000).toBeGreaterThan(Date.now());
    expect(first.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect((await post()).headers.get('x-ratelimit-remaining')).toBe('0');
    const third = await post();
    expect(third.status).toBe(429);
    expect(third.headers.get('x-ratelimit-scope')).toBe('user');
    const body = (await third.json()) as { message: string; retry_after: number; global: boolean };
    expect(body).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(Number(third.headers.get('retry-after'))).toBe(body.retry_after);
    expect(body.retry_after).toBeGreaterThan(0.5);
    expect(body.retry_after).toBeLessThanOrEqual(1);
    // Another channel is another bucket.
    expect((await fetch(`${standIn.apiUrl}/v10/channels/${standIn.guild.channels[1]!.id}/messages`, { method: 'POST', headers: { authorization: `Bot ${standIn.token}`, 'content-type': 'application/json' }, body: '{"content":"x"}' })).status).toBe(200);

    const client = await connectBot();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = standIn.counters.rateLimited;
    const started = Date.now();
    await Promise.all(['a', 'b', 'c'].map((content) => alertsChannel(client).send(content)));
    expect(standIn.counters.rateLimited).toBe(before);
    const sent = standIn.messages(channelId).slice(-3);
    expect(sent.map((message) => message.content)).toEqual(['a', 'b', 'c']);
    expect(sent[2]!.receivedAt - started).toBeGreaterThanOrEqual(950);
  });
});

describe('outages and reconnects', () => {
  beforeEach(() => start());

  it('survives a 1.5 s outage: the client resumes, receives what was dispatched meanwhile, and posts again', async () => {
    const client = await connectBot();
    const outage = standIn.outage(1500);
    // REST during the outage: discord.js retries a 5xx 3 times at once, then gives up with HTTPError.
    const during = await alertsChannel(client).send('during').catch((error: unknown) => error);
    expect(during).toBeInstanceOf(HTTPError);
    expect((during as HTTPError).status).toBe(503);
    expect(standIn.requests().filter((request) => request.status === 503)).toHaveLength(4);
    const seen: string[] = [];
    client.on(Events.MessageCreate, (message) => seen.push(message.content));
    standIn.dispatch('MESSAGE_CREATE', { id: '1', channel_id: standIn.guild.channels[0]!.id, guild_id: standIn.guild.id, author: { id: '2', username: 'Foo', discriminator: '0', global_name: null, avatar: null }, content: 'hello', timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0 });
    const resumed = once(client, Events.ShardResume);
    await outage;
    await resumed;
    await standIn.waitFor(() => seen.includes('hello'));
    expect(seen).toEqual(['hello']);
    expect(standIn.counters).toMatchObject({ identifies: 1, resumes: 1, invalidSessions: 0 });
    await alertsChannel(client).send('after');
    expect(standIn.messages().map((posted) => posted.content)).toEqual(['after']);
  });

  it('makes the client IDENTIFY again when the outage ended its session', async () => {
    const client = await connectBot();
    // Ready again before anything else: a discord.js client destroyed while it identifies reconnects by itself.
    const readyAgain = once(client, Events.ShardReady);
    await standIn.outage(500, { endSessions: true, restStatus: 502 });
    await readyAgain;
    expect(standIn.counters).toMatchObject({ identifies: 2, resumes: 0, invalidSessions: 1 });
    await alertsChannel(client).send('after');
    expect(standIn.messages()).toHaveLength(1);
  });

  it('sends RECONNECT on demand, and discord.js resumes its session', async () => {
    const client = await connectBot();
    const resumed = once(client, Events.ShardResume);
    standIn.reconnect();
    await resumed;
    expect(standIn.counters).toMatchObject({ connections: 2, identifies: 1, resumes: 1 });
  });

  it('sends INVALID_SESSION on demand, and discord.js identifies again', async () => {
    const client = await connectBot();
    const readyAgain = once(client, Events.ShardReady);
    standIn.invalidateSessions();
    await readyAgain;
    expect(standIn.counters).toMatchObject({ connections: 2, identifies: 2, resumes: 0, invalidSessions: 1 });
  });
});
