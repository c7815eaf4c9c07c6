import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GRAPHQL_PATH, stallMs } from '@lifestone/lib/graph';
import { databaseCheck } from '@lifestone/lib/http';
import type { Logger } from '@lifestone/lib/log';
import type pg from 'pg';
import { ensureFirstAdmin, firstAdminPasswordChangeDue, type FirstAdmin } from '@lifestone/lib/auth';
import { Authenticator } from './auth/authenticate.js';
import { SocketRevalidation } from './auth/revalidation.js';
import { composeSupergraph, type SubgraphUrls } from './compose.js';
import type { QueryLimits } from './plugins/limits.js';
import type { SubscriptionLimits } from './plugins/subscription-limits.js';
import { createGatewayMetrics, type GatewayMetrics } from './plugins/metrics.js';
import { graphRuntime } from './runtime.js';
import { serveGateway } from './server.js';

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
  /**
   * The file the first admin's generated password is kept in until it is
   * changed (the data folder's `first-admin-password`, written by whoever
   * printed the password): deleted when the first admin changes it through
   * this gateway, and at start when it was changed meanwhile (through
   * another gateway, or `npm run admin`). @default none: nothing deleted
   */
  firstAdminPasswordFile?: string;
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
  /** Root fields of the subscriptions shared among callers of one role (plugins/shared-subscriptions.ts). @default positions, events, itemChanges */
  sharedSubscriptionFields?: ReadonlySet<string>;
  /**
   * Caps on the subscriptions of one socket and one caller, and the unsent
   * bytes a subscriber may hold (plugins/subscription-limits.ts;
   * `LIFESTONE_MAX_SUBSCRIPTIONS_PER_SOCKET`, `…_PER_CALLER`, `LIFESTONE_MAX_UNSENT_BYTES`).
   * @default DEFAULT_SUBSCRIPTION_LIMITS
   */
  subscriptionLimits?: Partial<SubscriptionLimits>;
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

/**
 * The one door: Hive Gateway over the supergraph, on a node HTTP server with
 * `/graphql` over HTTP, SSE and graphql-ws, the playground for signed-in
 * browsers, `/healthz`, `/metrics` and the dashboard at `/` (routes.ts).
 * What the gateway adds to the runtime are its plugins (plugins/, in runtime.ts).
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { pool, internalSecret, sessionSecret, host = '127.0.0.1', port = 4000, now = () => new Date() } = options;
  if (!internalSecret) throw new Error('the gateway needs LIFESTONE_INTERNAL_SECRET to sign identities for the subgraphs');
  if (!sessionSecret) throw new Error('the gateway needs LIFESTONE_SESSION_SECRET to sign session cookies');
  // Read by each subscription as it starts: a malformed value stops the start instead.
  stallMs();
  const log = options.log.child({ service: 'gateway' });
  const corsOrigins = new Set(options.corsOrigins);

  const supergraph = options.supergraph ?? (await composeSupergraph(options.subgraphs));
  const firstAdmin = await ensureFirstAdmin(pool, options.adminPassword);
  const forgetFirstAdminPassword = async (): Promise<void> => {
    const file = options.firstAdminPasswordFile;
    if (!file) return;
    // A file left behind must not fail the password change: the log says to delete it by hand.
    await rm(file, { force: true }).catch((error: unknown) => log.error({ err: error, file }, 'the first admin\'s password was changed, but the file that kept the old one could not be deleted: delete it'));
  };
  if (options.firstAdminPasswordFile && !(await firstAdminPasswordChangeDue(pool))) await forgetFirstAdminPassword();
  const metrics = createGatewayMetrics();
  const authenticator = new Authenticator({ pool, sessionSecret, now, cacheMs: options.authCacheMs, onStale: () => metrics.authStaleAnswers.inc() });
  const revalidation = new SocketRevalidation({ authenticator, log, intervalMs: options.revalidateMs });
  const runtime = await graphRuntime({ ...options, supergraph, log, metrics, authenticator, corsOrigins, onFirstAdminPasswordReplaced: forgetFirstAdminPassword });
  const database = databaseCheck(pool);
  const server = await serveGateway({ ...options, runtime, supergraph, log, metrics, authenticator, revalidation, corsOrigins, host, port, database }).catch(async (error: unknown) => {
    await runtime.dispose();
    throw error;
  });
  const url = `http://${server.origin}${GRAPHQL_PATH}`;
  log.info({ url }, 'gateway listening');

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      revalidation.stop();
      await server.close();
      await runtime.dispose();
      log.info('gateway stopped');
    })());
  return { url, wsUrl: `ws://${server.origin}${GRAPHQL_PATH}`, port: server.port, firstAdmin, metrics, close };
}
