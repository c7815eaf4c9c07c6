import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionResult } from 'graphql';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import pg from 'pg';
import WebSocket from 'ws';
import { isSubgraphName, startSubgraph, SUBGRAPH_NAMES, type RunningSubgraph, type SubgraphModule, type SubgraphName } from '@lifestone/lib/graph';
import { createLogger, type Logger } from '@lifestone/lib/log';
import type { PubSub } from '@lifestone/lib/pubsub';
import type { IngestOptions } from '@lifestone/ingest';
import { sendAndFlush } from './plugin-session.js';
import { composeDocuments, queryLimitsFromEnv, startGateway, type GatewayOptions, type QueryLimits, type RunningGateway, type SubgraphUrls, type SubscriptionLimits } from '@lifestone/gateway';
import { issueApiToken } from '@lifestone/lib/auth';
import { graphClient, type GraphRequest } from '@lifestone/lib/graph-client';
import { assistantSubgraph, type AssistantOptions } from '@lifestone/subgraph-assistant';
import { accountsSubgraph } from '@lifestone/subgraph-accounts';
import { combatSubgraph } from '@lifestone/subgraph-combat';
import { inventorySubgraph } from '@lifestone/subgraph-inventory';
import { telemetrySubgraph } from '@lifestone/subgraph-telemetry';
import type { TestDatabase } from './database.js';
import { startTestIngest, TEST_SECRET, type TestIngest } from './ingest.js';
import { connectPlugin, type TestPlugin } from './plugin.js';

export const INTERNAL_SECRET = 'test-internal-secret';
export const SESSION_SECRET = 'test-session-secret';
export const ADMIN_PASSWORD = 'test-admin-password';

/** The limits a stack runs with unless told otherwise: the defaults of `LIFESTONE_MAX_*`. */
export const TEST_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 5000, maxAliases: 15, maxTokens: 2000, maxDirectives: 50 };

/** A clock that follows real time, moved ahead by tests (e.g. to age characters out of `livePlayers`). */
export interface TestClock {
  now(): Date;
  /** Moves the clock `ms` ahead of real time (cumulative). */
  advance(ms: number): void;
}

export function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}

/** How a test request authenticates: an API token, a session cookie (`name=value`), or neither. */
export type TestCredentials = { token: string } | { cookie: string } | undefined;

