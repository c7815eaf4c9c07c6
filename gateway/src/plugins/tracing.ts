/**
 * OpenTelemetry traces of the gateway (lib/tracing/README.md), when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` is set; without it the plugin has no hooks.
 *
 * - One span per GraphQL operation (`query TopKillers`), over HTTP, SSE and
 *   graphql-ws: it continues the caller's `traceparent` when one is sent,
 *   and its trace id is the operation's trace id (`context.traceId`), the
 *   one in the gateway's log lines (the runtime's, about this request,
 *   included) and errors' `extensions.traceId`.
 * - One child span per HTTP request to a subgraph, whose `traceparent` goes
 *   to the subgraph in the trace header (lib/graph `TRACE_HEADER`, which a
 *   batch carries per operation), so that the subgraph's span continues it.
 *
 * Registered before the plugins that read `context.traceId` or send
 * subgraph requests: it sets the one and the header the other sends.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { TRACE_HEADER } from '@lifestone/lib/graph';
import { startTracing, traceContextOf, tracingConfigured, type ServiceTracing, type Span } from '@lifestone/lib/tracing';
import { getOperationAST, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import type { CallerContext } from '../context.js';

/** Where an operation's context keeps its span (a symbol: it survives the copies the runtime makes of a context). */
const SPAN = Symbol('lifestone.span');
type TracedContext = Partial<CallerContext> & { [SPAN]?: Span };

/** The gateway's tracing plugin: no hooks at all unless tracing is configured. */
export function useTracing(): GatewayPlugin {
  if (!tracingConfigured()) return {};
  let tracing: ServiceTracing | undefined;
  const ended = new WeakSet<Span>();
  /** Spans whose operation reached execution (onExecute, onSubscribe). */
  const executed = new WeakSet<Span>();
  const started = startTracing('lifestone-gateway').then((value) => (tracing = value));

  /** The operation's span, started at the first hook that sees its context. */
  const spanOf = (context: TracedContext, request: Request | undefined): Span | undefined => {
    if (!tracing) return undefined;
    let span = context[SPAN];
    if (!span) {
      const caller = traceContextOf(request?.headers.get('traceparent') ?? undefined);
      span = tracing.startSpan('GraphQL Operation', { role: 'server', trace: caller?.spanId ? caller : undefined });
      context[SPAN] = span;
      context.traceId ??= span.spanContext().traceId;
    }
    return span;
  };
  const name = (span: Span, document: DocumentNode, operationName: string | null | undefined): void => {
    executed.add(span);
    const operation = getOperationAST(document, operationName);
    if (!operation) return;
    const named = operation.name?.value;
    span.updateName(named ? `${operation.operation} ${named}` : operation.operation);
    span.setAttributes({ 'graphql.operation.type': operation.operation, ...(named ? { 'graphql.operation.name': named } : {}) });
  };
  /** Ends the operation's span once, failed with its errors' codes when it has any. */
  const end = (context: TracedContext, result: ExecutionResult | undefined): void => {
    const span = context[SPAN];
    if (!span || ended.has(span) || !tracing) return;
    ended.add(span);
    if (result?.errors?.length) {
      const codes = [...new Set(result.errors.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))];
      span.setAttribute('lifestone.error_codes', codes);
      tracing.fail(span, codes.join(', '));
    }
    span.end();
  };
  const isStream = (result: unknown): boolean => typeof result === 'object' && result !== null && Symbol.asyncIterator in result;

  return {
    async onParams({ context, request }) {
      await started;
      const span = spanOf(context as TracedContext, request);
      // The runtime's own lines about an HTTP request (its subgraph fetches, at debug) carry the trace id too; a graphql-ws operation's context has no logger of its own.
      const log = (context as Partial<typeof context>).log;
      if (span && log) context.log = log.child({ traceId: (context as TracedContext).traceId ?? span.spanContext().traceId });
    },
    onExecute({ args }) {
      const context = args.contextValue as TracedContext;
      const span = spanOf(context, context.request);
      if (span) name(span, args.document, args.operationName);
      return {
        // An answer in parts (@defer) ends its span with its last part.
        onExecuteDone: ({ result }) => (isStream(result) ? { onEnd: () => end(context, undefined) } : end(context, result as ExecutionResult)),
      };
    },
    onSubscribe({ args }) {
      const context = args.contextValue as TracedContext;
      const span = spanOf(context, context.request);
      if (span) name(span, args.document, args.operationName);
      // A subscription's span lasts as long as the subscription.
      return { onSubscribeResult: ({ result }) => (isStream(result) ? { onEnd: () => end(context, undefined) } : end(context, result as ExecutionResult)) };
    },
    // Operations refused before they run (authentication, validation, limits) end here; so does a subscriber that
    // joined a shared subscription (shared-subscriptions.ts), which runs nothing of its own.
    onExecutionResult({ result, context }) {
      const traced = context as TracedContext;
      if (!isStream(result)) return end(traced, result as ExecutionResult | undefined);
      const span = traced[SPAN];
      if (!span || executed.has(span)) return;
      const { query, operationName } = context.params;
      if (query) name(span, parse(query, { noLocation: true }), operationName);
      span.setAttribute('lifestone.shared_subscription', 'joined');
      end(traced, undefined);
    },
    onFetch({ context, executionRequest, options, setOptions, url }) {
      const parent = (context as TracedContext | undefined)?.[SPAN];
      if (!tracing || !parent) return undefined;
      const subgraph = executionRequest?.subgraphName ?? 'subgraph';
      const span = tracing.startSpan(`subgraph ${subgraph}`, {
        role: 'client',
        parent,
        attributes: { 'lifestone.subgraph': subgraph, 'http.request.method': options.method ?? 'POST', 'url.full': url },
      });
      setOptions({ ...options, headers: { ...options.headers, [TRACE_HEADER]: tracing.traceparent(span) } });
      return ({ response }) => {
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 400) tracing?.fail(span, `answered ${response.status}`);
        span.end();
      };
    },
    async onDispose() {
      await started;
      await tracing?.shutdown();
    },
  };
}
