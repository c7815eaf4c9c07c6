import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type HTTPGraphQLResponse } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { subscribe } from '@graphql-tools/executor';
// @apollo/subgraph 2.14 (the last for Node 20) exports the type from here only.
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { GraphQLError, parse, type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type pg from 'pg';
import { WebSocketServer } from 'ws';
import { integerSetting } from '../config/index.js';
import { stallMs } from './push-iterator.js';
import { keepSocketsAlive } from './keep-alive.js';
import { batchWritesPerTurn } from './turn-writes.js';
import { endPool, poolWithStatementTimeout, statementTimeoutOf } from '../db/index.js';
import { databaseCheck, guardUpgradeSocket, healthReport, listen, metricsAllowed, requestUrl, sendHealth } from '../http/index.js';
import { traceId as newTraceId, type Logger } from '../log/index.js';
import { startTracing, traceContextOf, type ServiceTracing, type Span } from '../tracing/index.js';
import type { PubSub } from '../pubsub/types.js';
import type { SubgraphContext } from './context.js';
import { GraphErrorCode, formatSubgraphError, graphError } from './errors.js';
import { createSubgraphMetrics, operationLabel } from './metrics.js';
import { requestLoaders } from './loaders.js';
import { IDENTITY_CLOCK_SKEW_MS, IDENTITY_HEADER, IDENTITY_TTL_MS, SeenNonces, sameIdentity, verifyIdentity, type Identity, type IdentityCheck } from './identity.js';
import type { SubgraphName } from '../config/services.js';
import { CloseCode } from './close-codes.js';
import { BATCH_HEADER, MAX_BATCH_OPERATIONS, batchAnswerLine, readBatchOperation } from './operation-batch.js';
import { DEFAULT_MAX_BODY_BYTES, mediaTypeOf, readRequestBody } from './request-body.js';
import { refuseUnusableText, textArgumentRefusal, type TextArgumentLimits } from './text-arguments.js';

/** What a subgraph package hands to {@link startSubgraph}: its SDL and its resolvers. */
export interface SubgraphModule {
  name: SubgraphName;
  /** Federation 2 SDL (`extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: [...])`). */
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext>;
  /** Whether callers without credentials reach it (the accounts subgraph, for `signIn` and `me`); every other subgraph refuses them as unsigned. @default false */
  servesAnonymous?: boolean;
  /** HTTP routes of its own beside `/graphql`, by path, open to any caller (telemetry's map image); one resolving false is answered 404. */
  routes?: Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<boolean>>;
  /** Apollo Server plugins of its own, after the common ones. */
  plugins?: ApolloServerPlugin<SubgraphContext>[];
  /** Text arguments that take more (or fewer) characters than DEFAULT_TEXT_ARGUMENT_LIMIT, by schema coordinate (text-arguments.ts). */
  textArgumentLimits?: TextArgumentLimits;
}

export interface StartSubgraphOptions {
  /**
   * The database, read through a pool whose connections have a
   * `statement_timeout` (`createPool(..., { statementTimeoutMs })`). One
   * without (shared with a writer, say) is not used as it is: the subgraph
   * reads through a pool of its own with the same settings and `statementTimeoutMs`.
   */
  pool: pg.Pool;
  /** The statement timeout of a `pool` that has none. @default LIFESTONE_SUBGRAPH_STATEMENT_TIMEOUT_MS (5000) */
  statementTimeoutMs?: number;
  pubsub: PubSub;
  log: Logger;
  /** Key the gateway signs identities with (`LIFESTONE_INTERNAL_SECRET`); must not be empty. */
  internalSecret: string;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 0 */
  port?: number;
  /** The clock resolvers see as `context.now`. @default () => new Date() */
  now?: () => Date;
  /** Largest accepted HTTP body or WebSocket message. @default 1 MiB */
  maxBodyBytes?: number;
  /** How long close() waits for requests and sockets before cutting them. @default 5000 */
  drainMs?: number;
  /** How long a gateway signature is valid (the gateway must refresh its sockets' within it). @default IDENTITY_TTL_MS (30 s) */
  identityTtlMs?: number;
  /** Bearer token a scraper must send for `/metrics` (`LIFESTONE_METRICS_TOKEN`); unset, `/metrics` is open. */
  metricsToken?: string;
}

export interface RunningSubgraph {
  /** `http://host:port/graphql`: queries, mutations and `_service`/`_entities` over HTTP. */
  url: string;
  /** `ws://host:port/graphql`: subscriptions over graphql-ws. */
  wsUrl: string;
  port: number;
  schema: GraphQLSchema;
  /** Stops accepting, closes WebSockets (1001), waits for requests in flight (up to `drainMs`), stops Apollo. Idempotent. */
  close(): Promise<void>;
}

/** The path of both HTTP and graphql-ws. */
export const GRAPHQL_PATH = '/graphql';
/**
 * Optional header carrying the gateway's trace id, so one request has one id
 * in every service's logs: the bare id, or, when the gateway traces, the W3C
 * `traceparent` of its span for this request (which rides in a batch as each
 * operation's `traceId`, as the id does), so that the subgraph's span
 * continues the gateway's trace.
 */
export const TRACE_HEADER = 'x-lifestone-trace-id';
/** What every caller without a valid gateway signature gets. */
export const REFUSAL_MESSAGE = 'This subgraph answers only the gateway.';
/** How a subgraph closes a graphql-ws socket whose identity expired unrefreshed (graphql-ws's Forbidden). */
export const IDENTITY_EXPIRED_CLOSE = { code: CloseCode.Forbidden, reason: 'Forbidden: the gateway identity expired unrefreshed' } as const;

const DEFAULT_DRAIN_MS = 5_000;
const TRACE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** graphql-ws's per-socket state: the identity set in onConnect, and the timer that closes the socket when it expires. */
type ConnectionState = {
  identity?: Identity;
  expiry?: NodeJS.Timeout;
  /** Per running subscription, what ends its count in the metrics. */
  running?: Map<string, () => void>;
};

/** Where a context keeps the nonce of the signature it runs under, for the mutation replay check (Apollo copies a context's own properties). */
const SIGNATURE = Symbol('signature');
/** Where a context keeps its operation's span, when the subgraph traces. */
const SPAN = Symbol('span');
type SignedContext = SubgraphContext & { [SIGNATURE]?: { nonce: string; expiresAt: number }; [SPAN]?: Span };

/**
 * Serves one subgraph: Apollo Server over HTTP and graphql-ws for
 * subscriptions, both at `/graphql` on one port, plus `/healthz`. Every
 * GraphQL request must carry the gateway's signed identity (see README.md);
 * without it HTTP answers 401 and WebSockets close with 4403.
 */
export async function startSubgraph(module: SubgraphModule, options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const { pubsub, internalSecret, host = '127.0.0.1', port = 0, now = () => new Date() } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
  if (!internalSecret) throw new Error(`the ${module.name} subgraph needs LIFESTONE_INTERNAL_SECRET to check the gateway's signature`);
  // Read by each subscription as it starts: a malformed value stops the start instead.
  stallMs();
  const log = options.log.child({ subgraph: module.name });
  // No statement of a resolver may keep the database busy past the timeout, whatever its arguments.
  const poolTimeoutMs = statementTimeoutOf(options.pool);
  const statementTimeoutMs = poolTimeoutMs ?? options.statementTimeoutMs ?? integerSetting('LIFESTONE_SUBGRAPH_STATEMENT_TIMEOUT_MS');
  const pool = poolTimeoutMs ? options.pool : poolWithStatementTimeout(options.pool, statementTimeoutMs);
  if (pool !== options.pool) pool.on('error', (error) => log.warn({ err: error }, 'an idle database connection failed'));

  const schema = buildSubgraphSchema([{ typeDefs: module.typeDefs, resolvers: module.resolvers }]);
  const metrics = createSubgraphMetrics(module.name);
  const tracing = await startTracing(`lifestone-${module.name}`);
  const identity = identityChecks(module, internalSecret, options.identityTtlMs ?? IDENTITY_TTL_MS);
  const apollo = new ApolloServer<SubgraphContext>({
    schema,
    logger: log,
    csrfPrevention: true,
    // Only the gateway gets this far, and it composes from `_service { sdl }`; introspection stays on for it whatever NODE_ENV says.
    introspection: true,
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), refuseReplayedMutations(identity.seen), refuseUnusableText(module.textArgumentLimits), traceErrors(), ...(tracing ? [traceSpans(tracing)] : []), metrics.plugin, ...(module.plugins ?? [])],
    formatError: (formatted, error) => formatSubgraphError(formatted, error, statementTimeoutMs),
  });
  await apollo.start();

  let stopping = false;
  const served: ServedSubgraph = {
    module,
    options,
    log,
    schema,
    metrics,
    tracing,
    identity,
    apollo,
    maxBodyBytes,
    contextFor: (caller, traceId) => ({ identity: caller, pool, pubsub, log: log.child({ traceId }), now, loaders: requestLoaders() }),
    checkDatabase: databaseCheck(pool),
    stopping: () => stopping,
  };
  const httpServer = createServer(httpHandler(served));
  const { wsServer, graphqlWs } = serveSubscriptions(served);
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = requestUrl(request)?.pathname;
    if (stopping || pathname !== GRAPHQL_PATH) {
      guardUpgradeSocket(socket);
      socket.end(`HTTP/1.1 ${stopping ? '503 Service Unavailable' : '404 Not Found'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    wsServer.handleUpgrade(request, socket, head, (webSocket) => wsServer.emit('connection', webSocket, request));
  });

  const { origin, port: boundPort } = await listen(httpServer, port, host);
  log.info({ url: `http://${origin}${GRAPHQL_PATH}` }, 'subgraph listening');

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      stopping = true;
      const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      const cutWebSockets = setTimeout(() => {
        for (const client of wsServer.clients) client.terminate();
      }, drainMs);
      await graphqlWs.dispose();
      clearTimeout(cutWebSockets);
      httpServer.closeIdleConnections();
      const cutRequests = setTimeout(() => httpServer.closeAllConnections(), drainMs);
      await httpClosed;
      clearTimeout(cutRequests);
      await apollo.stop();
      if (pool !== options.pool) await endPool(pool);
      await tracing?.shutdown();
      log.info('subgraph stopped');
    })());

  return { url: `http://${origin}${GRAPHQL_PATH}`, wsUrl: `ws://${origin}${GRAPHQL_PATH}`, port: boundPort, schema, close };
}