/** A GraphQL response as a test sees it. */
export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: ExecutionResult<T> & { errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** The results of one subscription as they arrive. */
export interface ResultStream<T = Record<string, unknown>> {
  results: ExecutionResult<T>[];
  /** Resolves with the first result matching `predicate`, already received or later. */
  waitFor(predicate: (result: ExecutionResult<T>) => boolean, timeoutMs?: number): Promise<ExecutionResult<T>>;
  /** Ends the subscription. */
  close(): Promise<void>;
}

export interface TestStackOptions {
  /** Subgraph modules to serve instead of the four real ones, composed from their own typeDefs. */
  modules?: SubgraphModule[];
  /** A pubsub to share between ingest and the subgraphs (Redis, NATS); the memory one otherwise. */
  pubsub?: PubSub;
  limits?: Partial<QueryLimits>;
  /** The telemetry subgraph's `positions` tick. @default 100 */
  positionsTickMs?: number;
  /** The built dashboard the gateway serves at `/`. @default none */
  dashboardDir?: string;
  /** The operator's map image the telemetry subgraph serves (the gateway at `/map/image`). @default none */
  mapImage?: string;
  /** Web origins allowed to call `/graphql` from a browser. @default none */
  corsOrigins?: readonly string[];
  /** Proxies whose X-Forwarded-For the gateway believes (tests of sign-in throttling send addresses that way). */
  trustedProxies?: number;
  /** `/metrics` requires this bearer token. */
  metricsToken?: string;
  /** How often open sockets' credentials are checked again. */
  revalidateMs?: number;
  /** How long the gateway reuses a credential lookup. @default the gateway's (5 s) */
  authCacheMs?: number;
  /** How long the gateway's signed identity is valid, for the gateway and the subgraphs alike. @default 30 s */
  identityTtlMs?: number;
  /** The subgraphs' statement timeout (their pool's `statement_timeout`). @default 5000 ms, as LIFESTONE_SUBGRAPH_STATEMENT_TIMEOUT_MS */
  statementTimeoutMs?: number;
  /** Root fields of the subscriptions the gateway shares (modules of a test's own name theirs). @default the gateway's */
  sharedSubscriptionFields?: ReadonlySet<string>;
  /** The gateway's caps on subscriptions and bound on a subscriber's unsent bytes. @default the gateway's */
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /** The gateway's `firstAdminPasswordFile`. @default none */
  firstAdminPasswordFile?: string;
  ingest?: Partial<IngestOptions>;
  /** The database of the whole stack (migrated, e.g. on a PostgreSQL of the test's own); a fresh clone of the run's template otherwise. */
  database?: TestDatabase;
  /** The logger of the gateway and the subgraphs. @default silent, or `LIFESTONE_LOG_LEVEL` */
  log?: Logger;
  /**
   * Options of the assistant subgraph. Its tools query this stack's gateway
   * with a viewer API token of their own (made at their first call) unless
   * `graph` is given. @default no model: the assistant is not configured
   */
  assistant?: Partial<AssistantOptions>;
}

export interface TestStack {
  ingest: TestIngest;
  subgraphs: Record<string, RunningSubgraph>;
  /** The gateway now running (a new one after {@link TestStack.restartGateway}). */
  readonly gateway: RunningGateway;
  /** Stops the gateway, waits `downMs`, and starts a new one on the same port (sessions survive: they live in PostgreSQL). */
  restartGateway(downMs?: number): Promise<void>;
  /** Stops subgraph `name` and starts `module` (default: the same options anew) on the same port. */
  restartSubgraph(name: string, module?: SubgraphModule): Promise<void>;
  /** The gateway's `http://.../graphql`. */
  url: string;
  clock: TestClock;
  admin: { name: string; password: string };
  /** The admin's session cookie (`lifestone_session=...`). */
  adminCookie: string;
  /** A pool on the stack's database, for assertions. */
  db: pg.Pool;
  /** POSTs an operation to the gateway. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, credentials?: TestCredentials): Promise<GraphQLResponse<T>>;
  /** Signs in and returns the session cookie (`lifestone_session=...`); throws when refused. */
  signIn(name: string, password: string): Promise<string>;
  /** Creates an API token as the admin. */
  createToken(role: 'viewer' | 'operator' | 'admin', name?: string): Promise<{ id: string; token: string }>;
  /** A graphql-ws client of the gateway, authenticating with `token` in connection_init (none: anonymous). */
  wsClient(token?: string, options?: Partial<ClientOptions>): Client;
  /** Subscribes over graphql-ws with a client of its own. */
  subscribeWs<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> | undefined, token: string): Promise<ResultStream<T>>;
  /** Subscribes over SSE (`Accept: text/event-stream`). */
  subscribeSse<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> | undefined, credentials: TestCredentials): Promise<ResultStream<T>>;
  /** Connects a plugin to ingest with the test secret. */
  connectPlugin(): Promise<TestPlugin>;
  /** Sends frames from a plugin and resolves once ingest has committed them. */
  send(plugin: TestPlugin, frames: object[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole pipeline on free ports: ingest on a fresh database, the four
 * subgraphs (or `modules`) and the gateway in front of them, sharing one
 * pubsub and one injectable clock, with the first admin signed in.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const log = options.log ?? createLogger('stack-test', process.env.LIFESTONE_LOG_LEVEL ?? 'silent');
  const clock = testClock();
  const ingest = await startTestIngest({ ...options.ingest, ...(options.pubsub ? { pubsub: options.pubsub } : {}), ...(options.database ? { database: options.database } : {}) });
  const pool = new pg.Pool({ connectionString: ingest.database.url, application_name: 'lifestone-test-stack', max: 10, statement_timeout: options.statementTimeoutMs ?? 5_000 });
  const subgraphs: Record<string, RunningSubgraph> = {};
  let gateway: RunningGateway;
  let assistantToken: Promise<GraphRequest> | undefined;
  const assistantGraph: GraphRequest = async (query, variables, signal) => {
    assistantToken ??= issueApiToken(pool, { name: 'assistant', role: 'viewer', createdBy: null }, new Date()).then(({ token }) => graphClient({ url: gateway.url, token }));
    return (await assistantToken)(query, variables, signal);
  };
  /** The real subgraphs, each made anew on every call. */
  const realModules: Record<SubgraphName, () => SubgraphModule> = {
    telemetry: () => telemetrySubgraph({ positionsTickMs: options.positionsTickMs ?? 100, mapImage: options.mapImage }),
    inventory: () => inventorySubgraph(),
    combat: () => combatSubgraph(),
    accounts: () => accountsSubgraph(),
    assistant: () => assistantSubgraph({ model: { hint: 'no model in this test' }, asksPerHour: 60, timeoutMs: 30_000, graph: assistantGraph, ...options.assistant }),
  };
  const subgraphOptions = { pool, pubsub: ingest.pubsub, log, internalSecret: INTERNAL_SECRET, now: clock.now, identityTtlMs: options.identityTtlMs };
  let startTheGateway: (port: number) => Promise<RunningGateway>;
  try {
    // Every graph signs in through the accounts subgraph: a test's own modules get the real one beside them.
    const modules = options.modules
      ? [...options.modules, ...(options.modules.some((module) => module.name === 'accounts') ? [] : [realModules.accounts()])]
      : SUBGRAPH_NAMES.map((name) => realModules[name]());
    for (const module of modules) {
      subgraphs[module.name] = await startSubgraph(module, subgraphOptions);
    }
    const common = {
      pool,
      log,
      internalSecret: INTERNAL_SECRET,
      sessionSecret: SESSION_SECRET,
      limits: { ...TEST_LIMITS, ...options.limits },
      adminPassword: ADMIN_PASSWORD,
      dashboardDir: options.dashboardDir ?? '/nonexistent',
      corsOrigins: options.corsOrigins,
      trustedProxies: options.trustedProxies,
      metricsToken: options.metricsToken,
      revalidateMs: options.revalidateMs,
      authCacheMs: options.authCacheMs,
      identityTtlMs: options.identityTtlMs,
      sharedSubscriptionFields: options.sharedSubscriptionFields,
      subscriptionLimits: options.subscriptionLimits,
      firstAdminPasswordFile: options.firstAdminPasswordFile,
      now: clock.now,
    };
    startTheGateway = (port) =>
      options.modules
        ? startGateway({ ...common, port, supergraph: composeDocuments(modules.map((module) => ({ name: module.name, typeDefs: module.typeDefs, url: (subgraphs[module.name] as RunningSubgraph).url }))) })
        : startGateway({ ...common, port, subgraphs: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, urlOf(subgraphs, name)])) as Record<SubgraphName, string> });
    gateway = await startTheGateway(0);
  } catch (error) {
    await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.close()));
    await pool.end();
    await ingest.close();
    throw error;
  }

  const url = gateway.url;
  const headersFor = (credentials: TestCredentials): Record<string, string> =>
    !credentials ? {} : 'token' in credentials ? { authorization: `Bearer ${credentials.token}` } : { cookie: credentials.cookie };

  const graphql = async <T,>(query: string, variables?: Record<string, unknown>, credentials?: TestCredentials): Promise<GraphQLResponse<T>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headersFor(credentials) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse<T>['body'] };
  };

  const signIn = async (name: string, password: string): Promise<string> => {
    const response = await graphql('mutation SignIn($name: String!, $password: String!) { signIn(username: $name, password: $password) { name } }', { name, password });
    const cookie = response.headers.get('set-cookie')?.split(';')[0];
    if (response.body.errors || !cookie) throw new Error(`sign-in of ${name} refused: ${JSON.stringify(response.body)}`);
    return cookie;
  };
  const adminCookie = await signIn('admin', ADMIN_PASSWORD);

  const clients: Client[] = [];
  const wsClient = (token?: string, clientOptions: Partial<ClientOptions> = {}): Client => {
    const client = createClient({
      url: gateway.wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
      ...clientOptions,
    });
    clients.push(client);
    return client;
  };

  const streams: ResultStream<never>[] = [];
  const plugins: TestPlugin[] = [];

  const stack: TestStack = {
    ingest,
    subgraphs,
    get gateway() {
      return gateway;
    },
    async restartGateway(downMs = 0) {
      const { port } = gateway;
      await gateway.close();
      await sleep(downMs);
      gateway = await startTheGateway(port);
    },
    async restartSubgraph(name, module) {
      const running = subgraphs[name];
      if (!running) throw new Error(`no ${name} subgraph was started`);
      await running.close();
      const replacement = module ?? (options.modules || !isSubgraphName(name) ? undefined : realModules[name]());
      if (!replacement) throw new Error(`restartSubgraph(${JSON.stringify(name)}) needs the module to start`);
      subgraphs[name] = await startSubgraph(replacement, { ...subgraphOptions, port: running.port });
    },
    url,
    clock,
    admin: { name: 'admin', password: ADMIN_PASSWORD },
    adminCookie,
    db: ingest.db,
    graphql,
    signIn,
    async createToken(role, name = `${role} token`) {
      const response = await graphql<{ createApiToken: { id: string; token: string } }>(
        'mutation Create($name: String!, $role: Role!) { createApiToken(name: $name, role: $role) { id token } }',
        { name, role: role.toUpperCase() },
        { cookie: adminCookie },
      );
      if (!response.body.data) throw new Error(`createApiToken refused: ${JSON.stringify(response.body)}`);
      return response.body.data.createApiToken;
    },
    wsClient,
    async subscribeWs<T>(query: string, variables: Record<string, unknown> | undefined, token: string) {
      const client = wsClient(token);
      const stream = resultStream<T>((sink) => client.subscribe({ query, variables }, sink), async () => client.dispose());
      streams.push(stream as ResultStream<never>);
      return stream;
    },
    async subscribeSse<T>(query: string, variables: Record<string, unknown> | undefined, credentials: TestCredentials) {
      const abort = new AbortController();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headersFor(credentials) },
        body: JSON.stringify({ query, variables }),
        signal: abort.signal,
      });
      if (!response.ok || !response.body) throw new Error(`SSE subscription refused with HTTP ${response.status}: ${await response.text()}`);
      const body = response.body;
      const stream = resultStream<T>(
        (sink) => {
          void readEvents(body, sink.next).then(sink.complete, (error: unknown) => (abort.signal.aborted ? sink.complete() : sink.error(error)));
          return () => abort.abort();
        },
        async () => abort.abort(),
      );
      streams.push(stream as ResultStream<never>);
      return stream;
    },
    async connectPlugin() {
      const plugin = await connectPlugin(ingest.ingest.pluginUrl, TEST_SECRET);
      plugins.push(plugin);
      return plugin;
    },
    send: (plugin, frames) => sendAndFlush(ingest, plugin, frames),
    async close() {
      await Promise.all(streams.map((stream) => stream.close()));
      await Promise.all(clients.map((client) => client.dispose()));
      await Promise.all(plugins.map((plugin) => plugin.close()));
      await gateway.close();
      await Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.close()));
      await pool.end();
      await ingest.close();
    },
  };
  return stack;
}


