import { once } from 'node:events';
import path from 'node:path';
import { Client, Events, GatewayIntentBits, MessageFlags, REST, Routes, WebhookClient, type ClientOptions, type EmbedBuilder } from 'discord.js';
import type { AlertType } from '@lifestone/lib/alerts';
import type { Logger } from '@lifestone/lib/log';
import { graphClient, GraphRequestError, type GraphRequest } from '@lifestone/lib/graph-client';
import { answer, COMMANDS } from './commands.js';
import { CursorStore } from './cursors.js';
import { RouteDelivery } from './delivery.js';
import { webhookParts, type Route } from './routes.js';
import { subscribeToWakeups } from './wakeups.js';

export interface DiscordBotOptions {
  /** The bot's token (`LIFESTONE_DISCORD_TOKEN`): channel routes and slash commands need it; webhooks do not. */
  token: string | undefined;
  routes: Route[];
  /** Discord's REST base (`LIFESTONE_DISCORD_API_URL`). @default 'https://discord.com/api' */
  apiUrl: string;
  /** Register the slash commands in this guild only (instant), else globally. */
  guildId: string | undefined;
  /** The gateway's `/graphql` (`LIFESTONE_GRAPHQL_URL`). */
  graphqlUrl: string;
  /** The API token the bot queries the graph with (`LIFESTONE_DISCORD_API_TOKEN`); the viewer role is enough. */
  apiToken: string;
  /** The dashboard, for links (`LIFESTONE_PUBLIC_URL`). */
  publicUrl: string;
  /** Where the routes' cursors are kept (`state.json`). */
  dataDir: string;
  /** Messages per route per window before alerts go out as summaries (`LIFESTONE_DISCORD_BURST`). @default 5 */
  burst?: number;
  /** @default 60000 */
  windowMs?: number;
  /**
   * Every route catches up this often whatever the subscription says, so
   * that a wake-up lost on its way (a pubsub message dropped, a gateway
   * restarting between the commit and the publish) delays an alert by this
   * much at most. @default 60000
   */
  sweepMs?: number;
  log: Logger;
  /** discord.js client options (tests pass an identify throttler that does not wait). */
  client?: Partial<ClientOptions>;
}

export interface DiscordBot {
  /** Per route: alerts delivered, messages and summaries posted. */
  counts(): Record<string, { alerts: number; messages: number; summaries: number }>;
  /** Resolves with the error that stopped the bot (the graph refused its token), if one does. */
  stopped: Promise<Error>;
  close(): Promise<void>;
}

/** The graph refused the bot's token: no retry mends that. */
export class BotTokenRefused extends Error {
  constructor(cause: unknown) {
    super(`The graph refused LIFESTONE_DISCORD_API_TOKEN (${cause instanceof Error ? cause.message : String(cause)}): it is wrong or was revoked. Create a viewer token (Mutation.createApiToken as an admin) and set it.`);
    this.name = 'BotTokenRefused';
  }
}

const REFUSED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);
const isRefusal = (error: unknown): boolean => error instanceof BotTokenRefused || (error instanceof GraphRequestError && REFUSED_CODES.has(error.code));

/**
 * What a slash command answers when the graph could not: what the graph
 * said when it said something, else that it is out of reach. Never the
 * graph's address, which is no business of the server's members.
 */
function failureReply(error: unknown): string {
  if (!(error instanceof GraphRequestError)) return 'Lifestone could not answer just now; try again in a moment.';
  if (error.code === 'GRAPH_UNREACHABLE' || error.code === 'GRAPH_TIMEOUT') return 'Lifestone could not answer: its graph is out of reach just now. Try again in a moment.';
  return `Lifestone could not answer: ${error.message}`;
}

