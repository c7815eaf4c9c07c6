import { existsSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { healthReport, metricsAllowed, requestUrl, sendHealth, type DependencyStatus } from '@lifestone/lib/http';
import { GRAPHQL_PATH, GraphErrorCode, mediaTypeOf, readRequestBody } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import type { Authenticator } from './auth/authenticate.js';
import type { SocketRevalidation } from './auth/revalidation.js';
import type { CallerContext } from './context.js';
import { forwardMapImage, MAP_IMAGE_PATH, serveDashboard } from './dashboard.js';
import type { GatewayMetrics } from './plugins/metrics.js';
import { signInPage } from './playground.js';

/** Where the gateway serves MCP, when given a handler. */
export const MCP_PATH = '/mcp';

/** What the routes answer with. */
export interface RouteDeps {
  runtime: GatewayRuntime<CallerContext>;
  authenticator: Authenticator;
  revalidation: SocketRevalidation;
  metrics: GatewayMetrics;
  /** The supergraph SDL: where the telemetry subgraph (the map image) is. */
  supergraph: string;
  dashboardDir: string;
  maxBodyBytes: number;
  anonymousMaxBodyBytes: number;
  metricsToken?: string;
  /** True once the gateway is closing: `/healthz` says so. */
  stopping(): boolean;
  /** The database's state (sessions, API tokens), for `/healthz`; checked at most once a second. */
  database(): Promise<DependencyStatus>;
  /** The MCP handler, once the gateway listens (it needs the gateway's own URL). */
  mcp(): ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | undefined;
}

type Handler = (request: IncomingMessage, response: ServerResponse, deps: RouteDeps) => Promise<void> | void;

/** Every route, by the name `/metrics` counts it under. */
const ROUTES = {
  badTarget: (_request, response) => sendJson(response, 400, { status: 'bad request', message: 'The request target is not a URL: ask for a path such as /graphql.' }),
  healthz: async (_request, response, { stopping, database }) => sendHealth(response, healthReport({ database: await database() }, stopping(), { service: 'gateway' })),
  metrics: async (request, response, { metrics, metricsToken }) => {
    if (!metricsAllowed(request, response, metricsToken)) return;
    const body = await metrics.registry.metrics();
    response.writeHead(200, { 'content-type': metrics.registry.contentType });
    response.end(body);
  },
  playground: async (request, response, { authenticator, runtime }) => {
    const authentication = await authenticator.authenticate({ cookie: header(request.headers, 'cookie') });
    if (authentication.status === 'authenticated') return runtime.requestListener(request, response);
    response.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(signInPage(GRAPHQL_PATH, authentication.status === 'anonymous' && authentication.staleSession));
  },
  graphql: async (request, response, deps) => {
    const { authenticator, runtime, revalidation } = deps;
    const credentials = { authorization: header(request.headers, 'authorization'), cookie: header(request.headers, 'cookie') };
    if (request.method === 'POST') {
      const anonymous = (await authenticator.authenticate(credentials)).status !== 'authenticated';
      // A caller without valid credentials may only sign in: its body is kept to that operation's size before anything is parsed.
      const read = anonymous
        ? await readGraphQLBody(request, response, deps.anonymousMaxBodyBytes, 'Without valid credentials only signIn is answered: sign in, or send a valid API token.')
        : await readGraphQLBody(request, response, deps.maxBodyBytes, 'Send a smaller GraphQL request.');
      if (!read) return;
    }
    // An SSE subscription lasts as long as its answer: its credentials are checked again, as a socket's are.
    if (header(request.headers, 'accept')?.includes('text/event-stream') && (credentials.authorization !== undefined || credentials.cookie !== undefined)) {
      const authentication = await authenticator.authenticate(credentials);
      revalidation.watchEventStream(response, credentials, authentication.status === 'authenticated' ? authentication.identity.role : undefined);
    }
    await runtime.requestListener(request, response);
  },
  mcp: (request, response, { mcp }) => mcp()?.(request, response) ?? sendJson(response, 404, { status: 'not found', message: 'MCP is not served by this gateway.' }),
  mapImage: async (request, response, { supergraph }) => {
    if (await forwardMapImage(supergraph, request, response)) return;
    sendJson(response, 404, { status: 'not found', message: 'No map image is configured (LIFESTONE_MAP_IMAGE).' });
  },
  dashboard: async (request, response, { dashboardDir }) => {
    if (existsSync(dashboardDir) && (await serveDashboard(dashboardDir, request, response))) return;
    sendJson(response, 404, {
      status: 'not found',
      message: `Nothing at ${request.url}: the graph is at ${GRAPHQL_PATH} (a browser gets the playground there after signing in).`,
    });
  },
} satisfies Record<string, Handler>;

type Route = keyof typeof ROUTES;

const PATHS: Record<string, Route> = { '/healthz': 'healthz', '/metrics': 'metrics', [MAP_IMAGE_PATH]: 'mapImage', [MCP_PATH]: 'mcp', [GRAPHQL_PATH]: 'graphql' };

function routeOf(request: IncomingMessage): Route {
  const pathname = requestUrl(request)?.pathname;
  if (pathname === undefined) return 'badTarget';
  const route = PATHS[pathname] ?? 'dashboard';
  const wantsPage = route === 'graphql' && request.method === 'GET' && (header(request.headers, 'accept') ?? '').includes('text/html');
  return wantsPage ? 'playground' : route;
}

/** The HTTP server's request listener: each request to its route, counted and timed by route in `/metrics`. */
export function httpRoutes(deps: RouteDeps, log: Logger): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const started = process.hrtime.bigint();
    const route = routeOf(request);
    response.once('finish', () => {
      deps.metrics.httpRequests.inc({ route, status: response.statusCode });
      deps.metrics.httpLatency.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    Promise.resolve(ROUTES[route](request, response, deps)).catch((error: unknown) => {
      log.error({ err: error, url: request.url }, 'HTTP request failed');
      if (!response.headersSent) sendJson(response, 500, { status: 'error', message: 'The gateway failed to answer; see its log.' });
      else response.destroy();
    });
  };
}

/**
 * Reads a POST's body for the runtime, with the gateway's own size limit:
 * over it, answers 413 itself, with `advice`, and returns false. A JSON object or list is
 * handed over parsed (as `request.body`, which the runtime's server adapter
 * takes as the body already read), so that the runtime does not pipe every
 * body through a stream of its own to count its bytes (gateway/README.md); any other body is handed over as its
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

/** A header's value when sent once. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