function urlOf(subgraphs: Record<string, RunningSubgraph>, name: string): string {
  const subgraph = subgraphs[name];
  if (!subgraph) throw new Error(`no ${name} subgraph was started`);
  return subgraph.url;
}

interface Sink<T> {
  next: (result: ExecutionResult<T>) => void;
  error: (error: unknown) => void;
  complete: () => void;
}

/** Collects a subscription's results; `start` begins it and returns how to stop it. */
function resultStream<T>(start: (sink: Sink<T>) => () => void, dispose: () => Promise<void>): ResultStream<T> {
  const results: ExecutionResult<T>[] = [];
  let failure: unknown;
  let ended = false;
  const stop = start({
    next: (result) => results.push(result),
    error: (error) => {
      failure = error;
      ended = true;
    },
    complete: () => {
      ended = true;
    },
  });
  return {
    results,
    async waitFor(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = results.find(predicate);
        if (found) return found;
        if (failure !== undefined) throw new Error(`the subscription failed: ${describe(failure)}; received ${JSON.stringify(results)}`);
        if (ended) throw new Error(`the subscription ended without a matching result; received ${JSON.stringify(results)}`);
        if (Date.now() > deadline) throw new Error(`no matching result within ${timeoutMs} ms; received ${JSON.stringify(results)}`);
        await sleep(10);
      }
    },
    async close() {
      stop();
      await dispose();
    },
  };
}

