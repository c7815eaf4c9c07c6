/**
 * A stand-in for Discord on loopback that the real discord.js client logs in
 * to: REST v10 under `<apiUrl>` (give it to discord.js as `rest: { api }`) and
 * the gateway on the same port, which `GET /gateway/bot` points the client at.
 * Tests read what the bot posted, inject slash commands, and force 429s and
 * outages. See README.md beside this file for the protocol it speaks.
 */
import type { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIUser } from 'discord-api-types/v10';
import { vi } from 'vitest';
import { DISCORD_HEARTBEAT_MS, Gateway } from './gateway.js';
import { Interactions, type InteractionReply, type InteractionRequest } from './interactions.js';
import { RateLimiter, type ForcedRateLimit, type RateLimitSettings } from './rate-limits.js';
import { RestApi } from './rest.js';
import { snowflake, StandInState, type PostedMessage, type RecordedRequest, type StandInCounters, type StandInEvents, type StandInGuild, type StandInWebhook } from './state.js';

export type { ForcedRateLimit, InteractionReply, InteractionRequest, PostedMessage, RateLimitSettings, RecordedRequest, StandInCounters, StandInGuild, StandInWebhook };
export { MessageLimits } from './validation.js';

/** How the stand-in starts. */
export interface DiscordStandInOptions {
  /** The bot token clients must present. @default 'stand-in.bot.token' */
  token?: string;
  /** Also the bot user's id, as for Discord bots. @default a new snowflake */
  applicationId?: string;
  /** @default 'Lifestone' */
  botName?: string;
  /** The one guild the bot is in. @default { name: 'Lifestone', channels: [{ name: 'alerts' }] }, ids made up */
  guild?: { id?: string; name?: string; channels?: { id?: string; name: string }[] };
  /** HELLO's heartbeat_interval; tests want a short one. @default 41250 (Discord's) */
  heartbeatMs?: number;
  /** Route buckets and the global limit. @default see {@link RateLimitSettings} */
  limits?: RateLimitSettings;
}

/** What an outage does. */
export interface OutageOptions {
  /** What REST answers meanwhile. @default 503 */
  restStatus?: number;
  /** The close code connected gateway clients get; 1001 and 4000-series codes are resumable in discord.js. @default 1001 */
  closeCode?: number;
  /** Forget gateway sessions too, so that clients must IDENTIFY again instead of resuming. @default false */
  endSessions?: boolean;
}

/** A running stand-in. */
export interface DiscordStandIn {
  /** The REST base for discord.js: `new Client({ rest: { api: apiUrl } })` (`http://127.0.0.1:port/api`). */
  apiUrl: string;
  /** `ws://127.0.0.1:port`, as `GET /gateway/bot` answers. */
  gatewayUrl: string;
  token: string;
  applicationId: string;
  bot: APIUser;
  guild: StandInGuild;
  /** Live counters: requests, 429s, 5xx, gateway connections, identifies, resumes, invalid sessions, heartbeats. */
  counters: Readonly<StandInCounters>;
  /** `change` after anything changes, `message` for each message posted, `request` for each REST request. */
  events: EventEmitter<StandInEvents>;
  /** Messages in the order received, from the bot, webhooks and interaction answers; of one channel when given. */
  messages(channelId?: string): PostedMessage[];
  /** Messages posted through webhooks (not interaction answers); of one webhook when given. */
  webhookMessages(webhookId?: string): PostedMessage[];
  /** Every REST request, whatever its answer, in order. */
  requests(): RecordedRequest[];
  /** Registered application commands: global ones, or the guild's when `guildId` is given. */
  commands(guildId?: string): APIApplicationCommand[];
  /** Makes a webhook (as `POST /channels/{id}/webhooks` does). @default the guild's first channel */
  createWebhook(channelId?: string, name?: string): StandInWebhook;
  /** Sends a slash command to the bot; resolves with its answer once it shows something. */
  interact(request: InteractionRequest): Promise<InteractionReply>;
  /** Sends any gateway dispatch (`MESSAGE_CREATE`, ...) to every session. */
  dispatch(event: string, data: unknown): void;
  /** Makes the next `count` matching requests answer 429. */
  rateLimit(limit: ForcedRateLimit): void;
  /** REST answers 5xx, gateway connections close and new ones are refused, until `comeBack`. */
  goAway(options?: OutageOptions): void;
  comeBack(): void;
  /** `goAway`, then `comeBack` after `ms`; resolves once back. */
  outage(ms: number, options?: OutageOptions): Promise<void>;
  /** Sends RECONNECT (op 7) to every connected client. */
  reconnect(): void;
  /** Forgets every gateway session; connected clients get INVALID_SESSION and must IDENTIFY again. */
  invalidateSessions(): void;
  /**
   * Resolves with `check()`'s first truthy value, checked every 20 ms; rejects
   * after `timeoutMs` (@default 5000), with what `explain` says then (what was
   * stored against what was posted, say).
   */
  waitFor<T>(check: () => T | undefined | null | false, timeoutMs?: number, explain?: () => unknown): Promise<T>;
  close(): Promise<void>;
}

