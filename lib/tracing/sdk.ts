/**
 * The OpenTelemetry SDK behind lib/tracing, imported only when tracing is
 * configured. Each service gets a tracer provider of its own (several
 * services may share a process: `npm start`, the tests), so that each
 * exports under its own `service.name`; none is registered globally.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace, type Context, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  RandomIdGenerator,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type IdGenerator,
  type Sampler,
} from '@opentelemetry/sdk-trace';
import { setting } from '../config/index.js';
import { traceId as newTraceId } from '../log/index.js';
import type { ServiceTracing, SpanOptions, SpanRole } from './index.js';

/** How long a stopping service waits for its last spans to be exported. */
const SHUTDOWN_WAIT_MS = 3_000;

const KINDS: Record<SpanRole, SpanKind> = { server: SpanKind.SERVER, client: SpanKind.CLIENT, internal: SpanKind.INTERNAL };

/**
 * Root spans take their trace id from lib/log's `traceId()`, the id the
 * service's log lines carry, or the one a caller sets with `nextTraceId`
 * just before starting the span (the SDK asks for it synchronously).
 */
class LogTraceIds implements IdGenerator {
  nextTraceId: string | undefined;
  private readonly random = new RandomIdGenerator();

  generateTraceId(): string {
    const id = this.nextTraceId ?? newTraceId();
    this.nextTraceId = undefined;
    return id;
  }

  generateSpanId(): string {
    return this.random.generateSpanId();
  }
}

/** The tracer of one service, exporting over OTLP/HTTP as the process's `OTEL_*` variables say. */
export function createServiceTracing(service: string): ServiceTracing {
  const ids = new LogTraceIds();
  const provider = new TracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, when set, win over the service's own name.
    resource: resourceFromAttributes({ 'service.name': service }).merge(detectResources({ detectors: [envDetector] })),
    sampler: samplerFromEnv(process.env),
    idGenerator: ids,
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })],
  });
  const tracer = provider.getTracer('lifestone');

  return {
    startSpan(name: string, options: SpanOptions = {}): Span {
      const { role = 'internal', trace: remote, parent, attributes, links, startTime } = options;
      let context: Context = ROOT_CONTEXT;
      if (parent) context = trace.setSpan(ROOT_CONTEXT, parent);
      else if (remote?.spanId) {
        context = trace.setSpanContext(ROOT_CONTEXT, {
          traceId: remote.traceId,
          spanId: remote.spanId,
          traceFlags: remote.sampled === false ? TraceFlags.NONE : TraceFlags.SAMPLED,
          isRemote: true,
        });
      } else if (remote) ids.nextTraceId = remote.traceId;
      try {
        return tracer.startSpan(name, { kind: KINDS[role], attributes, links, startTime }, context);
      } finally {
        ids.nextTraceId = undefined;
      }
    },
    fail(span: Span, message: string): void {
      span.setStatus({ code: SpanStatusCode.ERROR, message });
    },
    traceparent(span: Span): string {
      const { traceId, spanId, traceFlags } = span.spanContext();
      return `00-${traceId}-${spanId}-${(traceFlags & TraceFlags.SAMPLED) === TraceFlags.SAMPLED ? '01' : '00'}`;
    },
    // A collector that is away loses the last spans, as it loses any while away: a service's stop must neither fail nor wait long for it.
    shutdown: () => Promise.race([provider.shutdown().catch(() => undefined), sleep(SHUTDOWN_WAIT_MS, undefined, { ref: false })]),
  };
}

/**
 * The sampler `OTEL_TRACES_SAMPLER` names, with `OTEL_TRACES_SAMPLER_ARG` as
 * the ratio (the specification's values; the SDK no longer reads them
 * itself). @default parentbased_always_on, ratio 1
 */
export function samplerFromEnv(env: NodeJS.ProcessEnv): Sampler {
  const name = (setting('OTEL_TRACES_SAMPLER', env) as string).trim().toLowerCase();
  const argument = Number(setting('OTEL_TRACES_SAMPLER_ARG', env));
  const ratio = Number.isFinite(argument) && argument >= 0 && argument <= 1 ? argument : 1;
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    default:
      throw new Error(`OTEL_TRACES_SAMPLER=${name} is not a sampler Lifestone knows: use always_on, always_off, traceidratio or their parentbased_ forms.`);
  }
}
