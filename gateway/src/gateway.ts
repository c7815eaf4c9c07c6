import { existsSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime, getGraphQLWSOptions, Logger as HiveLogger, type LogLevel } from '@graphql-hive/gateway-runtime';
import { metricsAllowed, requestUrl } from '@lifestone/lib/http';
import { DEFAULT_MAX_BODY_BYTES, GRAPHQL_PATH, GraphErrorCode, mediaTypeOf, readRequestBody } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { ExecutionArgs } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type pg from 'pg';
import { WebSocketServer } from 'ws';
import { ensureFirstAdmin, type FirstAdmin } from '@lifestone/subgraph-accounts';
import { Authenticator, type Credentials } from './auth/authenticate.js';
import { useAuthentication } from './auth/plugin.js';
import { SocketRevalidation } from './auth/revalidation.js';
import { graphHandler } from './graph-handler.js';
import { composeSupergraph, type SubgraphUrls } from './compose.js';
import type { CallerContext } from './context.js';
import { forwardMapImage, MAP_IMAGE_PATH, serveDashboard } from './dashboard.js';
import { SharedSubscriptions, type FanOutContext } from './fanout.js';
import { queryLimitPlugins, type QueryLimits } from './limits.js';
import { createGatewayMetrics, useOperationMetrics, type GatewayMetrics } from './metrics.js';
import { operationMediaType, originAllowed } from './origin.js';
import { signInPage } from './playground.js';
import { subgraphHeaders, subgraphTransportEntries, subgraphTransports } from './transports.js';
import { upstreamHttp } from './upstream.js';

/** Where the supergraph comes from: composed at start from the subgraphs' SDL files and URLs, or given already composed. */
export type SupergraphSource =
  /** Where each subgraph answers over HTTP (its graphql-ws is at the same `/graphql`). */
  | { subgraphs: SubgraphUrls; supergraph?: undefined }
  /** A supergraph SDL composed already (tests with subgraph modules of their own; see compose.ts's composeDocuments). */
  | { supergraph: string; subgraphs?: undefined };