/** What the HTTP and WebSocket sides of one served subgraph share. */
interface ServedSubgraph {
  module: SubgraphModule;
  options: StartSubgraphOptions;
  log: Logger;
  schema: GraphQLSchema;
  metrics: ReturnType<typeof createSubgraphMetrics>;
  tracing: ServiceTracing | undefined;
  identity: IdentityChecks;
  apollo: ApolloServer<SubgraphContext>;
  maxBodyBytes: number;
  contextFor(identity: Identity, traceId: string): SubgraphContext;
  checkDatabase: ReturnType<typeof databaseCheck>;
  stopping(): boolean;
}

type SignedCheck = Extract<IdentityCheck, { ok: true }>;

/** How a subgraph checks the gateway's signatures: for its module, with its secret and TTL; a socket's signature once only. */
interface IdentityChecks {
  /** Checks a signature; an anonymous caller is as good as an unsigned one, but where the module serves them. */
  verify(value: string | undefined | null, purpose: Parameters<typeof verifyIdentity>[2]): IdentityCheck;
  /** A socket's signature: made for a WebSocket to this subgraph, valid, and never used before. */
  verifySocket(value: string | undefined): IdentityCheck;
  /** Until when a signature's nonce is kept: as long as the signature would be accepted. */
  expiresAt(check: { signedAt: number }): number;
  /** The nonces already used: one is refused for a mutation and for a socket, where running twice matters. */
  seen: SeenNonces;
  ttlMs: number;
}