/** Starts a Discord stand-in on a free loopback port. */
export async function startDiscordStandIn(options: DiscordStandInOptions = {}): Promise<DiscordStandIn> {
  const token = options.token ?? 'stand-in.bot.token';
  const applicationId = options.applicationId ?? snowflake();
  const guild: StandInGuild = {
    id: options.guild?.id ?? snowflake(),
    name: options.guild?.name ?? 'Lifestone',
    channels: (options.guild?.channels ?? [{ name: 'alerts' }]).map((channel) => ({ id: channel.id ?? snowflake(), name: channel.name })),
  };
  if (guild.channels.length === 0) throw new Error('the stand-in guild needs at least one channel');
  const state = new StandInState(token, applicationId, guild, options.botName ?? 'Lifestone');
  const gateway = new Gateway(state, options.heartbeatMs ?? DISCORD_HEARTBEAT_MS);
  const interactions = new Interactions(state, (event, data) => gateway.dispatch(event, data));
  const limiter = new RateLimiter(options.limits);
  const rest = new RestApi(state, limiter, interactions);
  const server = createServer((request, response) => {
    rest.handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  server.on('upgrade', (request, socket, head) => gateway.upgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.apiUrl = `http://127.0.0.1:${port}/api`;
  state.gatewayUrl = `ws://127.0.0.1:${port}`;
  let comeBackTimer: NodeJS.Timeout | undefined;

  const comeBack = () => {
    clearTimeout(comeBackTimer);
    rest.outageStatus = null;
    gateway.comeBack();
    state.changed();
  };
  const goAway = (outage: OutageOptions = {}) => {
    rest.outageStatus = outage.restStatus ?? 503;
    // Sessions end silently: the client learns it when its RESUME after the outage meets INVALID_SESSION.
    if (outage.endSessions) gateway.invalidateSessions(false);
    gateway.goAway(outage.closeCode ?? 1001);
    state.changed();
  };

  return {
    apiUrl: state.apiUrl,
    gatewayUrl: state.gatewayUrl,
    token,
    applicationId,
    bot: state.bot,
    guild,
    counters: state.counters,
    events: state,
    messages: (channelId) => state.messages.filter((message) => channelId === undefined || message.channelId === channelId),
    webhookMessages: (webhookId) => state.messages.filter((message) => message.source === 'webhook' && (webhookId === undefined || message.webhookId === webhookId)),
    requests: () => [...state.requests],
    commands: (guildId) => [...(guildId === undefined ? state.globalCommands : (state.guildCommands.get(guildId) ?? []))],
    createWebhook: (channelId = guild.channels[0]?.id as string, name) => {
      if (!state.channel(channelId)) throw new Error(`the guild has no channel ${channelId}`);
      return state.createWebhook(channelId, name);
    },
    interact: (request) => interactions.create(request),
    dispatch: (event, data) => gateway.dispatch(event, data),
    rateLimit: (limit) => limiter.force(limit),
    goAway,
    comeBack,
    outage(ms, outage) {
      goAway(outage);
      return new Promise<void>((resolve) => {
        comeBackTimer = setTimeout(() => {
          comeBack();
          resolve();
        }, ms);
      });
    },
    reconnect: () => gateway.reconnect(),
    invalidateSessions: () => {
      gateway.invalidateSessions(true);
      state.changed();
    },
    async waitFor(check, timeoutMs = 5000, explain) {
      try {
        return await vi.waitFor(
          () => {
            const found = check();
            if (!found) throw new Error('the condition is not met');
            return found;
          },
          { timeout: timeoutMs, interval: 20 },
        );
      } catch (error) {
        if (!explain) throw error;
        throw new Error(`the condition is not met within ${timeoutMs} ms: ${JSON.stringify(await explain())}`, { cause: error });
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(comeBackTimer);
        interactions.close();
        gateway.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
