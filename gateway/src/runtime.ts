import { createGatewayRuntime, Logger as HiveLogger, type GatewayRuntime, type LogLevel } from '@graphql-hive/gateway-runtime';
import { GRAPHQL_PATH } from '@lifestone/lib/graph';
import type { Logger } from '@lifestone/lib/log';
import type { Authenticator } from './auth/authenticate.js';
import type { CallerContext } from './context.js';
import { graphHandler } from './graph-handler.js';
import { renderPlayground } from './graphiql.js';
import { useAuthentication } from './plugins/authentication.js';
import { requestSigner, useSignedIdentity } from './plugins/identity.js';
import { queryLimitPlugins, type QueryLimits } from './plugins/limits.js';
import { useOperationMetrics, type GatewayMetrics } from './plugins/metrics.js';
import { corsFor, useOriginChecks } from './plugins/origin.js';
import { useSharedSubscriptions } from './plugins/shared-subscriptions.js';
import { DEFAULT_SUBSCRIPTION_LIMITS, useSubscriptionLimits, type SubscriptionLimits } from './plugins/subscription-limits.js';
import { useTracing } from './plugins/tracing.js';
import { subgraphHeaders, subgraphTransportEntries, subgraphTransports } from './transports.js';
import { useUpstreamHttp } from './upstream.js';

export interface GraphRuntimeOptions {
  /** The supergraph SDL. */
  supergraph: string;
  log: Logger;
  metrics: GatewayMetrics;
  authenticator: Authenticator;
  /** Key of the identity signed for subgraphs. */
  internalSecret: string;
  /** Key of the session cookie. */
  sessionSecret: string;
  /** Called when the first admin replaced its generated password (see `useAuthentication`). */
  onFirstAdminPasswordReplaced?: () => Promise<void>;
  limits: QueryLimits;
  /** Origins whose pages may call with credentials. */
  corsOrigins: ReadonlySet<string>;
  /** The subgraphs' identity TTL (transports.ts). @default 30000 */
  identityTtlMs?: number;
  /** Proxies whose `X-Forwarded-For` is believed. @default 0 */
  trustedProxies?: number;
  /** Root fields of the shared live feeds. @default positions, events, itemChanges */
  sharedSubscriptionFields?: ReadonlySet<string>;
  /** Caps on subscriptions and the bound of a subscriber's unsent bytes. @default DEFAULT_SUBSCRIPTION_LIMITS */
  subscriptionLimits?: Partial<SubscriptionLimits>;
}

/**
 * Hive Gateway's runtime over the supergraph with the gateway's plugins
 * (plugins/), its schema loaded. Tracing comes first: it sets the trace id
 * the others log and send. Authentication comes before the plugins that
 * need the caller: the signed identity, the shared live feeds and the
 * subscription limits, which come last so that they count every
 * subscription, those that join a shared one too.
 */
export async function graphRuntime(options: GraphRuntimeOptions): Promise<GatewayRuntime<CallerContext>> {
  const { log, metrics, internalSecret, corsOrigins } = options;
  const signRequest = requestSigner(internalSecret);
  const subscriptionLimits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...options.subscriptionLimits };
  const runtime = createGatewayRuntime<CallerContext>({
    supergraph: options.supergraph,
    unifiedGraphHandler: graphHandler((path) => metrics.subscriptionPaths.inc({ path })),
    transports: subgraphTransports(internalSecret, options.identityTtlMs, {
      onTooSlow: (transport) => metrics.slowSubscribers.inc({ transport }),
      onInterrupted: (subgraph) => metrics.interruptedSubscriptions.inc({ subgraph }),
    }),
    transportEntries: subgraphTransportEntries,
    propagateHeaders: { fromClientToSubgraphs: ({ context }) => subgraphHeaders(context) },
    plugins: () => [
      useTracing(),
      useOriginChecks(corsOrigins),
      useAuthentication({ authenticator: options.authenticator, sessionSecret: options.sessionSecret, trustedProxies: options.trustedProxies, onFirstAdminPasswordReplaced: options.onFirstAdminPasswordReplaced }),
      useSignedIdentity(signRequest),
      useUpstreamHttp({ signBatch: signRequest, onSent: (operations) => metrics.subgraphRequestOperations.observe(operations) }),
      ...queryLimitPlugins(options.limits),
      useOperationMetrics(metrics),
      useSharedSubscriptions({
        log,
        fields: options.sharedSubscriptionFields,
        onJoin: () => metrics.operations.inc({ type: 'subscription', transport: 'ws' }),
        onTooSlow: () => metrics.slowSubscribers.inc({ transport: 'ws' }),
        maxUnsentBytes: subscriptionLimits.maxUnsentBytes,
        slowReaderGraceMs: subscriptionLimits.slowReaderGraceMs,
      }),
      useSubscriptionLimits({
        log,
        limits: subscriptionLimits,
        onRefused: (cap) => metrics.refusedSubscriptions.inc({ cap }),
        onTooSlow: () => metrics.slowSubscribers.inc({ transport: 'sse' }),
      }),
    ],
    logging: hiveLogger(log),
    graphqlEndpoint: GRAPHQL_PATH,
    cors: corsFor(corsOrigins),
    graphiql: { title: 'Lifestone playground' },
    // GraphiQL's scripts inline in the page, so the playground needs no CDN.
    renderGraphiQL: renderPlayground,
    landingPage: false,
    requestId: false,
  });
  // Hive Gateway loads the supergraph on first use; a graphql-ws subscription arriving first would fail (design.md).
  await runtime.getSchema();
  return runtime;
}

/** Hive Gateway's logger writing into the service's pino logger, at its level. */
function hiveLogger(log: Logger): HiveLogger {
  const levels: Record<string, LogLevel | false> = { trace: 'trace', debug: 'debug', info: 'info', warn: 'warn', error: 'error', fatal: 'error', silent: false };
  return new HiveLogger({
    level: levels[log.level] ?? 'info',
    writers: [{ write: (level, attrs, message) => log[level](attrs ?? {}, message ?? undefined) }],
  });
}