function identityChecks(module: SubgraphModule, internalSecret: string, ttlMs: number): IdentityChecks {
  const seen = new SeenNonces();
  const expiresAt = (check: { signedAt: number }): number => check.signedAt + ttlMs + IDENTITY_CLOCK_SKEW_MS;
  const verify = (value: string | undefined | null, purpose: Parameters<typeof verifyIdentity>[2]): IdentityCheck => {
    const check = verifyIdentity(value, internalSecret, purpose, { ttlMs });
    return check.ok && check.identity.kind === 'anonymous' && !module.servesAnonymous ? { ok: false, reason: 'anonymous caller' } : check;
  };
  return {
    verify,
    verifySocket(value) {
      const check = verify(value, { use: 'ws', subgraph: module.name });
      if (check.ok && !seen.firstUse(check.nonce, expiresAt(check))) return { ok: false, reason: 'replayed identity' };
      return check;
    },
    expiresAt,
    seen,
    ttlMs,
  };
}

/** The HTTP side: `/healthz`, `/metrics`, the module's routes, and GraphQL (one operation or a batch) for signed callers. */
function httpHandler(served: ServedSubgraph): (request: IncomingMessage, response: ServerResponse) => void {
  const { module, options, log, metrics } = served;
  const pubsub = options.pubsub;
  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://subgraph');
    if (url.pathname === '/healthz') {
      sendHealth(response, healthReport({ database: await served.checkDatabase(), pubsub: pubsub.up ? 'ok' : 'down' }, served.stopping(), { subgraph: module.name }));
      return;
    }
    if (url.pathname === '/metrics') {
      if (!metricsAllowed(request, response, options.metricsToken)) return;
      response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(await metrics.registry.metrics());
      return;
    }
    const route = module.routes?.[url.pathname];
    if (route && (await route(request, response))) return;
    if (url.pathname !== GRAPHQL_PATH) {
      sendJson(response, 404, errorBody(GraphErrorCode.NOT_FOUND, `Nothing at ${url.pathname}: this subgraph serves ${GRAPHQL_PATH}, /healthz and /metrics.`));
      return;
    }
    await answerGraphQL(served, request, response, url);
  }
  return (request, response) => {
    handleHttp(request, response).catch((error: unknown) => {
      log.error({ err: error }, 'HTTP request failed');
      if (!response.headersSent) sendJson(response, 500, errorBody(GraphErrorCode.INTERNAL_SERVER_ERROR, 'The subgraph failed to answer.'));
      else response.destroy();
    });
  };
}