export type GatewayOptions = SupergraphSource & {
  pool: pg.Pool;
  log: Logger;
  /** @default '127.0.0.1' */
  host?: string;
  /** 0 picks a free port. @default 4000 */
  port?: number;
  /** Key of the identity header sent to subgraphs (`LIFESTONE_INTERNAL_SECRET`). */
  internalSecret: string;
  /** Key of the session cookie (`LIFESTONE_SESSION_SECRET`). */
  sessionSecret: string;
  limits: QueryLimits;
  /** Password of the first admin when no account exists yet (`LIFESTONE_ADMIN_PASSWORD`); unset generates one. */
  adminPassword?: string;
  /** The built dashboard served at `/`, when the folder exists. @default web/dist */
  dashboardDir?: string;
  /**
   * Web origins whose pages may call `/graphql` with credentials
   * (`LIFESTONE_CORS_ORIGINS`). Empty: no cross-origin access at all; the
   * dashboard and the playground are served by the gateway itself, same
   * origin. @default []
   */
  corsOrigins?: readonly string[];
  /**
   * Serves MCP (Streamable HTTP) at `/mcp`: called once the gateway listens,
   * with its own GraphQL URL, for the handler (agent's createMcpHttpHandler,
   * which authenticates each caller's Bearer token against this gateway).
   * Unset: `/mcp` answers 404.
   */
  mcp?: (graphqlUrl: string) => (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** Root fields of the subscriptions shared among callers of one role (fanout.ts). @default positions, events, itemChanges */
  sharedSubscriptionFields?: ReadonlySet<string>;
  /** How often open sockets' credentials are checked again; a revoked token's sockets close within it (plus the lookup cache). @default 5000 */
  revalidateMs?: number;
  /** How long the identity signed for a subgraph is valid: the subgraphs' value (lib/graph `IDENTITY_TTL_MS`). @default 30000 */
  identityTtlMs?: number;
  /** How long a credential lookup is reused (see {@link Authenticator}). @default 5000 */
  authCacheMs?: number;
  /** Largest HTTP body and graphql-ws message, in bytes; a larger body is answered 413. @default 1 MiB */
  maxBodyBytes?: number;
  /** Bearer token `/metrics` requires (`LIFESTONE_METRICS_TOKEN`); unset: open. */
  metricsToken?: string;
  /** Proxies in front of the gateway whose `X-Forwarded-For` it believes, for sign-in throttling (`LIFESTONE_TRUSTED_PROXIES`). @default 0 */
  trustedProxies?: number;
  /** Largest body read from a caller without valid credentials: enough to sign in (`LIFESTONE_ANONYMOUS_MAX_BODY_BYTES`). @default 8192 */
  anonymousMaxBodyBytes?: number;
  /** The clock of sessions and token use (tests move it). @default () => new Date() */
  now?: () => Date;
};

export interface RunningGateway {
  /** `http://host:port/graphql` */
  url: string;
  /** `ws://host:port/graphql` */
  wsUrl: string;
  port: number;
  /** Set when this start created the first admin; `generatedPassword` is to be printed once. */
  firstAdmin?: FirstAdmin;
  metrics: GatewayMetrics;
  /** Stops accepting, closes WebSockets (1001), waits for requests (up to 3 s), closes subgraph connections. Idempotent. */
  close(): Promise<void>;
}

const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** How long close() waits for sockets and requests before cutting them. */
const DRAIN_MS = 3_000;

/** How a graphql-ws connection is refused at connection_init: the protocol's close codes, reasons of at most 123 bytes. */
const SOCKET_REFUSALS = {
  anonymous: { code: CloseCode.Unauthorized, reason: 'Unauthorized: send {"authorization":"Bearer <token>"} in connection_init, or the session cookie' },
  malformed: { code: CloseCode.Forbidden, reason: 'Forbidden: authorization must be "Bearer <API token>"' },
  'unknown token': { code: CloseCode.Forbidden, reason: 'Forbidden: this API token was revoked or never existed' },
} as const;

/** graphql-ws's per-socket state: the credentials presented at connection_init. */
type SocketState = {
  credentials?: Credentials;
  fetchRequest?: Request;
};

/**
 * The one door: Hive Gateway over the supergraph, on a node HTTP server with
 * `/graphql` over HTTP, SSE and graphql-ws, the playground for signed-in
 * browsers, `/healthz`, `/metrics` and the dashboard at `/`. Every operation
 * is authenticated; subgraphs receive the caller's signed identity.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { pool, internalSecret, sessionSecret, limits, host = '127.0.0.1', port = 4000, now = () => new Date() } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const anonymousMaxBodyBytes = options.anonymousMaxBodyBytes ?? 8_192;
  if (!internalSecret) throw new Error('the gateway needs LIFESTONE_INTERNAL_SECRET to sign identities for the subgraphs');
  if (!sessionSecret) throw new Error('the gateway needs LIFESTONE_SESSION_SECRET to sign session cookies');
  const log = options.log.child({ service: 'gateway' });
  const dashboardDir = options.dashboardDir ?? DEFAULT_DASHBOARD_DIR;

  const supergraph = options.supergraph ?? (await composeSupergraph(options.subgraphs));
  const firstAdmin = await ensureFirstAdmin(pool, options.adminPassword);
  const metrics = createGatewayMetrics();
  const authenticator = new Authenticator({ pool, sessionSecret, now, cacheMs: options.authCacheMs });

  const corsOrigins = new Set(options.corsOrigins);
  const upstream = upstreamHttp({ internalSecret, onSent: (operations) => metrics.subgraphRequestOperations.observe(operations) });
  const runtime = createGatewayRuntime<CallerContext>({
    supergraph,
    unifiedGraphHandler: graphHandler(),
    transports: subgraphTransports(internalSecret, options.identityTtlMs),
    transportEntries: subgraphTransportEntries,
    propagateHeaders: { fromClientToSubgraphs: ({ context }) => subgraphHeaders(context) },
    plugins: () => [upstream.plugin, useAuthentication({ authenticator, sessionSecret, trustedProxies: options.trustedProxies }), ...queryLimitPlugins(limits), useOperationMetrics(metrics)],
    logging: hiveLogger(log),
    graphqlEndpoint: GRAPHQL_PATH,
    // Yoga would answer every origin, credentials allowed: a page of any site sharing the cookie's site could read the graph as its visitor.
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin && corsOrigins.has(origin) ? { origin, credentials: true, allowedHeaders: ['content-type', 'authorization'] } : false;
    },
    graphiql: { title: 'Lifestone' },
    // GraphiQL's scripts inline in the page, so the playground needs no CDN.
    renderGraphiQL,
    landingPage: false,
    requestId: false,
  });
  // Hive Gateway loads the supergraph on first use; a graphql-ws subscription arriving first would fail (design.md).
  await runtime.getSchema();

  let stopping = false;
  const server = createServer((request, response) => {
    const started = process.hrtime.bigint();
    const route = routeOf(request);
    response.once('finish', () => {
      metrics.httpRequests.inc({ route, status: response.statusCode });
      metrics.httpLatency.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    handle(route, request, response).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, 'HTTP request failed');
      if (!response.headersSent) sendJson(response, 500, { status: 'error', message: 'The gateway failed to answer; see its log.' });
      else response.destroy();
    });
  });

  /** Set once listening: the MCP handler needs the gateway's own URL. */
  let mcpHandler: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | undefined = undefined;
  async function handle(route: Route, request: IncomingMessage, response: ServerResponse): Promise<void> {
    switch (route) {
      case 'badTarget':
        return sendJson(response, 400, { status: 'bad request', message: 'The request target is not a URL: ask for a path such as /graphql.' });
      case 'healthz':
        return sendJson(response, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok', service: 'gateway' });
      case 'metrics': {
        if (!metricsAllowed(request, response, options.metricsToken)) return;
        const body = await metrics.registry.metrics();
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(body);
        return;
      }
      case 'playground': {
        const authentication = await authenticator.authenticate({ cookie: header(request.headers, 'cookie') });
        if (authentication.status !== 'authenticated') {
          const page = signInPage(GRAPHQL_PATH, authentication.status === 'anonymous' && authentication.staleSession);
          response.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          response.end(page);
          return;
        }
        await runtime.requestListener(request, response);
        return;
      }
      case 'graphql':
        if (!originAllowed(request, corsOrigins)) return refuseOrigin(response, request.headers.origin);
        if (request.method === 'POST' && !operationMediaType(header(request.headers, 'content-type'))) {
          return sendJson(response, 415, { errors: [{ message: 'Send operations as application/json (or application/graphql); forms and text are refused.', extensions: { code: GraphErrorCode.UNSUPPORTED_MEDIA_TYPE } }] });
        }
        if (request.method === 'POST') {
          const anonymous = (await authenticator.authenticate({ authorization: header(request.headers, 'authorization'), cookie: header(request.headers, 'cookie') })).status !== 'authenticated';
          // A caller without valid credentials may only sign in: its body is kept to that operation's size before anything is parsed.
          const read = anonymous
            ? await readGraphQLBody(request, response, anonymousMaxBodyBytes, 'Without valid credentials only signIn is answered: sign in, or send a valid API token.')
            : await readGraphQLBody(request, response, maxBodyBytes, 'Send a smaller GraphQL request.');
          if (!read) return;
        }
        // An SSE subscription lasts as long as its answer: its credentials are checked again, as a socket's are.
        if (header(request.headers, 'accept')?.includes('text/event-stream')) {
          const credentials = { authorization: header(request.headers, 'authorization'), cookie: header(request.headers, 'cookie') };
          if (credentials.authorization !== undefined || credentials.cookie !== undefined) {
            const authentication = await authenticator.authenticate(credentials);
            revalidation.watchEventStream(response, credentials, authentication.status === 'authenticated' ? authentication.identity.role : undefined);
          }
        }
        await runtime.requestListener(request, response);
        return;
      case 'mcp':
        if (mcpHandler) return mcpHandler(request, response);
        return sendJson(response, 404, { status: 'not found', message: 'MCP is not served by this gateway.' });
      case 'mapImage':
        if (await forwardMapImage(supergraph, request, response)) return;
        return sendJson(response, 404, { status: 'not found', message: 'No map image is configured (LIFESTONE_MAP_IMAGE).' });
      case 'dashboard':
        if (existsSync(dashboardDir) && (await serveDashboard(dashboardDir, request, response))) return;
        return sendJson(response, 404, {
          status: 'not found',
          message: `Nothing at ${request.url}: the graph is at ${GRAPHQL_PATH} (a browser gets the playground there after signing in).`,
        });
    }
  }

  const wsServer = new WebSocketServer({ noServer: true, maxPayload: maxBodyBytes });
  const revalidation = new SocketRevalidation({ authenticator, log, intervalMs: options.revalidateMs });
  const shared = new SharedSubscriptions({ authenticator, log, fields: options.sharedSubscriptionFields, onJoin: () => metrics.operations.inc({ type: 'subscription', transport: 'ws' }) });
  const hiveWs = getGraphQLWSOptions<CallerContext, Extra & Partial<SocketState>>(runtime, (ctx) => ({
    req: ctx.extra.request,
    socket: ctx.extra.socket,
    request: ctx.extra.fetchRequest,
    credentials: ctx.extra.credentials,
    webSocket: true,
  }));
  const graphqlWs = useServer<Record<string, unknown> | undefined, SocketState>(
    {
      execute: shared.wrap(hiveWs.execute),
      subscribe: shared.wrap(hiveWs.subscribe),
      // The operation id lets a shared subscription address this subscriber's messages.
      onSubscribe: async (ctx, id, payload) => {
        const args = (await hiveWs.onSubscribe?.(ctx, id, payload)) as ExecutionArgs;
        (args.contextValue as FanOutContext).operationId = id;
        return args;
      },
      onConnect: async (ctx) => {
        const upgrade = ctx.extra.request;
        const authorization = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const credentials: Credentials = {
          authorization: typeof authorization === 'string' ? authorization : header(upgrade.headers, 'authorization'),
          cookie: header(upgrade.headers, 'cookie'),
        };
        const authentication = await authenticator.authenticate(credentials);
        if (authentication.status !== 'authenticated') {
          const refusal = authentication.status === 'refused' ? SOCKET_REFUSALS[authentication.reason] : SOCKET_REFUSALS.anonymous;
          log.info({ remote: upgrade.socket.remoteAddress, code: refusal.code }, 'refused a graphql-ws connection');
          // Closed here rather than by returning false alone, which would always say 4403 Forbidden.
          ctx.extra.socket.close(refusal.code, refusal.reason);
          return false;
        }
        ctx.extra.credentials = credentials;
        ctx.extra.fetchRequest = fetchRequestOf(upgrade, host);
        revalidation.watch(ctx.extra.socket, credentials, authentication.identity.role);
        return true;
      },
      onClose: (ctx) => {
        revalidation.forget(ctx.extra.socket);
        metrics.webSockets.dec();
      },
    },
    wsServer,
  );
  wsServer.on('connection', () => metrics.webSockets.inc());

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = requestUrl(request)?.pathname;
    if (stopping || pathname !== GRAPHQL_PATH) {
      socket.end(`HTTP/1.1 ${stopping ? '503 Service Unavailable' : '404 Not Found'}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    if (!originAllowed(request, corsOrigins)) {
      log.info({ remote: request.socket.remoteAddress, origin: request.headers.origin }, 'refused a WebSocket from another origin');
      const body = JSON.stringify(originRefusal(request.headers.origin));
      socket.end(`HTTP/1.1 403 Forbidden\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    wsServer.handleUpgrade(request, socket, head, (webSocket) => {
      shared.track(webSocket, socket);
      wsServer.emit('connection', webSocket, request);
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await graphqlWs.dispose();
    await runtime.dispose();
    throw error;
  }
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the gateway HTTP server has no TCP address');
  const origin = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  mcpHandler = options.mcp?.(`http://${origin}${GRAPHQL_PATH}`);
  log.info({ url: `http://${origin}${GRAPHQL_PATH}` }, 'gateway listening');

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      stopping = true;
      revalidation.stop();
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      const cut = setTimeout(() => {
        for (const client of wsServer.clients) client.terminate();
        server.closeAllConnections();
      }, DRAIN_MS);
      // Closes every socket with 1001 Going away, then waits for them.
      await graphqlWs.dispose();
      server.closeIdleConnections();
      await httpClosed;
      clearTimeout(cut);
      await runtime.dispose();
      upstream.close();
      log.info('gateway stopped');
    })());

  return { url: `http://${origin}${GRAPHQL_PATH}`, wsUrl: `ws://${origin}${GRAPHQL_PATH}`, port: address.port, firstAdmin, metrics, close };
}

type Route = 'graphql' | 'playground' | 'healthz' | 'metrics' | 'mapImage' | 'mcp' | 'dashboard' | 'badTarget';

/** Where the gateway serves MCP, when given a handler. */
export const MCP_PATH = '/mcp';

function routeOf(request: IncomingMessage): Route {
  const pathname = requestUrl(request)?.pathname;
  if (pathname === undefined) return 'badTarget';
  if (pathname === '/healthz') return 'healthz';
  if (pathname === '/metrics') return 'metrics';
  if (pathname === MAP_IMAGE_PATH) return 'mapImage';
  if (pathname === MCP_PATH) return 'mcp';
  if (pathname !== GRAPHQL_PATH) return 'dashboard';
  const wantsPage = request.method === 'GET' && (header(request.headers, 'accept') ?? '').includes('text/html');
  return wantsPage ? 'playground' : 'graphql';
}

/** The upgrade request as a fetch Request, for the operations of that socket (their context's `request`). */
function fetchRequestOf(upgrade: IncomingMessage, host: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(upgrade.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return new Request(new URL(upgrade.url ?? GRAPHQL_PATH, `http://${upgrade.headers.host ?? host}`), { headers });
}

/**
 * Reads a POST's body for the runtime, with the gateway's own size limit:
 * over it, answers 413 itself, with `advice`, and returns false. A JSON object or list is
 * handed over parsed (as `request.body`, which the runtime's server adapter
 * takes as the body already read), so that the runtime does not pipe every
 * body through a stream of its own to count its bytes (a third of the
 * gateway's CPU per small query, gateway/README.md); any other body is handed over as its
 * bytes, and the runtime answers it as before (not JSON, wrong type).
 */
async function readGraphQLBody(request: IncomingMessage & { body?: unknown }, response: ServerResponse, limit: number, advice: string): Promise<boolean> {
  const body = await readRequestBody(request, limit);
  if (!body.ok) {
    response.setHeader('connection', 'close');
    sendJson(response, body.status, { errors: [{ message: `${body.message} ${advice}`, extensions: { code: GraphErrorCode.BAD_REQUEST, limit } }] });
    return false;
  }
  if (body.bytes.length === 0) {
    sendJson(response, 400, { errors: [{ message: 'The request body is empty: POST a JSON object with "query".', extensions: { code: GraphErrorCode.BAD_REQUEST } }] });
    return false;
  }
  request.body = body.bytes;
  if (mediaTypeOf(header(request.headers, 'content-type')).endsWith('json')) {
    try {
      const parsed: unknown = JSON.parse(body.bytes.toString('utf8'));
      // An empty object would send the adapter back to the request's stream, which is read already.
      if (typeof parsed === 'object' && parsed !== null && Object.keys(parsed).length > 0) request.body = parsed;
    } catch {
      // The runtime reads the bytes and answers with its own words for JSON that is not.
    }
  }
  return true;
}

function originRefusal(origin: string | undefined) {
  return { errors: [{ message: `Pages of ${origin ?? 'another origin'} may not use this gateway: add the origin to LIFESTONE_CORS_ORIGINS to allow it.`, extensions: { code: GraphErrorCode.FORBIDDEN_ORIGIN } }] };
}

function refuseOrigin(response: ServerResponse, origin: string | undefined): void {
  sendJson(response, 403, originRefusal(origin));
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Hive Gateway's logger writing into the service's pino logger, at its level. */
function hiveLogger(log: Logger): HiveLogger {
  const levels: Record<string, LogLevel | false> = { trace: 'trace', debug: 'debug', info: 'info', warn: 'warn', error: 'error', fatal: 'error', silent: false };
  return new HiveLogger({
    level: levels[log.level] ?? 'info',
    writers: [{ write: (level, attrs, message) => log[level](attrs ?? {}, message ?? undefined) }],
  });
}
