/**
 * Discord's REST API v10 as the bot uses it, under `/api/v10` (and `/api`,
 * which Discord serves as the default version). Every answer passes the rate
 * limiter first and carries its headers; bot routes want
 * `Authorization: Bot <token>`, webhook and interaction routes their token in
 * the path, as on Discord. During an outage every request answers 5xx.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApplicationCommandType, RESTJSONErrorCodes, type APIApplicationCommand } from 'discord-api-types/v10';
import type { Interactions } from './interactions.js';
import type { RateLimiter } from './rate-limits.js';
import { snowflake, type StandInState } from './state.js';
import { commandErrors, messageRefusal, refusal, type Answer, type MessageBody } from './validation.js';

interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

interface Route {
  method: string;
  /** `/channels/:channel_id/messages`. */
  template: string;
  /** Wants the bot token; the others carry a webhook or interaction token in the path. */
  bot: boolean;
  /** The parameters naming the top-level resource, which splits the route into rate-limit buckets. */
  major: string[];
  handle(context: RouteContext): Answer;
}

/** The stand-in's REST side, one handler per route. */
export class RestApi {
  /** While set, every request answers this status. */
  outageStatus: number | null = null;
  readonly #routes: Route[];

  constructor(
    private readonly state: StandInState,
    private readonly limiter: RateLimiter,
    private readonly interactions: Interactions,
  ) {
    this.#routes = this.#table();
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { state } = this;
    const receivedAt = Date.now();
    state.counters.requests += 1;
    const url = new URL(request.url ?? '/', 'http://stand-in');
    // Decoded, as discord.js encodes `@me` as `%40me`.
    const path = url.pathname.replace(API_BASE, '').split('/').map(decodeURIComponent).join('/');
    const method = request.method ?? 'GET';
    const text = await readBody(request);
    const recordedBody = text === '' ? undefined : parseOr(text, text);
    const finish = (answer: Answer, headers: Record<string, string> = {}, route?: Route) => {
      const json = answer.body === undefined ? '' : JSON.stringify(answer.body);
      response.writeHead(answer.status, { ...headers, ...(json ? { 'content-type': 'application/json' } : {}) }).end(json);
      state.record({ method, path, ...(route ? { route: `${route.method} ${route.template}` } : {}), status: answer.status, body: recordedBody, receivedAt });
    };
    if (this.outageStatus !== null) {
      state.counters.serverErrors += 1;
      response.writeHead(this.outageStatus, { 'content-type': 'text/plain' }).end('upstream unavailable');
      state.record({ method, path, status: this.outageStatus, body: recordedBody, receivedAt });
      return;
    }
    if (!API_BASE.test(url.pathname)) return finish(refusal(404, 0, '404: Not Found'));
    const matched = this.#match(method, path);
    if (!matched) return finish(refusal(404, 0, '404: Not Found'));
    if (matched === 'method') return finish(refusal(405, 0, '405: Method Not Allowed'));
    const { route, params } = matched;
    if (route.bot && request.headers.authorization !== `Bot ${state.token}`) return finish(refusal(401, 0, '401: Unauthorized'), {}, route);
    const verdict = this.limiter.check({
      route: `${method} ${route.template}`,
      request: `${method} ${path}`,
      major: route.major.map((name) => params[name]).join('/'),
      global: route.bot,
    });
    if (verdict.refusal) {
      state.counters.rateLimited += 1;
      return finish({ status: 429, body: verdict.refusal }, verdict.headers, route);
    }
    const body = text === '' ? undefined : parseOr(text, INVALID_JSON);
    if (body === INVALID_JSON) return finish(refusal(400, RESTJSONErrorCodes.RequestBodyContainsInvalidJSON, 'The request body contains invalid JSON.'), verdict.headers, route);
    finish(route.handle({ params, query: url.searchParams, body }), verdict.headers, route);
  }

