import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
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
    webSockets: new Gauge({ name: 'lifestone_gateway_websockets', help: 'graphql-ws connections open.', registers: [registry] }),
    subgraphRequestOperations: new Histogram({
      name: 'lifestone_gateway_subgraph_request_operations',
      help: 'Operations per HTTP request to a subgraph: 1 for a request alone, more for a batch (its count is the requests, its sum the operations).',
      buckets: [1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    }),
  };
}

export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

/** Counts operations and the errors in their results (HTTP, SSE and graphql-ws). */
export function useOperationMetrics(metrics: GatewayMetrics): GatewayPlugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const transport = (args.contextValue as { webSocket?: boolean }).webSocket ? 'ws' : 'http';
      metrics.operations.inc({ type: operation?.operation ?? 'unknown', transport });
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