/**
 * The Discord bot: a client of the graph and nothing else. It posts each
 * alert of its routes once (see delivery.ts), woken by the `alerts`
 * subscription and catching up from the `alerts` query after every start,
 * reconnect and failure; and it answers slash commands from the graph.
 */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { log, routes } = options;
  const graph: GraphRequest = graphClient({ url: options.graphqlUrl, token: options.apiToken });
  // The token is checked before anything is posted.
  try {
    await graph(`query BotCheck { alerts(first: 1) { edges { cursor } } }`);
  } catch (error) {
    throw isRefusal(error) ? new BotTokenRefused(error) : error;
  }
  const cursors = await CursorStore.open(path.join(options.dataDir, 'discord'));
  let stop: (error: Error) => void = () => {};
  const stopped = new Promise<Error>((resolve) => (stop = resolve));

  const needsBot = routes.some((route) => route.target.kind === 'channel') || options.token !== undefined;
  if (needsBot && !options.token) throw new Error('LIFESTONE_DISCORD_ROUTES posts to channels, which needs the bot: set LIFESTONE_DISCORD_TOKEN (or use LIFESTONE_DISCORD_WEBHOOKS alone).');
  const rest = options.token ? new REST({ api: options.apiUrl }).setToken(options.token) : undefined;
  const webhooks = new Map<Route, WebhookClient>();
  for (const route of routes) {
    // By id and token: the URL's host is Discord's, and LIFESTONE_DISCORD_API_URL says where Discord is.
    if (route.target.kind === 'webhook') webhooks.set(route, new WebhookClient(webhookParts(route.target.url), { rest: { api: options.apiUrl } }));
  }
  const post = async (route: Route, embeds: EmbedBuilder[]): Promise<void> => {
    const body = { embeds: embeds.map((embed) => embed.toJSON()), allowed_mentions: { parse: [] } };
    if (route.target.kind === 'channel') await (rest as REST).post(Routes.channelMessages(route.target.channelId), { body });
    else await (webhooks.get(route) as WebhookClient).send({ embeds, allowedMentions: { parse: [] } });
  };

  const deliveries = routes.map((route) => new RouteDelivery(route, {
    graph, post, cursors, log, publicUrl: options.publicUrl,
    burst: options.burst ?? 5,
    windowMs: options.windowMs ?? 60_000,
    fatal: isRefusal,
    onFatal: (error) => fail(error),
  }));
  const wakeAll = (reason?: 'reconnected'): void => deliveries.forEach((delivery) => delivery.wake(reason));
  // A route's first start is now: an alert raised once the bot has started is posted, whatever the timing.
  await Promise.all(deliveries.map((delivery) => delivery.start()));

  let client: Client | undefined;
  if (options.token) {
    client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.apiUrl }, ...options.client });
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      void (async () => {
        try {
          await interaction.deferReply();
          const reply = await answer(interaction, graph, options.publicUrl);
          await interaction.editReply({ ...reply, allowedMentions: { parse: [] } });
        } catch (error) {
          log.warn({ err: error, command: interaction.commandName }, 'a slash command failed');
          const message = failureReply(error);
          await (interaction.deferred ? interaction.editReply({ content: message }) : interaction.reply({ content: message, flags: MessageFlags.Ephemeral })).catch(() => {});
          if (isRefusal(error)) fail(error);
        }
      })();
    });
    client.on(Events.Error, (error) => log.warn({ err: error }, 'Discord client error'));
    const ready = once(client, Events.ClientReady);
    await client.login(options.token);
    await ready;
    const application = client.application;
    if (!application) throw new Error('Discord did not say which application this bot is');
    if (options.guildId) await application.commands.set(COMMANDS, options.guildId);
    else await application.commands.set(COMMANDS);
    log.info({ commands: COMMANDS.map((command) => command.name), guild: options.guildId ?? 'global' }, 'slash commands registered');
  }

  const wanted = [...new Set(routes.flatMap((route) => route.types))] as AlertType[];
  const wakeups = wanted.length === 0 ? undefined : subscribeToWakeups({
    graphqlUrl: options.graphqlUrl,
    apiToken: options.apiToken,
    types: wanted,
    log,
    onAlert: (type) => {
      for (const delivery of deliveries) if (delivery.route.types.includes(type)) delivery.wake();
    },
    // Whatever happened while it was away, the catch-up finds.
    onSubscribed: () => wakeAll('reconnected'),
    onRefused: (reason) => fail(new BotTokenRefused(reason)),
  });
  wakeAll();
  const sweep = setInterval(wakeAll, options.sweepMs ?? 60_000);
  sweep.unref();
  log.info({ routes: routes.map((route) => `${route.key} -> ${route.target.kind}`) }, 'Discord bot started');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => (closing ??= (async () => {
    clearInterval(sweep);
    await wakeups?.close();
    await Promise.all(deliveries.map((delivery) => delivery.close()));
    for (const webhook of webhooks.values()) webhook.destroy();
    await client?.destroy();
  })());

  function fail(error: unknown): void {
    const refused = error instanceof BotTokenRefused ? error : new BotTokenRefused(error);
    log.error({ err: refused }, 'the Discord bot stops');
    void close().finally(() => stop(refused));
  }

  return {
    counts: () => Object.fromEntries(deliveries.map((delivery) => [delivery.route.key, { ...delivery.counts }])),
    stopped,
    close,
  };
}
