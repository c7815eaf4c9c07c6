/**
 * Slash commands as Discord delivers them: `interact()` sends an
 * INTERACTION_CREATE for a registered chat-input command, then follows the
 * bot's answer through `POST /interactions/{id}/{token}/callback` (type 4, or
 * type 5 then `PATCH /webhooks/{app}/{token}/messages/@original`) and its
 * follow-ups (`POST /webhooks/{app}/{token}`). As on Discord, an interaction
 * not acknowledged within 3 seconds is gone: its callback answers 10062.
 */
import {
  ApplicationCommandType,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  RESTJSONErrorCodes,
  type APIApplicationCommand,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIUser,
} from 'discord-api-types/v10';
import { ALL_PERMISSIONS, secretToken, snowflake, type PostedMessage, type StandInState } from './state.js';
import { messageRefusal, refusal, type Answer, type MessageBody } from './validation.js';

/** A slash command as a person types it. */
export interface InteractionRequest {
  /** A registered chat-input command's name (guild commands first, then global ones). */
  command: string;
  /** Option values by name; their types come from the registered command. */
  options?: Record<string, string | number | boolean>;
  /** @default the guild's first channel */
  channelId?: string;
  /** Who types it. @default a user named `tester`, the same for every interaction */
  user?: { id?: string; username?: string };
  /** Rejects when the bot has shown no answer within this (acknowledging within 3 s still applies). @default 10000 */
  timeoutMs?: number;
}

/** The bot's answer to an interaction, as it stands. */
export interface InteractionReply {
  interactionId: string;
  /** Answered with type 5 first, then an edit of `@original`. */
  deferred: boolean;
  /** The original response (`@original`), updated by later edits. */
  message: PostedMessage;
  /** Follow-up messages, in order; the list grows as the bot sends more. */
  followUps: PostedMessage[];
}

interface PendingInteraction {
  id: string;
  token: string;
  channelId: string;
  phase: 'sent' | 'deferred' | 'answered' | 'expired';
  flags: number;
  original?: PostedMessage;
  followUps: PostedMessage[];
  resolve(reply: InteractionReply): void;
  reject(error: Error): void;
  timers: NodeJS.Timeout[];
}

/** Discord's deadline for the first callback. */
const ACKNOWLEDGE_WITHIN_MS = 3000;

/** Interactions in flight, keyed by id and by token. */
export class Interactions {
  readonly #byId = new Map<string, PendingInteraction>();
  readonly #byToken = new Map<string, PendingInteraction>();
  readonly #tester: APIUser = { id: snowflake(), username: 'tester', discriminator: '0', global_name: 'Tester', avatar: null };

  constructor(
    private readonly state: StandInState,
    private readonly dispatch: (event: string, data: unknown) => void,
  ) {}

