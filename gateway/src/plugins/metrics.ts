import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sqlStatementsRefusedBusy } from '@lifestone/lib/agent';

/** Seconds: from a cached answer (1 ms) to a slow three-subgraph query (2.5 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The gateway's Prometheus metrics, in a registry of the instance's own (tests run several per process). */
export function createGatewayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lifestone_gateway_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'lifestone_gateway_http_requests_total',
      help: 'HTTP requests answered, by route and status.',
      labelNames: ['route', 'status'] as const,
      registers: [registry],
    }),
    httpLatency: new Histogram({
      name: 'lifestone_gateway_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (to the first byte of a stream), by route.',
      labelNames: ['route'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    operationLatency: new Histogram({
      name: 'lifestone_gateway_operation_duration_seconds',
      help: 'Time from parsing a query or mutation to its result, by operation type and name (unnamed operations as "anonymous", names past the first 200 as "other").',
      labelNames: ['type', 'name'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    operations: new Counter({
      name: 'lifestone_gateway_operations_total',
      help: 'GraphQL operations run, by type (query, mutation, subscription) and transport (http, ws).',
      labelNames: ['type', 'transport'] as const,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'lifestone_gateway_errors_total',
      help: 'GraphQL errors returned, by extensions.code.',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    slowSubscribers: new Counter({
      name: 'lifestone_gateway_slow_subscribers_total',
      help: 'Subscriptions ended with SUBSCRIBER_TOO_SLOW because their subscriber fell behind (over LIFESTONE_MAX_UNSENT_BYTES unsent, or more than 1,000 results waiting and none taken for LIFESTONE_SUBSCRIBER_STALL_MS, or more than 20,000), by transport (sse, ws): each was told, none lost results unannounced.',
      labelNames: ['transport'] as const,
      registers: [registry],
    }),
    refusedSubscriptions: new Counter({
      name: 'lifestone_gateway_subscriptions_refused_total',
      help: 'Subscriptions refused with TOO_MANY_SUBSCRIPTIONS, by the cap they were over (socket, caller).',
      labelNames: ['cap'] as const,
      registers: [registry],
    }),
    authStaleAnswers: new Counter({
      name: 'lifestone_gateway_auth_stale_answers_total',
      help: 'Credential lookups answered with the last good answer because PostgreSQL did not answer within 200 ms, or failed: live sockets neither waited nor were cut.',
      registers: [registry],
    }),
    webSockets: new Gauge({ name: 'lifestone_gateway_websockets', help: 'graphql-ws connections open.', registers: [registry] }),
    interruptedSubscriptions: new Counter({
      name: 'lifestone_gateway_subscriptions_interrupted_total',
      help: "Subscriptions ended with LIVE_FEED_INTERRUPTED because the gateway's connection to their subgraph closed under them (the subgraph restarted, or cut a connection that did not answer its ping), by subgraph: each subscriber was told, subscribes again and reads the gap back.",
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
    subscriptionPaths: new Counter({
      name: 'lifestone_gateway_subscription_executions_total',
      help: 'Subscriptions the gateway ran, by path: `direct` when one subgraph answers all of it (sent to that subgraph as it is, its results passed through), `stitched` when it was planned and each result executed over the supergraph. A shared live feed is run once for all its subscribers.',
      labelNames: ['path'] as const,
      registers: [registry],
    }),
    unansweredWebSockets: new Counter({
      name: 'lifestone_gateway_websockets_unanswered_total',
      help: 'graphql-ws connections closed with 1013 Try Again Later because they did not answer a ping within LIFESTONE_KEEP_ALIVE_MS (a client that fell that far behind, or is gone): the close follows what the client was sent, so it learns where its feeds stopped, connects again and reads back what it missed.',
      registers: [registry],
    }),
    subgraphRequestOperations: new Histogram({
      name: 'lifestone_gateway_subgraph_request_operations',
      help: 'Operations per HTTP request to a subgraph: 1 for a request alone, more for a batch (its count is the requests, its sum the operations).',
      buckets: [1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
    sqlRefusedBusy: new Counter({
      name: 'lifestone_gateway_sql_statements_refused_busy_total',
      help: "query_telemetry_db statements this process refused with SQL_BUSY: their caller already had one running and two waiting (the MCP endpoint's and the assistant's SQL tool).",
      registers: [registry],
      collect() {
        this.reset();
        this.inc(sqlStatementsRefusedBusy());
      },
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

/** Most distinct operation names the latency histogram labels; later ones are counted as `other`, so a client inventing names cannot grow the gateway's series without bound. */
export const MAX_OPERATION_NAMES = 200;

/**
 * Counts operations and the errors in their results (HTTP, SSE and
 * graphql-ws), and times queries and mutations from parsing to result, by
 * type and name.
 */
export function useOperationMetrics(metrics: GatewayMetrics): GatewayPlugin {
  const started = new WeakMap<object, number>();
  const names = new Set<string>();
  const nameLabel = (name: string | undefined): string => {
    if (!name) return 'anonymous';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };
  return {
    onParse({ context }) {
      started.set(context, performance.now());
    },
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? 'unknown';
      const transport = (args.contextValue as { webSocket?: boolean }).webSocket ? 'ws' : 'http';
      metrics.operations.inc({ type, transport });
      const since = started.get(args.contextValue as object);
      if (since === undefined || !operation) return;
      const labels = { type, name: nameLabel(operation.name?.value) };
      return { onExecuteDone: () => metrics.operationLatency.observe(labels, (performance.now() - since) / 1000) };
    },
    onSubscribe({ args }) {
      const transport = (args.contextValue as { webSocket?: boolean }).webSocket ? 'ws' : 'http';
      metrics.operations.inc({ type: 'subscription', transport });
    },
    onExecutionResult({ result }) {
      if (!result || Symbol.asyncIterator in result) return;
      for (const error of result.errors ?? []) metrics.errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
    },
  };
}
