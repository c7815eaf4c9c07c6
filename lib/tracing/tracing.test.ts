import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startTracing, traceContextOf, tracingConfigured } from './index.js';
import { samplerFromEnv } from './sdk.js';

const run = promisify(execFile);

/**
 * Starts the gateway's tracing plugin, a subgraph's and ingest's tracer in a
 * process of its own with `env`, and tells which OpenTelemetry packages that
 * process loaded (but the API, which prom-client loads for its exemplars).
 */
async function openTelemetryLoaded(env: Record<string, string>): Promise<string[]> {
  const script = `
    import { registerHooks } from 'node:module';
    const loaded = new Set();
    registerHooks({ resolve(specifier, context, next) { if (specifier.startsWith('@opentelemetry/') && specifier !== '@opentelemetry/api') loaded.add(specifier); return next(specifier, context); } });
    const { startTracing } = await import(${JSON.stringify(fileURLToPath(new URL('./index.ts', import.meta.url)))});
    const { useTracing } = await import(${JSON.stringify(fileURLToPath(new URL('../../gateway/src/plugins/tracing.ts', import.meta.url)))});
    const plugin = useTracing();
    const tracers = await Promise.all([startTracing('lifestone-ingest'), startTracing('lifestone-telemetry')]);
    await plugin.onDispose?.();
    await Promise.all(tracers.map((tracer) => tracer?.shutdown()));
    console.log(JSON.stringify({ loaded: [...loaded].sort(), hooks: Object.keys(plugin).length, tracers: tracers.filter(Boolean).length }));
  `;
  const { OTEL_EXPORTER_OTLP_ENDPOINT: _endpoint, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: _traces, ...rest } = process.env;
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...rest, ...env } });
  const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as { loaded: string[]; hooks: number; tracers: number };
  return [...result.loaded, `hooks:${result.hooks}`, `tracers:${result.tracers}`];
}

describe('lib/tracing', () => {
  it('with OTEL_EXPORTER_OTLP_ENDPOINT unset, loads nothing of OpenTelemetry and starts no exporter; set, it does', async () => {
    expect(await openTelemetryLoaded({})).toEqual(['hooks:0', 'tracers:0']);
    const loaded = await openTelemetryLoaded({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' });
    expect(loaded).toEqual(expect.arrayContaining(['@opentelemetry/sdk-trace', '@opentelemetry/exporter-trace-otlp-http', 'hooks:6', 'tracers:2']));
  }, 60_000);

  it('stops without failing when the collector cannot be reached (its spans are lost)', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:9';
    try {
      const tracing = await startTracing('lifestone-test');
      tracing?.startSpan('lost').end();
      await expect(tracing?.shutdown()).resolves.toBeUndefined();
      expect(tracing).toBeDefined();
    } finally {
      delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
    }
  });

  it('is configured by an OTLP endpoint, unless OTEL_SDK_DISABLED', () => {
    expect(tracingConfigured({})).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBe(false);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingConfigured({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('reads a traceparent or a bare trace id, and nothing else', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceContextOf(`00-${traceId}-00f067aa0ba902b7-01`)).toEqual({ traceId, spanId: '00f067aa0ba902b7', sampled: true });
    expect(traceContextOf(`00-${traceId}-00f067aa0ba902b7-00`)).toEqual({ traceId, spanId: '00f067aa0ba902b7', sampled: false });
    expect(traceContextOf(traceId)).toEqual({ traceId });
    for (const refused of [undefined, '', 'trace-42', traceId.toUpperCase(), '0'.repeat(32), `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, `00-${traceId}-${'0'.repeat(16)}-01`, `01-${traceId}-00f067aa0ba902b7-01`]) {
      expect(traceContextOf(refused)).toBeUndefined();
    }
  });

  it('builds the sampler OTEL_TRACES_SAMPLER names, and refuses one it does not know', () => {
    expect(String(samplerFromEnv({}))).toBe('ParentBased{root=AlwaysOnSampler, remoteParentSampled=AlwaysOnSampler, remoteParentNotSampled=AlwaysOffSampler, localParentSampled=AlwaysOnSampler, localParentNotSampled=AlwaysOffSampler}');
    expect(String(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }))).toBe('TraceIdRatioBased{0.25}');
    expect(String(samplerFromEnv({ OTEL_TRACES_SAMPLER: 'always_off' }))).toBe('AlwaysOffSampler');
    expect(() => samplerFromEnv({ OTEL_TRACES_SAMPLER: 'jaeger_remote' })).toThrow('OTEL_TRACES_SAMPLER=jaeger_remote is not a sampler Lifestone knows');
  });
});