/** Answers a GraphQL request at `/graphql`: its body read and its signature checked, then one operation or a batch run. */
async function answerGraphQL(served: ServedSubgraph, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const { module, log, identity } = served;
  const bytes = await readRequestBody(request, served.maxBodyBytes);
  if (!bytes.ok) {
    response.setHeader('connection', 'close');
    sendJson(response, bytes.status, errorBody(GraphErrorCode.BAD_REQUEST, bytes.message));
    return;
  }
  const method = request.method ?? 'GET';
  // The signature covers the operation: the body, or for a GET the query string that carries it.
  const operationBytes = method === 'GET' ? url.search : bytes.bytes;
  const check = identity.verify(singleHeader(request.headers, IDENTITY_HEADER), { use: 'http', subgraph: module.name, method, operation: operationBytes });
  if (!check.ok) {
    log.warn({ reason: check.reason, remote: request.socket.remoteAddress }, 'refused a request without a valid gateway signature');
    sendJson(response, 401, errorBody(GraphErrorCode.UNAUTHENTICATED, REFUSAL_MESSAGE));
    return;
  }
  const body = parseBody(request, bytes.bytes);
  if (!body.ok) {
    sendJson(response, body.status, errorBody(GraphErrorCode.BAD_REQUEST, body.message));
    return;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== BATCH_HEADER) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const execute = operationRunner(served, { method, headers, search: url.search });
  if (request.headers[BATCH_HEADER] !== undefined) {
    // An answer in parts (@defer) cannot be a line of a batch: Apollo refuses such an operation (406) when its client does not take them.
    headers.set('accept', 'application/graphql-response+json, application/json');
    const verifyOperation = (signature: string, operation: string): IdentityCheck => identity.verify(signature, { use: 'http', subgraph: module.name, method, operation });
    await answerBatch(request, response, body.value, { execute, verifyOperation, log });
    return;
  }
  const result = await execute(body.value, check, singleHeader(request.headers, TRACE_HEADER));
  response.statusCode = result.status ?? 200;
  for (const [name, value] of result.headers) response.setHeader(name, value);
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/** Runs one operation of a request through Apollo as its signed caller, in a span of its own when the subgraph traces. */
function operationRunner(
  served: ServedSubgraph,
  request: { method: string; headers: HeaderMap; search: string },
): (operation: unknown, signed: SignedCheck, traceHeader: string | undefined) => Promise<HTTPGraphQLResponse> {
  const { module, tracing, identity } = served;
  const signedContextFor = (check: SignedCheck, traceId: string, span: Span | undefined): SignedContext => ({
    ...served.contextFor(check.identity, traceId),
    [SIGNATURE]: { nonce: check.nonce, expiresAt: identity.expiresAt(check) },
    [SPAN]: span,
  });
  return async (operation, signed, traceHeader) => {
    const given = traceContextOf(traceHeader);
    // Named once the operation is known (traceSpans); a caller's trace is continued, and a root span takes the log's id.
    const span = tracing?.startSpan('GraphQL Operation', { role: 'server', trace: given, attributes: { 'lifestone.subgraph': module.name } });
    const traceId = given?.traceId ?? (traceHeader && TRACE_ID_PATTERN.test(traceHeader) ? traceHeader : (span?.spanContext().traceId ?? newTraceId()));
    try {
      const result = await served.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { ...request, body: operation },
        context: async () => signedContextFor(signed, traceId, span),
      });
      if (tracing && span) endSpanWithAnswer(tracing, span, result);
      return result;
    } catch (error) {
      if (tracing && span) {
        tracing.fail(span, (error as Error).message);
        span.end();
      }
      throw error;
    }
  };
}

