/**
 * Ingest's OpenTelemetry spans (lib/tracing/README.md explains the choice):
 * one span per write batch, and, for the frames whose trace the sampler
 * keeps, one span per frame (accepted: from its arrival to its batch's
 * commit; refused: the refusal), whose trace id is the frame's log trace id.
 * Frame spans are capped per second so that a sampler left at always-on
 * cannot make ingest export one span per frame of the firehose.
 */
import type { FrameError } from '@lifestone/lib/protocol';
import type { ServiceTracing, Span } from '@lifestone/lib/tracing';
import type { AcceptedEvent } from './accepted-event.js';
import { appendTableOf } from './store/events.js';

/** Most frame spans (accepted and refused) recorded in one second. */
export const FRAME_SPANS_PER_SECOND = 100;

export class IngestTracing {
  private second = 0;
  private frameSpans = 0;

  constructor(readonly tracing: ServiceTracing) {}

  /** Starts the span of one write batch (a transaction of one writer lane). */
  batchStarted(lane: number, batch: readonly AcceptedEvent[]): Span {
    const types = new Set<string>();
    const tables = new Set<string>();
    for (const event of batch) {
      if (types.has(event.type)) continue;
      types.add(event.type);
      const table = appendTableOf(event.type)?.table;
      if (table) tables.add(table);
    }
    return this.tracing.startSpan('ingest write batch', {
      attributes: {
        'lifestone.lane': lane,
        'lifestone.frames': batch.length,
        'lifestone.frame_types': [...types].sort(),
        'db.system.name': 'postgresql',
        'db.collection.name': [...tables].sort().join(','),
      },
    });
  }

  /** Ends a batch's span once it is committed, and records the spans of its sampled frames, linked to it. */
  batchCommitted(span: Span, batch: readonly AcceptedEvent[], retries: number): void {
    span.setAttribute('lifestone.retries', retries);
    span.end();
    const committedAt = new Date();
    const links = [{ context: span.spanContext() }];
    for (const event of batch) {
      if (!this.budgetLeft()) break;
      const frame = this.tracing.startSpan('ingest frame', {
        role: 'server',
        trace: { traceId: event.traceId },
        startTime: event.receivedAt,
        links,
        attributes: { 'lifestone.frame_type': event.type, 'lifestone.character': event.character },
      });
      this.spent(frame);
      frame.end(committedAt);
    }
  }

  /** Records the span of a refused frame, when its trace is sampled. */
  frameRefused(traceId: string, error: FrameError): void {
    if (!this.budgetLeft()) return;
    const span = this.tracing.startSpan('ingest refuse frame', {
      role: 'server',
      trace: { traceId },
      attributes: { 'lifestone.refusal_code': error.code, ...(error.ref ? { 'lifestone.frame_ref': JSON.stringify(error.ref) } : {}) },
    });
    this.spent(span);
    this.tracing.fail(span, error.code);
    span.end();
  }

  /** Whether this second's budget of recorded frame spans has room left. */
  private budgetLeft(): boolean {
    const second = Math.floor(performance.now() / 1000);
    if (second !== this.second) {
      this.second = second;
      this.frameSpans = 0;
    }
    return this.frameSpans < FRAME_SPANS_PER_SECOND;
  }

  /** Counts a frame span against the budget when the sampler kept it. */
  private spent(span: Span): void {
    if (span.isRecording()) this.frameSpans++;
  }
}