  /** Sends the interaction over the gateway; resolves once the bot's answer shows something. */
  create(request: InteractionRequest): Promise<InteractionReply> {
    const { state } = this;
    const command = [...(state.guildCommands.get(state.guild.id) ?? []), ...state.globalCommands].find(
      (candidate) => candidate.name === request.command && (candidate.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput,
    );
    if (!command) return Promise.reject(new Error(`no chat-input command "${request.command}" is registered; register it first (PUT /applications/${state.applicationId}/commands)`));
    const channel = request.channelId === undefined ? state.guild.channels[0] : state.channel(request.channelId);
    if (!channel) return Promise.reject(new Error(`the guild has no channel ${String(request.channelId)}`));
    let options: APIApplicationCommandInteractionDataBasicOption[];
    try {
      options = commandOptions(command, request.options ?? {});
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const user: APIUser = request.user ? { ...this.#tester, id: request.user.id ?? snowflake(), username: request.user.username ?? this.#tester.username } : this.#tester;
    const id = snowflake();
    const token = `interaction.${secretToken()}`;
    return new Promise<InteractionReply>((resolve, reject) => {
      const pending: PendingInteraction = { id, token, channelId: channel.id, phase: 'sent', flags: 0, followUps: [], resolve, reject, timers: [] };
      const expire = (why: string) => {
        if (pending.phase === 'answered') return;
        if (pending.phase === 'sent') pending.phase = 'expired';
        reject(new Error(`interaction /${command.name}: ${why}`));
      };
      pending.timers.push(
        setTimeout(() => pending.phase === 'sent' && expire(`the bot did not acknowledge it within ${ACKNOWLEDGE_WITHIN_MS} ms`), ACKNOWLEDGE_WITHIN_MS),
        setTimeout(() => expire(`the bot showed no answer within ${request.timeoutMs ?? 10_000} ms`), request.timeoutMs ?? 10_000),
      );
      this.#byId.set(id, pending);
      this.#byToken.set(token, pending);
      this.dispatch('INTERACTION_CREATE', {
        id,
        application_id: state.applicationId,
        type: InteractionType.ApplicationCommand,
        token,
        version: 1,
        data: { id: command.id, name: command.name, type: ApplicationCommandType.ChatInput, options, ...(command.guild_id ? { guild_id: command.guild_id } : {}) },
        guild_id: state.guild.id,
        guild: { id: state.guild.id, locale: 'en-US', features: [] },
        channel_id: channel.id,
        channel: state.apiChannel(channel),
        member: state.member(user),
        app_permissions: ALL_PERMISSIONS,
        locale: 'en-US',
        guild_locale: 'en-US',
        entitlements: [],
        authorizing_integration_owners: { '0': state.guild.id },
        context: InteractionContextType.Guild,
        attachment_size_limit: 10_485_760,
      });
    });
  }

  /** `POST /interactions/{id}/{token}/callback`. */
  callback(id: string, token: string, body: { type?: number; data?: MessageBody }, withResponse: boolean): Answer {
    const pending = this.#byId.get(id);
    if (!pending || pending.token !== token || pending.phase === 'expired') return refusal(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction');
    if (pending.phase !== 'sent') return refusal(400, RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged, 'Interaction has already been acknowledged.');
    const interaction = { id, type: InteractionType.ApplicationCommand, activity_instance_id: null, response_message_loading: false };
    if (body.type === InteractionResponseType.DeferredChannelMessageWithSource) {
      pending.phase = 'deferred';
      pending.flags = body.data?.flags ?? 0;
      this.state.changed();
      return withResponse ? { status: 200, body: { interaction: { ...interaction, response_message_loading: true }, resource: { type: body.type } } } : { status: 204 };
    }
    if (body.type === InteractionResponseType.ChannelMessageWithSource) {
      const data = body.data ?? {};
      const refused = messageRefusal(data);
      if (refused) return refused;
      const message = this.#answer(pending, data);
      return withResponse
        ? { status: 200, body: { interaction: { ...interaction, response_message_id: message.id }, resource: { type: body.type, message: this.state.apiMessage(message) } } }
        : { status: 204 };
    }
    return {
      status: 400,
      body: {
        code: RESTJSONErrorCodes.InvalidFormBodyOrContentType,
        message: 'Invalid Form Body',
        errors: { type: { _errors: [{ code: 'BASE_TYPE_CHOICES', message: `Value must be one of {${InteractionResponseType.ChannelMessageWithSource}, ${InteractionResponseType.DeferredChannelMessageWithSource}}.` }] } },
      },
    };
  }

  /** Whether `token` is a live interaction's, i.e. `/webhooks/{app}/{token}` means this interaction. */
  has(token: string): boolean {
    return this.#byToken.has(token);
  }

  /** `GET`/`PATCH /webhooks/{app}/{token}/messages/{id | @original}`; `body` absent for GET. */
  message(token: string, messageId: string, body?: MessageBody): Answer {
    const pending = this.#byToken.get(token);
    if (!pending || pending.phase === 'sent' || pending.phase === 'expired') return refusal(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
    const target = messageId === '@original' ? pending.original : pending.followUps.find((message) => message.id === messageId);
    if (body === undefined) return target ? { status: 200, body: this.state.apiMessage(target) } : unknownMessage();
    if (!target && messageId !== '@original') return unknownMessage();
    const refused = messageRefusal({ ...(target ?? {}), ...body });
    if (refused) return refused;
    const message = target ? this.state.edit(target, body) : this.#answer(pending, { ...body, flags: pending.flags });
    return { status: 200, body: this.state.apiMessage(message) };
  }

  /** `POST /webhooks/{app}/{token}`: a follow-up message. */
  followUp(token: string, body: MessageBody): Answer {
    const pending = this.#byToken.get(token);
    if (!pending || pending.phase === 'sent' || pending.phase === 'expired') return refusal(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook');
    const refused = messageRefusal(body);
    if (refused) return refused;
    const message = this.state.post({ channelId: pending.channelId, source: 'interaction', interactionId: pending.id }, body);
    pending.followUps.push(message);
    return { status: 200, body: this.state.apiMessage(message) };
  }

  close(): void {
    for (const pending of this.#byId.values()) for (const timer of pending.timers) clearTimeout(timer);
  }

  /** The first visible answer: the original message, and the end of the wait in `create`. */
  #answer(pending: PendingInteraction, body: MessageBody): PostedMessage {
    const deferred = pending.phase === 'deferred';
    pending.phase = 'answered';
    pending.original = this.state.post({ channelId: pending.channelId, source: 'interaction', interactionId: pending.id }, body);
    for (const timer of pending.timers) clearTimeout(timer);
    pending.resolve({ interactionId: pending.id, deferred, message: pending.original, followUps: pending.followUps });
    return pending.original;
  }
}

function unknownMessage(): Answer {
  return refusal(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');
}

/** Option values typed as the registered command declares them; an option it does not declare is an error in the test. */
function commandOptions(command: APIApplicationCommand, values: Record<string, string | number | boolean>): APIApplicationCommandInteractionDataBasicOption[] {
  return Object.entries(values).map(([name, value]) => {
    const declared = command.options?.find((option) => option.name === name);
    if (!declared) throw new Error(`/${command.name} has no option "${name}"; it declares ${command.options?.map((option) => option.name).join(', ') || 'none'}`);
    return { name, type: declared.type, value } as APIApplicationCommandInteractionDataBasicOption;
  });
}
