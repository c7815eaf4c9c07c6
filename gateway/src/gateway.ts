import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime, Logger as HiveLogger, type LogLevel } from '@graphql-hive/gateway-runtime';
import { DEFAULT_MAX_BODY_BYTES, GRAPHQL_PATH } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type pg from 'pg';
import { ensureFirstAdmin, type FirstAdmin } from '@lifestone/subgraph-accounts';
import { Authenticator } from './auth/authenticate.js';
import { SocketRevalidation } from './auth/revalidation.js';
import { composeSupergraph, type SubgraphUrls } from './compose.js';
import type { CallerContext } from './context.js';
import { graphHandler } from './graph-handler.js';
import { useAuthentication } from './plugins/authentication.js';
import { queryLimitPlugins, type QueryLimits } from './plugins/limits.js';
import { createGatewayMetrics, useOperationMetrics, type GatewayMetrics } from './plugins/metrics.js';
import { corsFor, useOriginChecks } from './plugins/origin.js';
import { useTracing } from './plugins/tracing.js';
import { httpRoutes } from './routes.js';
import { subgraphHeaders, subgraphTransportEntries, subgraphTransports } from './transports.js';
import { upstreamHttp } from './upstream.js';
import { graphqlWebSockets } from './websocket.js';

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
  /** Root fields of the subscriptions shared among callers of one role (shared-subscriptions.ts). @default positions, events, itemChanges */
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

export { MCP_PATH } from './routes.js';

const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** How long close() waits for sockets and requests before cutting them. */
const DRAIN_MS = 3_000;

/**
 * The one door: Hive Gateway over the supergraph, on a node HTTP server with
 * `/graphql` over HTTP, SSE and graphql-ws, the playground for signed-in
 * browsers, `/healthz`, `/metrics` and the dashboard at `/` (routes.ts).
 * What the gateway adds to the runtime are its plugins (plugins/).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { pool, internalSecret, sessionSecret, host = '127.0.0.1', port = 4000, now = () => new Date() } = options;
  if (!internalSecret) throw new Error('the gateway needs LIFESTONE_INTERNAL_SECRET to sign identities for the subgraphs');
  if (!sessionSecret) throw new Error('the gateway needs LIFESTONE_SESSION_SECRET to sign session cookies');
  const log = options.log.child({ service: 'gateway' });
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const corsOrigins = new Set(options.corsOrigins);

  const supergraph = options.supergraph ?? (await composeSupergraph(options.subgraphs));
  const firstAdmin = await ensureFirstAdmin(pool, options.adminPassword);
  const metrics = createGatewayMetrics();
  const authenticator = new Authenticator({ pool, sessionSecret, now, cacheMs: options.authCacheMs });
  const revalidation = new SocketRevalidation({ authenticator, log, intervalMs: options.revalidateMs });
  const upstream = upstreamHttp({ internalSecret, onSent: (operations) => metrics.subgraphRequestOperations.observe(operations) });
  const runtime = createGatewayRuntime<CallerContext>({
    supergraph,
    unifiedGraphHandler: graphHandler(),
    transports: subgraphTransports(internalSecret, options.identityTtlMs),
    transportEntries: subgraphTransportEntries,
    propagateHeaders: { fromClientToSubgraphs: ({ context }) => subgraphHeaders(context) },
    plugins: () => [
      useTracing(),
      useOriginChecks(corsOrigins),
      upstream.plugin,
      useAuthentication({ authenticator, sessionSecret, trustedProxies: options.trustedProxies }),
      ...queryLimitPlugins(options.limits),
      useOperationMetrics(metrics),
    ],
    logging: hiveLogger(log),
    graphqlEndpoint: GRAPHQL_PATH,
    cors: corsFor(corsOrigins),
    graphiql: { title: 'Lifestone' },
    // GraphiQL's scripts inline in the page, so the playground needs no CDN.
    renderGraphiQL,
    landingPage: false,
    requestId: false,
  });
  // Hive Gateway loads the supergraph on first use; a graphql-ws subscription arriving first would fail (design.md).
  await runtime.getSchema();

  let stopping = false;
  let mcp: ((request: IncomingMessage, response: ServerResponse) => Promise<void>) | undefined = undefined;
  const server = createServer(
    httpRoutes(
      {
        runtime, authenticator, revalidation, metrics, supergraph, maxBodyBytes, metricsToken: options.metricsToken,
        dashboardDir: options.dashboardDir ?? DEFAULT_DASHBOARD_DIR,
        anonymousMaxBodyBytes: options.anonymousMaxBodyBytes ?? 8_192,
        stopping: () => stopping,
        mcp: () => mcp,
      },
      log,
    ),
  );
  const webSockets = graphqlWebSockets({ runtime, authenticator, revalidation, metrics, log, host, corsOrigins, maxPayload: maxBodyBytes, sharedSubscriptionFields: options.sharedSubscriptionFields });
  server.on('upgrade', webSockets.upgrade);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await webSockets.close();
    await runtime.dispose();
    throw error;
  }
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the gateway HTTP server has no TCP address');
  const origin = `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  mcp = options.mcp?.(`http://${origin}${GRAPHQL_PATH}`);
  log.info({ url: `http://${origin}${GRAPHQL_PATH}` }, 'gateway listening');

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      stopping = true;
      revalidation.stop();
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      const cut = setTimeout(() => {
        webSockets.terminate();
        server.closeAllConnections();
      }, DRAIN_MS);
      await webSockets.close();
      server.closeIdleConnections();
      await httpClosed;
      clearTimeout(cut);
      await runtime.dispose();
      upstream.close();
      log.info('gateway stopped');
    })());

  return { url: `http://${origin}${GRAPHQL_PATH}`, wsUrl: `ws://${origin}${GRAPHQL_PATH}`, port: address.port, firstAdmin, metrics, close };
}

/** Hive Gateway's logger writing into the service's pino logger, at its level. */
function hiveLogger(log: Logger): HiveLogger {
  const levels: Record<string, LogLevel | false> = { trace: 'trace', debug: 'debug', info: 'info', warn: 'warn', error: 'error', fatal: 'error', silent: false };
  return new HiveLogger({
    level: levels[log.level] ?? 'info',
    writers: [{ write: (level, attrs, message) => log[level](attrs ?? {}, message ?? undefined) }],
  });
}
