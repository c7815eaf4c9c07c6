import { parseFrame, reviveFrame, type FrameError } from '@lifestone/lib/protocol';
import type { AcceptedEvent } from '../event.js';
import { eventPayload, frameJsonOf } from '../published.js';
import { appendRow } from '../store/events.js';

/**
 * One frame decoded off the main thread, as it crosses back: strings only,
 * which cost far less to pass between threads than the parsed frame (a
 * telemetry frame's structured clone costs more than parsing its JSON).
 * `payload` is the event's pubsub payload (see published.ts), from which the
 * main thread takes the frame back; `row` is its COPY line, for the frames of
 * an append-only table.
 */
export type DecodedFrame = { payload: string; row: string | undefined } | { error: FrameError };

/** Frames to decode: their text (null for a frame refused already) and when ingest received each (epoch ms). */
export interface DecodeRequest { texts: Array<string | null>; receivedAt: number[] }
/**
 * What became of each, in flat lists (cheaper to pass between threads than
 * an object per frame): its payload or why it was refused (null for a frame
 * refused already), and its COPY line where it has one.
 */
export interface DecodeReply { payloads: Array<string | FrameError | null>; rows: Array<string | null> }

/** Decodes frames in order: what a decode thread does with each message. */
export function decodeBatch({ texts, receivedAt }: DecodeRequest): DecodeReply {
  const payloads = new Array<string | FrameError | null>(texts.length);
  const rows = new Array<string | null>(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    const decoded = typeof text === 'string' ? decodeFrame(text, new Date(receivedAt[i] as number)) : null;
    payloads[i] = decoded === null ? null : 'error' in decoded ? decoded.error : decoded.payload;
    rows[i] = decoded !== null && 'row' in decoded ? (decoded.row ?? null) : null;
  }
  return { payloads, rows };
}

/** Parses, validates and serialises one frame: the work a decode thread takes off the main thread. */
export function decodeFrame(text: string, receivedAt: Date): DecodedFrame {
  const result = parseFrame(text, receivedAt);
  if (!result.ok) return { error: result.error };
  const event: AcceptedEvent = { frame: result.frame, receivedAt, traceId: '' };
  return { payload: eventPayload(event), row: appendRow(event) };
}

/**
 * The accepted event of a frame decoded by {@link decodeFrame}: the frame is
 * read back from its payload (`{"received_at":"<ISO time>",` then the frame's
 * own JSON), its payload and COPY line kept for the publisher and the writer.
 */
export function acceptedEvent(payload: string, row: string | undefined, receivedAt: Date, traceId: string): AcceptedEvent {
  return { frame: reviveFrame(JSON.parse(frameJsonOf(payload)) as Record<string, unknown>), receivedAt, traceId, payload, row };
}