  #match(method: string, path: string): { route: Route; params: Record<string, string> } | 'method' | undefined {
    const parts = path.split('/').slice(1);
    let pathMatched = false;
    for (const route of this.#routes) {
      const template = route.template.split('/').slice(1);
      if (template.length !== parts.length) continue;
      const params: Record<string, string> = {};
      if (!template.every((part, index) => (part.startsWith(':') ? ((params[part.slice(1)] = parts[index] as string), true) : part === parts[index]))) continue;
      if (route.method === method) return { route, params };
      pathMatched = true;
    }
    return pathMatched ? 'method' : undefined;
  }

  #table(): Route[] {
    const { state, interactions } = this;
    const ok = (body: unknown): Answer => ({ status: 200, body });
    const unknownChannel = () => refusal(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel');
    const missingAccess = () => refusal(403, RESTJSONErrorCodes.MissingAccess, 'Missing Access');
    const application = { id: state.applicationId, name: state.bot.username, icon: null, description: '', bot_public: false, bot_require_code_grant: false, flags: 0, bot: state.bot, owner: state.bot, verify_key: '0'.repeat(64), team: null, summary: '' };
    /** The command list a route names, or undefined when it is another application's or guild's. */
    const commandList = (params: Record<string, string>): APIApplicationCommand[] | undefined => {
      if (params.application_id !== state.applicationId) return undefined;
      if (params.guild_id === undefined) return state.globalCommands;
      if (params.guild_id !== state.guild.id) return undefined;
      let list = state.guildCommands.get(params.guild_id);
      if (!list) state.guildCommands.set(params.guild_id, (list = []));
      return list;
    };
    const registered = (body: Partial<APIApplicationCommand>, list: APIApplicationCommand[], guildId: string | undefined): APIApplicationCommand => {
      const type = body.type ?? ApplicationCommandType.ChatInput;
      const previous = list.find((command) => command.name === body.name && command.type === type);
      // Discord keeps a command's id when an overwrite names it again.
      return {
        name_localizations: null,
        description_localizations: null,
        default_member_permissions: null,
        nsfw: false,
        contexts: null,
        integration_types: [0],
        ...body,
        id: previous?.id ?? snowflake(),
        application_id: state.applicationId,
        version: snowflake(),
        type,
        description: body.description ?? '',
        name: body.name as string,
        ...(guildId ? { guild_id: guildId } : {}),
      } as APIApplicationCommand;
    };
    const overwrite = ({ params, body }: RouteContext): Answer => {
      const list = commandList(params);
      if (!list) return missingAccess();
      if (!Array.isArray(body)) return { status: 400, body: { code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, message: 'Invalid Form Body', errors: { _errors: [{ code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' }] } } };
      const errors = commandErrors(body as Partial<APIApplicationCommand>[]);
      if (!errors.empty) return { status: 400, body: errors.body() };
      const commands = (body as Partial<APIApplicationCommand>[]).map((command) => registered(command, list, params.guild_id));
      list.splice(0, list.length, ...commands);
      state.changed();
      return ok(commands);
    };
    const createCommand = ({ params, body }: RouteContext): Answer => {
      const list = commandList(params);
      if (!list) return missingAccess();
      const errors = commandErrors([body as Partial<APIApplicationCommand>], true);
      if (!errors.empty) return { status: 400, body: errors.body() };
      const command = registered(body as Partial<APIApplicationCommand>, list, params.guild_id);
      const at = list.findIndex((existing) => existing.id === command.id);
      if (at >= 0) list[at] = command;
      else list.push(command);
      state.changed();
      return { status: at >= 0 ? 200 : 201, body: command };
    };
    const listCommands = ({ params }: RouteContext): Answer => {
      const list = commandList(params);
      return list ? ok(list) : missingAccess();
    };
    /** The webhook a path names, or the refusal Discord gives. */
    const webhookFor = (params: Record<string, string>) => {
      const webhook = state.webhooks.get(params.webhook_id as string);
      if (!webhook) return { refused: refusal(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook') };
      if (webhook.token !== params.webhook_token) return { refused: refusal(401, RESTJSONErrorCodes.InvalidWebhookToken, 'Invalid Webhook Token') };
      return { webhook };
    };
    const isInteraction = (params: Record<string, string>) => params.webhook_id === state.applicationId && interactions.has(params.webhook_token as string);
    const webhookMessage = ({ params, body }: RouteContext, edit: boolean): Answer => {
      if (isInteraction(params)) return interactions.message(params.webhook_token as string, params.message_id as string, edit ? (body as MessageBody) : undefined);
      const found = webhookFor(params);
      if (found.refused) return found.refused;
      const message = state.messages.find((candidate) => candidate.id === params.message_id && candidate.webhookId === found.webhook.id);
      if (!message) return refusal(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message');
      if (!edit) return ok(state.apiMessage(message));
      const refused = messageRefusal({ ...message, ...(body as MessageBody) });
      return refused ?? ok(state.apiMessage(state.edit(message, body as MessageBody)));
    };
    const route = (method: string, template: string, bot: boolean, major: string[], handle: Route['handle']): Route => ({ method, template, bot, major, handle });
    return [
      route('GET', '/gateway', false, [], () => ok({ url: state.gatewayUrl })),
      route('GET', '/gateway/bot', true, [], () =>
        ok({ url: state.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000 - state.counters.identifies, reset_after: 86_400_000, max_concurrency: 1 } }),
      ),
      route('GET', '/users/@me', true, [], () => ok(state.bot)),
      route('GET', '/applications/@me', true, [], () => ok(application)),
      route('GET', '/oauth2/applications/@me', true, [], () => ok(application)),
      route('GET', '/channels/:channel_id', true, ['channel_id'], ({ params }) => {
        const channel = state.channel(params.channel_id as string);
        return channel ? ok(state.apiChannel(channel, state.guild.channels.indexOf(channel))) : unknownChannel();
      }),
      route('POST', '/channels/:channel_id/messages', true, ['channel_id'], ({ params, body }) => {
        const channel = state.channel(params.channel_id as string);
        if (!channel) return unknownChannel();
        const message = (body ?? {}) as MessageBody;
        return messageRefusal(message) ?? ok(state.apiMessage(state.post({ channelId: channel.id, source: 'bot' }, message)));
      }),
      route('POST', '/channels/:channel_id/webhooks', true, ['channel_id'], ({ params, body }) => {
        const channel = state.channel(params.channel_id as string);
        if (!channel) return unknownChannel();
        const webhook = state.createWebhook(channel.id, (body as { name?: string } | undefined)?.name);
        return ok({ id: webhook.id, type: 1, token: webhook.token, name: webhook.name, avatar: null, channel_id: channel.id, guild_id: state.guild.id, application_id: state.applicationId, user: state.bot, url: webhook.url });
      }),
      route('POST', '/webhooks/:webhook_id/:webhook_token', false, ['webhook_id', 'webhook_token'], ({ params, query, body }) => {
        const message = (body ?? {}) as MessageBody;
        if (isInteraction(params)) return interactions.followUp(params.webhook_token as string, message);
        const found = webhookFor(params);
        if (found.refused) return found.refused;
        const refused = messageRefusal(message);
        if (refused) return refused;
        const posted = state.post({ channelId: found.webhook.channelId, source: 'webhook', webhookId: found.webhook.id }, message);
        return query.get('wait') === 'true' ? ok(state.apiMessage(posted)) : { status: 204 };
      }),
      route('GET', '/webhooks/:webhook_id/:webhook_token/messages/:message_id', false, ['webhook_id', 'webhook_token'], (context) => webhookMessage(context, false)),
      route('PATCH', '/webhooks/:webhook_id/:webhook_token/messages/:message_id', false, ['webhook_id', 'webhook_token'], (context) => webhookMessage(context, true)),
      route('GET', '/applications/:application_id/commands', true, [], listCommands),
      route('PUT', '/applications/:application_id/commands', true, [], overwrite),
      route('POST', '/applications/:application_id/commands', true, [], createCommand),
      route('GET', '/applications/:application_id/guilds/:guild_id/commands', true, ['guild_id'], listCommands),
      route('PUT', '/applications/:application_id/guilds/:guild_id/commands', true, ['guild_id'], overwrite),
      route('POST', '/applications/:application_id/guilds/:guild_id/commands', true, ['guild_id'], createCommand),
      route('POST', '/interactions/:interaction_id/:interaction_token/callback', false, ['interaction_id'], ({ params, query, body }) =>
        interactions.callback(params.interaction_id as string, params.interaction_token as string, (body ?? {}) as { type?: number; data?: MessageBody }, query.get('with_response') === 'true'),
      ),
    ];
  }
}

/** The API base and version discord.js puts before a route; Discord serves `/api` alone as the default version. */
const API_BASE = /^\/api(\/v10)?(?=\/)/;

/** Marks a body that is not JSON. */
const INVALID_JSON = Symbol('invalid JSON');

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return fallback;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
