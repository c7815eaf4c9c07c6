import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AcceptedEvent } from '../../ingest/src/accepted-event.js';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@lifestone/test-kit/otlp-receiver';
import { startTestStack } from '@lifestone/test-kit/stack';

/**
 * Traces across the gateway, a subgraph and ingest, exported by the real
 * OpenTelemetry exporter to an OTLP/HTTP receiver on loopback: one trace per
 * operation, whose id is the one in the log lines.
 */

const SERVER = 2;
const CLIENT = 3;
const ERROR = 2;

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = receiver.url;
});
afterAll(async () => {
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  await receiver?.close();
});

/** Log lines as objects, for finding the trace ids they carry. */
function capturedLog(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

describe('OpenTelemetry traces', () => {
  it('one query: the gateway and the subgraph in one trace, the id of their log lines; a frame: a span with its trace id', async () => {
    const { log, lines } = capturedLog();
    const committed: AcceptedEvent[] = [];
    const stack = await startTestStack({ log, ingest: { onCommitted: (events) => committed.push(...events) } });
    let traceId: string;
    let frameTraceId: string;
    let refusalTraceId: string;
    let anonymousTraceId: string;
    try {
      const { token } = await stack.createToken('viewer');
      const answer = await stack.graphql('query Fleet { livePlayers { name } }', undefined, { token });
      expect(answer).toMatchObject({ status: 200, body: { data: { livePlayers: [] } } });

      // The gateway's log lines of this operation carry its trace id: the subgraph request's, here.
      const gatewayLines = lines.filter((line) => line.service === 'gateway' && typeof line.traceId === 'string');
      expect(gatewayLines.length).toBeGreaterThan(0);
      traceId = (gatewayLines.at(-1) as { traceId: string }).traceId;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);

      const anonymous = await stack.graphql('query Fleet { livePlayers { name } }');
      expect(anonymous).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: 'UNAUTHENTICATED', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) } }] } });
      anonymousTraceId = anonymous.body.errors?.[0]?.extensions?.traceId as string;

      // The second subscriber joins the first's subscription (a live feed, shared among callers of one role).
      const [watch, joiner] = await Promise.all(
        [0, 1].map(() =>
          stack.subscribeWs<{ positions: { positions: { character: string }[] } }>('subscription Watch { positions(characters: ["Traced"]) { positions { character } } }', undefined, token),
        ),
      );
      const plugin = await stack.connectPlugin();
      // Frames until the subscription, live once the subgraph subscribed, shows one.
      await vi.waitFor(
        async () => {
          const seen = [watch, joiner].map((stream) => stream?.results.some((result) => result.data?.positions.positions.some((entry) => entry.character === 'Traced')));
          if (seen.every(Boolean)) return;
          await stack.send(plugin, [{ type: 'telemetry', character_name: 'Traced', session_id: 's1', ew: 1, ns: 2, z: 0 }]);
          throw new Error('the subscription is not live yet');
        },
        { timeout: 10_000, interval: 50 },
      );
      await Promise.all([watch?.close(), joiner?.close()]);
      frameTraceId = committed.find((event) => event.character === 'Traced')?.traceId as string;
      expect(frameTraceId).toMatch(/^[0-9a-f]{32}$/);
      plugin.send({ type: 'telemetry', character_name: 'Traced' });
      const refusal = await plugin.waitFor((frame) => frame.type === 'error');
      refusalTraceId = refusal.trace_id as string;
      expect(refusal).toMatchObject({ code: 'INVALID_FRAME', trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
    } finally {
      // Closing shuts every service's tracer down, which exports what it holds.
      await stack.close();
    }

    const inTrace = receiver.spans.filter((span) => span.traceId === traceId);
    const operation = inTrace.find((span) => span.service === 'lifestone-gateway' && span.kind === SERVER) as ReceivedSpan;
    expect(operation).toMatchObject({ name: 'query Fleet', attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'Fleet' }, status: {} });
    expect(operation.parentSpanId ?? '').toBe('');
    const request = inTrace.find((span) => span.service === 'lifestone-gateway' && span.kind === CLIENT) as ReceivedSpan;
    expect(request).toMatchObject({ name: 'subgraph telemetry', parentSpanId: operation.spanId, attributes: { 'lifestone.subgraph': 'telemetry', 'http.response.status_code': 200 } });
    const served = inTrace.find((span) => span.service === 'lifestone-telemetry') as ReceivedSpan;
    // The router sends the subgraph an operation of its own, without a name.
    expect(served).toMatchObject({ name: 'query', kind: SERVER, parentSpanId: request.spanId, attributes: { 'lifestone.subgraph': 'telemetry', 'graphql.operation.type': 'query' } });

    // An operation refused before it runs: its span, in the trace of the error's traceId, failed with the error's code.
    expect(receiver.spans.filter((span) => span.traceId === anonymousTraceId)).toEqual([
      expect.objectContaining({ service: 'lifestone-gateway', kind: SERVER, status: { code: ERROR, message: 'UNAUTHENTICATED' }, attributes: { 'lifestone.error_codes': ['UNAUTHENTICATED'] } }),
    ]);

    // A subscription's span lasts until it ends, over graphql-ws too; a subscriber that joined it has a span of its own, ended as it joined.
    const watches = receiver.spans.filter((span) => span.name === 'subscription Watch');
    expect(watches).toHaveLength(2);
    for (const span of watches) expect(span).toMatchObject({ service: 'lifestone-gateway', kind: SERVER, attributes: { 'graphql.operation.type': 'subscription' } });
    expect(watches.map((span) => span.attributes['lifestone.shared_subscription']).sort()).toEqual(['joined', undefined]);

    const frame = receiver.spans.find((span) => span.traceId === frameTraceId) as ReceivedSpan;
    expect(frame).toMatchObject({ service: 'lifestone-ingest', name: 'ingest frame', kind: SERVER, attributes: { 'lifestone.frame_type': 'telemetry', 'lifestone.character': 'Traced' } });
    const batch = receiver.spans.find((span) => span.spanId === frame.links[0]?.spanId) as ReceivedSpan;
    expect(batch).toMatchObject({ service: 'lifestone-ingest', name: 'ingest write batch', attributes: { 'lifestone.frames': 1, 'lifestone.frame_types': ['telemetry'], 'db.collection.name': 'telemetry_events' } });
    const refused = receiver.spans.find((span) => span.traceId === refusalTraceId) as ReceivedSpan;
    expect(refused).toMatchObject({ service: 'lifestone-ingest', name: 'ingest refuse frame', status: { code: ERROR, message: 'INVALID_FRAME' }, attributes: { 'lifestone.refusal_code': 'INVALID_FRAME' } });
    expect(new Set(receiver.contentTypes)).toEqual(new Set(['application/json']));
  });
});