/** Bytes a gateway's connection may hold unsent before graphql-ws waits for each write (see turn-writes.ts). */
const UNSENT_BYTES_UNWAITED = 1_048_576;

/** The WebSocket side: graphql-ws over the schema for sockets whose signature holds, closed once it expires unrefreshed. */
function serveSubscriptions(served: ServedSubgraph) {
  const { module, log, metrics, identity } = served;
  const wsServer = new WebSocketServer({ noServer: true, maxPayload: served.maxBodyBytes });
  // Before graphql-ws's own listener: every message it sends is written a turn at a time.
  batchWritesPerTurn(wsServer, UNSENT_BYTES_UNWAITED);

  /** (Re)arms the timer that closes a socket once its latest signature expires. */
  function closeWhenExpired(extra: ConnectionState & { socket: { close(code: number, reason: string): void } }, check: { signedAt: number }): void {
    clearTimeout(extra.expiry);
    // No skew here: the gateway refreshes every third of the TTL, which absorbs a clock behind ours by less than two thirds of it.
    extra.expiry = setTimeout(() => {
      log.info('closing a WebSocket whose gateway identity expired unrefreshed');
      extra.socket.close(IDENTITY_EXPIRED_CLOSE.code, IDENTITY_EXPIRED_CLOSE.reason);
    }, Math.max(0, check.signedAt + identity.ttlMs - Date.now()));
    extra.expiry.unref();
  }

  const graphqlWs = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema: served.schema,
      // graphql-js coerces an operation's variables again for every event (each name of `events(characters:)`, every
      // time); this executor coerces them once per subscription and runs each event with them.
      // Text is checked here as Apollo's plugin checks it over HTTP: graphql-ws runs no Apollo plugin.
      subscribe: async (args) => {
        const refusal = textArgumentRefusal(args.schema, args.document, args.variableValues, module.textArgumentLimits);
        return refusal ? { errors: [refusal] } : endingWithAnError(await subscribe(args), log);
      },
      onConnect: (ctx) => {
        const check = identity.verifySocket(connectionIdentity(ctx.connectionParams, ctx.extra.request.headers));
        if (!check.ok) {
          // Returning false closes the socket with 4403 Forbidden.
          log.warn({ reason: check.reason, remote: ctx.extra.request.socket.remoteAddress }, 'refused a WebSocket without a valid gateway signature');
          return false;
        }
        ctx.extra.identity = check.identity;
        closeWhenExpired(ctx.extra, check);
        return true;
      },
      // The gateway refreshes a socket's identity with a ping carrying a new signature for the same caller; a ping without one is a keep-alive.
      onPing: (ctx, payload) => {
        const value = identityIn(payload);
        if (value === undefined || !ctx.extra.identity) return;
        const check = identity.verifySocket(value);
        const reason = !check.ok ? check.reason : sameIdentity(check.identity, ctx.extra.identity) ? undefined : 'refresh signed for another caller';
        if (reason !== undefined || !check.ok) {
          log.warn({ reason }, 'closing a WebSocket whose identity refresh is not valid');
          ctx.extra.socket.close(CloseCode.Forbidden, 'Forbidden: the identity refresh is not valid');
          return;
        }
        closeWhenExpired(ctx.extra, check);
      },
      context: (ctx) => {
        if (!ctx.extra.identity) throw new Error('graphql-ws ran an operation before onConnect accepted the socket');
        return served.contextFor(ctx.extra.identity, newTraceId());
      },
      onOperation: (ctx, id, _payload, args) => {
        (ctx.extra.running ??= new Map()).set(id, metrics.subscriptionStarted(operationLabel(args.document, args.operationName)));
      },
      // Called however the operation ended, the socket's closing included.
      onComplete: (ctx, id) => {
        ctx.extra.running?.get(id)?.();
        ctx.extra.running?.delete(id);
      },
      onClose: (ctx) => clearTimeout(ctx.extra.expiry),
      onError: (_ctx, id, payload, errors) => {
        metrics.error(operationLabel(safeParse(payload.query)), String(errors[0]?.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED'));
        log.warn({ operation: id, errors: errors.map((error) => error.message) }, 'subscription refused');
      },
    },
    wsServer,
    // Pinged by keepSocketsAlive instead: graphql-ws's own keep-alive cuts a late answerer without a word.
    0,
  );
  keepSocketsAlive(wsServer, {
    onUnanswered: () => {
      metrics.unanswered();
      log.warn('closing the gateway\'s WebSocket: it did not answer a ping in time (1013)');
    },
  });
  return { wsServer, graphqlWs };
}

