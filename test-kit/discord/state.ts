/**
 * What the Discord stand-in holds: the bot, its guild and channels, every
 * message posted, webhooks, application commands, the REST requests seen and
 * the counters tests read. REST, the gateway and interactions all change it;
 * each change emits `change`.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  ChannelType,
  EmbedType,
  type GuildMemberFlags,
  MessageType,
  type APIApplicationCommand,
  type APIEmbed,
  type APIGuildMember,
  type APIMessage,
  type APIUser,
} from 'discord-api-types/v10';
import type { MessageBody } from './validation.js';

/** Every permission bit: the bot owns its guild, so permission checks never stand in a test's way. */
export const ALL_PERMISSIONS = ((1n << 53n) - 1n).toString();

/** Discord's epoch (2015-01-01), the origin of snowflake timestamps. */
const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeIncrement = 0n;

/** A Discord id for something made now, so that discord.js reads a true creation time from it. */
export function snowflake(at = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | snowflakeIncrement).toString();
}

/** A secret such as a webhook or interaction token. */
export function secretToken(): string {
  return randomBytes(24).toString('base64url');
}

/** A text channel of the stand-in's guild. */
export interface StandInChannel {
  id: string;
  name: string;
}

/** The one guild the bot is in. */
export interface StandInGuild {
  id: string;
  name: string;
  channels: StandInChannel[];
}

/** A webhook of a channel, as `POST /channels/{id}/webhooks` or `standIn.createWebhook` made it. */
export interface StandInWebhook {
  id: string;
  token: string;
  channelId: string;
  name: string;
  /** `<apiUrl>/webhooks/<id>/<token>`, what `new WebhookClient({ url })` takes. */
  url: string;
}

/** Who posted a message: the bot through its token, a webhook, or the bot answering an interaction. */
export type MessageSource = 'bot' | 'webhook' | 'interaction';

/** A message as the stand-in received it. */
export interface PostedMessage {
  id: string;
  channelId: string;
  content: string;
  embeds: APIEmbed[];
  flags: number;
  source: MessageSource;
  webhookId?: string;
  interactionId?: string;
  /** `Date.now()` when it arrived. */
  receivedAt: number;
  /** `Date.now()` of its last edit. */
  editedAt?: number;
}

/** One REST request, whatever its answer. */
export interface RecordedRequest {
  method: string;
  /** The path below the API base and version, e.g. `/channels/1/messages`. */
  path: string;
  /** The route it matched, e.g. `POST /channels/:channel_id/messages`; absent when none did. */
  route?: string;
  status: number;
  body: unknown;
  receivedAt: number;
}

/** What happened so far, for assertions. */
export interface StandInCounters {
  /** REST requests, whatever their answer. */
  requests: number;
  /** 429 answers, forced or earned. */
  rateLimited: number;
  /** 5xx answers during an outage. */
  serverErrors: number;
  /** Gateway WebSocket connections accepted. */
  connections: number;
  identifies: number;
  resumes: number;
  /** INVALID_SESSION (op 9) sent. */
  invalidSessions: number;
  heartbeats: number;
}

export interface StandInEvents {
  change: [];
  message: [PostedMessage];
  request: [RecordedRequest];
}

/** The shared model behind REST, the gateway and interactions. */
export class StandInState extends EventEmitter<StandInEvents> {
  readonly messages: PostedMessage[] = [];
  readonly webhooks = new Map<string, StandInWebhook>();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly requests: RecordedRequest[] = [];
  readonly counters: StandInCounters = { requests: 0, rateLimited: 0, serverErrors: 0, connections: 0, identifies: 0, resumes: 0, invalidSessions: 0, heartbeats: 0 };
  readonly bot: APIUser;
  /** Set once the server listens. */
  apiUrl = '';
  gatewayUrl = '';

