/**
 * OpenTelemetry traces, exported over OTLP/HTTP when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is
 * set. This module loads nothing of OpenTelemetry: `startTracing` imports the
 * SDK (`sdk.ts`) only then, and a service without tracing holds `undefined`
 * and skips every span (README.md).
 */
import type { Attributes, Link, Span } from '@opentelemetry/api';

export type { Span };

/** What a span is to its service: serving a request, calling another service, or work of its own. */
export type SpanRole = 'server' | 'client' | 'internal';

/** A W3C trace context: the trace, and the span to continue it from when there is one. */
export interface TraceContext {
  /** 32 lowercase hex digits: the id of the trace and of the log lines that belong to it. */
  traceId: string;
  /** The parent span (16 hex digits), when the caller sent one. */
  spanId?: string;
  /** Whether the caller recorded its side of the trace. @default true */
  sampled?: boolean;
}

export interface SpanOptions {
  role?: SpanRole;
  /** The remote span this one continues (a `traceparent`), or the trace id a root span takes (a log line's). */
  trace?: TraceContext;
  /** The local span this one is a child of. */
  parent?: Span;
  attributes?: Attributes;
  links?: Link[];
  /** @default now */
  startTime?: Date;
}

/** One service's tracer: its own resource (`service.name`) and exporter. */
export interface ServiceTracing {
  /** Starts a span; a span not sampled costs no export and records nothing. */
  startSpan(name: string, options?: SpanOptions): Span;
  /** Marks a span failed (status ERROR), saying why. */
  fail(span: Span, message: string): void;
  /** The span as a W3C `traceparent` value, to send to the service it calls. */
  traceparent(span: Span): string;
  /** Exports what is left and stops, within 3 s; never rejects (spans the collector does not take are dropped). */
  shutdown(): Promise<void>;
}

/** Whether the environment asks for traces: an OTLP endpoint is set and the SDK is not disabled. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
}

/**
 * The service's tracer when {@link tracingConfigured} by the process's
 * environment (which the SDK reads too), named `service` unless
 * `OTEL_SERVICE_NAME` names it; `undefined` otherwise, without loading the SDK.
 */
export async function startTracing(service: string): Promise<ServiceTracing | undefined> {
  if (!tracingConfigured()) return undefined;
  const { createServiceTracing } = await import('./sdk.js');
  return createServiceTracing(service);
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const TRACE_ID = /^[0-9a-f]{32}$/;
const INVALID_TRACE_ID = '0'.repeat(32);

/**
 * The trace context a caller sent: a W3C `traceparent` (version 00), or a
 * bare 32-hex trace id; `undefined` for anything else (or an all-zero id).
 */
export function traceContextOf(value: string | undefined): TraceContext | undefined {
  if (!value) return undefined;
  if (TRACE_ID.test(value)) return value === INVALID_TRACE_ID ? undefined : { traceId: value };
  const match = TRACEPARENT.exec(value);
  if (!match || match[1] === INVALID_TRACE_ID || match[2] === '0000000000000000') return undefined;
  return { traceId: match[1] as string, spanId: match[2] as string, sampled: (parseInt(match[3] as string, 16) & 1) === 1 };
}