/**
 * Where a WebSocket's identity may come from, first found wins: the
 * `connection_init` payload's `x-lifestone-identity`, or its `headers` object's
 * (any case), or the upgrade request's header.
 */
function connectionIdentity(connectionParams: Record<string, unknown> | undefined, headers: IncomingHttpHeaders): string | undefined {
  return identityIn(connectionParams) ?? singleHeader(headers, IDENTITY_HEADER);
}

/** The identity in a `connection_init` or `ping` payload: its `x-lifestone-identity`, or its `headers` object's (any case). */
function identityIn(record: Record<string, unknown> | null | undefined): string | undefined {
  if (!record || typeof record !== 'object') return undefined;
  const direct = record[IDENTITY_HEADER];
  if (typeof direct === 'string') return direct;
  const headers = record.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === IDENTITY_HEADER && typeof value === 'string') return value;
  }
  return undefined;
}

/** A header's value; Node joins a repeated one with `, `, which then fails the signature check. */
function singleHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Answers a batch (operation-batch.ts): each operation run as if it came
 * alone, as its own caller (its signature checked like a request's), with its
 * own context and trace id, all at once; each answer's line written as soon
 * as it is ready (lines ready in the same turn of the event loop leave in
 * one write).
 */
async function answerBatch(
  request: IncomingMessage,
  response: ServerResponse,
  body: unknown,
  {
    execute,
    verifyOperation,
    log,
  }: {
    /** Runs one operation; `traceHeader`: the trace id or `traceparent` the gateway sent with it. */
    execute: (operation: unknown, signed: Extract<IdentityCheck, { ok: true }>, traceHeader: string | undefined) => Promise<HTTPGraphQLResponse>;
    /** Checks an operation's identity against the operation's exact JSON text. */
    verifyOperation: (identity: string, operation: string) => IdentityCheck;
    log: Logger;
  },
): Promise<void> {
  const read = Array.isArray(body) ? body.map(readBatchOperation) : [];
  const operations = read.filter((operation) => operation !== undefined);
  if (operations.length === 0 || operations.length !== read.length || operations.length > MAX_BATCH_OPERATIONS || String(operations.length) !== request.headers[BATCH_HEADER]) {
    sendJson(
      response,
      400,
      errorBody(GraphErrorCode.BAD_REQUEST, `A batch is a JSON list of 1 to ${MAX_BATCH_OPERATIONS} operations ({ identity, traceId, request }, the request as JSON text), as many as ${BATCH_HEADER} says.`),
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', [BATCH_HEADER]: String(operations.length) });
  let corked = false;
  const uncork = (): void => {
    if (!corked) return;
    corked = false;
    response.uncork();
  };
  const write = (line: string): void => {
    if (!corked) {
      corked = true;
      response.cork();
      process.nextTick(uncork);
    }
    response.write(line);
  };
  await Promise.all(
    operations.map(async (operation, i) => {
      const check = verifyOperation(operation.identity, operation.request);
      if (!check.ok) {
        log.warn({ reason: check.reason, remote: request.socket.remoteAddress }, 'refused an operation of a batch without a valid gateway signature');
        write(batchAnswerLine(i, 401, JSON.stringify(errorBody(GraphErrorCode.UNAUTHENTICATED, REFUSAL_MESSAGE))));
        return;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(operation.request);
      } catch (error) {
        write(batchAnswerLine(i, 400, JSON.stringify(errorBody(GraphErrorCode.BAD_REQUEST, `The operation is not valid JSON: ${(error as Error).message}`))));
        return;
      }
      try {
        const result = await execute(parsed, check, operation.traceId);
        // Apollo answers in parts only a client that takes them; the batch's operations do not (see handleHttp).
        if (result.body.kind !== 'complete') throw new Error('an operation of a batch was answered in parts');
        write(batchAnswerLine(i, result.status ?? 200, result.body.string));
      } catch (error) {
        log.error({ err: error }, 'an operation of a batch failed');
        write(batchAnswerLine(i, 500, JSON.stringify(errorBody(GraphErrorCode.INTERNAL_SERVER_ERROR, 'The subgraph failed to answer.'))));
      }
    }),
  );
  // The last line may still be corked (written in this turn): Node 24 sends the end of a chunked body ahead of corked chunks.
  uncork();
  response.end();
}

type BodyResult = { ok: true; value: unknown } | { ok: false; status: number; message: string };

/** The parsed JSON body when the request says it is JSON; `undefined` otherwise, which Apollo answers itself (GET, CSRF, wrong type). */
function parseBody(request: IncomingMessage, bytes: Buffer): BodyResult {
  if (bytes.length === 0 || mediaTypeOf(request.headers['content-type']) !== 'application/json') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, status: 400, message: `The request body is not valid JSON: ${(error as Error).message}` };
  }
}

function errorBody(code: GraphErrorCode, message: string): { errors: GraphQLFormattedError[] } {
  return { errors: [{ message, extensions: { code } }] };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * Refuses a mutation whose signature was used before: a captured request
 * replayed within its TTL. Queries and entity fetches are reads whose answer
 * the replayer saw already: their signatures are not kept, which keeps the
 * memory this takes to the mutations of a TTL.
 */
function refuseReplayedMutations(seen: SeenNonces): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          const signature = (contextValue as SignedContext)[SIGNATURE];
          if (operation?.operation !== 'mutation' || !signature || seen.firstUse(signature.nonce, signature.expiresAt)) return;
          contextValue.log.warn('refused a mutation whose gateway signature was used before');
          throw graphError(GraphErrorCode.UNAUTHENTICATED, REFUSAL_MESSAGE, { http: { status: 401 } });
        },
      };
    },
  };
}