  constructor(
    readonly token: string,
    readonly applicationId: string,
    readonly guild: StandInGuild,
    botName: string,
  ) {
    super();
    this.bot = { id: applicationId, username: botName, discriminator: '0', global_name: null, avatar: null, bot: true };
  }

  /** Emits `change`, for listeners that follow the stand-in's state. */
  changed(): void {
    this.emit('change');
  }

  channel(id: string): StandInChannel | undefined {
    return this.guild.channels.find((channel) => channel.id === id);
  }

  record(request: RecordedRequest): void {
    this.requests.push(request);
    this.emit('request', request);
    this.changed();
  }

  /** Stores a message that passed validation and announces it (the gateway turns it into MESSAGE_CREATE). */
  post(message: Omit<PostedMessage, 'id' | 'receivedAt' | 'content' | 'embeds' | 'flags'>, body: MessageBody): PostedMessage {
    const posted: PostedMessage = { id: snowflake(), receivedAt: Date.now(), content: body.content ?? '', embeds: (body.embeds ?? []).map(richEmbed), flags: body.flags ?? 0, ...message };
    this.messages.push(posted);
    this.emit('message', posted);
    this.changed();
    return posted;
  }

  /** Applies an edit that passed validation. */
  edit(message: PostedMessage, body: MessageBody): PostedMessage {
    if (body.content !== undefined) message.content = body.content;
    if (body.embeds !== undefined) message.embeds = body.embeds.map(richEmbed);
    message.editedAt = Date.now();
    this.changed();
    return message;
  }

  createWebhook(channelId: string, name = 'Lifestone alerts'): StandInWebhook {
    const id = snowflake();
    const token = secretToken();
    const webhook = { id, token, channelId, name, url: `${this.apiUrl}/webhooks/${id}/${token}` };
    this.webhooks.set(id, webhook);
    this.changed();
    return webhook;
  }

  /** A message as Discord's API answers it. */
  apiMessage(message: PostedMessage): APIMessage {
    const webhook = message.webhookId ? this.webhooks.get(message.webhookId) : undefined;
    const author: APIUser = webhook ? { id: webhook.id, username: webhook.name, discriminator: '0000', global_name: null, avatar: null, bot: true } : this.bot;
    return {
      id: message.id,
      channel_id: message.channelId,
      author,
      content: message.content,
      timestamp: new Date(message.receivedAt).toISOString(),
      edited_timestamp: message.editedAt === undefined ? null : new Date(message.editedAt).toISOString(),
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: message.embeds,
      pinned: false,
      type: message.interactionId ? MessageType.ChatInputCommand : MessageType.Default,
      flags: message.flags,
      components: [],
      ...(message.webhookId ? { webhook_id: message.webhookId } : {}),
      ...(message.source === 'bot' ? {} : { application_id: this.applicationId }),
    };
  }

  apiChannel(channel: StandInChannel, position = 0) {
    return {
      id: channel.id,
      type: ChannelType.GuildText as const,
      guild_id: this.guild.id,
      name: channel.name,
      position,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  /** The bot's membership of the guild, also the shape of an interaction's `member`. */
  member(user: APIUser): APIGuildMember & { permissions: string } {
    return { user, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 as GuildMemberFlags, nick: null, avatar: null, premium_since: null, pending: false, permissions: ALL_PERMISSIONS };
  }

  /** The GUILD_CREATE payload: everything discord.js caches about the guild. */
  apiGuild() {
    return {
      id: this.guild.id,
      name: this.guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.bot.id,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [{ id: this.guild.id, name: '@everyone', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: ALL_PERMISSIONS, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      joined_at: new Date(0).toISOString(),
      large: false,
      unavailable: false,
      member_count: 1,
      voice_states: [],
      members: [this.member(this.bot)],
      channels: this.guild.channels.map((channel, position) => this.apiChannel(channel, position)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }
}

/** Discord fills in an embed's type. */
function richEmbed(embed: APIEmbed): APIEmbed {
  return { type: EmbedType.Rich, ...embed };
}