function describe(failure: unknown): string {
  if (failure instanceof Error) return failure.message;
  const close = failure as { code?: number; reason?: string };
  return close.code === undefined ? JSON.stringify(failure) : `closed with ${close.code} ${close.reason ?? ''}`;
}

/** Reads a `text/event-stream` body, handing each `next` event's data to `onResult`. */
async function readEvents<T>(body: ReadableStream<Uint8Array>, onResult: (result: ExecutionResult<T>) => void): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const event = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
      const lines = event.split('\n');
      const name = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n');
      if (name === 'complete') return;
      if (data) onResult(JSON.parse(data) as ExecutionResult<T>);
    }
  }
}

/**
 * Another gateway on `port` over `stack`'s database and subgraphs, as a
 * deployment's second instance, with a default deployment's query limits;
 * `extra.mcp` serves MCP at `/mcp` as well.
 */
export function startSecondGateway(stack: TestStack, port: number, extra: { mcp?: GatewayOptions['mcp'] } = {}): Promise<RunningGateway> {
  return startGateway({
    pool: stack.db,
    log: createLogger('second-gateway', process.env.LIFESTONE_LOG_LEVEL ?? 'silent'),
    port,
    subgraphs: Object.fromEntries(Object.entries(stack.subgraphs).map(([name, subgraph]) => [name, subgraph.url])) as SubgraphUrls,
    internalSecret: INTERNAL_SECRET,
    sessionSecret: SESSION_SECRET,
    limits: queryLimitsFromEnv({}),
    adminPassword: ADMIN_PASSWORD,
    dashboardDir: '/nonexistent',
    ...extra,
  });
}