/**
 * Puts the request's trace id in every error's extensions, and logs the
 * errors that are ours (no stable code) with their stack, so that an error a
 * user reports leads to its log line.
 */
function traceErrors(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            const code = error.extensions.code;
            if (code === undefined || code === GraphErrorCode.INTERNAL_SERVER_ERROR) {
              contextValue.log.error({ err: error.originalError ?? error, path: error.path }, 'resolver failed');
            }
          }
        },
        async willSendResponse({ contextValue, response }) {
          // Apollo clones the context per operation, so the trace id is read from the logger's bindings, which the clone shares.
          const { traceId } = contextValue.log.bindings() as { traceId?: string };
          if (response.body.kind !== 'single' || !response.body.singleResult.errors || !traceId) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((error) => ({
            ...error,
            extensions: { ...error.extensions, traceId },
          }));
        },
      };
    },
  };
}

/**
 * Names an operation's span after the operation (`query TopKillers`, as
 * OpenTelemetry's GraphQL conventions do) and marks it failed with the
 * codes of its errors; {@link endSpanWithAnswer} ends it.
 */
function traceSpans(tracing: ServiceTracing): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName, contextValue }) {
          const span = (contextValue as SignedContext)[SPAN];
          if (!span || !operation) return;
          span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
          span.setAttributes({ 'graphql.operation.type': operation.operation, ...(operationName ? { 'graphql.operation.name': operationName } : {}) });
        },
        async didEncounterErrors({ contextValue, errors }) {
          const span = (contextValue as SignedContext)[SPAN];
          if (!span) return;
          const codes = [...new Set(errors.map((error) => String(error.extensions.code ?? GraphErrorCode.INTERNAL_SERVER_ERROR)))];
          span.setAttribute('lifestone.error_codes', codes);
          tracing.fail(span, codes.join(', '));
        },
      };
    },
  };
}

/** Ends an operation's span with the answer's status, failed when it is an error status. */
function endSpanWithAnswer(tracing: ServiceTracing, span: Span, result: HTTPGraphQLResponse): void {
  const status = result.status ?? 200;
  span.setAttribute('http.response.status_code', status);
  if (status >= 400) tracing.fail(span, `answered ${status}`);
  span.end();
}

/**
 * A subscription's results, where a source that fails (a subscriber too slow
 * for its queue, push-iterator.ts) ends the stream with the error as its last
 * result: graphql-ws would otherwise close the whole socket, every
 * subscription of the gateway's caller on it, with 4500. An error without a
 * code is a bug of ours: it goes out as INTERNAL_SERVER_ERROR, logged.
 */
function endingWithAnError<T extends ExecutionResult | AsyncIterable<ExecutionResult>>(results: T, log: Logger): T | AsyncIterableIterator<ExecutionResult> {
  if (!(Symbol.asyncIterator in results)) return results;
  const source = results[Symbol.asyncIterator]();
  let failed = false;
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    [Symbol.asyncIterator]: () => iterator,
    async next() {
      if (failed) return { done: true, value: undefined };
      try {
        return await source.next();
      } catch (error) {
        failed = true;
        const cause = (error as { originalError?: unknown }).originalError ?? error;
        if (cause instanceof GraphQLError && typeof cause.extensions.code === 'string') return { done: false, value: { errors: [cause] } };
        log.error({ err: cause }, 'a subscription failed');
        return { done: false, value: { errors: [graphError(GraphErrorCode.INTERNAL_SERVER_ERROR, 'The subscription failed; the subgraph log has the details.')] } };
      }
    },
    return: async () => (await source.return?.()) ?? { done: true, value: undefined },
  };
  return iterator;
}

/** The document of a refused operation, when it parses, for naming it in the metrics. */
function safeParse(query: string): DocumentNode | undefined {
  try {
    return parse(query);
  } catch {
    return undefined;
  }
}
