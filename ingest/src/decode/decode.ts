import { parseFrame, reviveFrame, type FrameError } from '@lifestone/lib/protocol';
import type { AcceptedEvent } from '../event.js';
import { eventPayload, frameJsonOf } from '../published.js';
import { appendRow } from '../store/events.js';

/**
 * One frame decoded off the main thread: text only, which costs far less
 * to pass between threads than the parsed frame (a telemetry frame's
 * structured clone costs more than parsing its JSON); see {@link DecodeReply}
 * for how a batch of them crosses back.
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
 * refused already); and the COPY lines of all of them, UTF-8 in one buffer
 * (moved to the main thread, not copied; the writer sends the bytes as they
 * are), frame `i`'s from `rowEnds[i - 1]` (0 for the first) to `rowEnds[i]`,
 * empty for a frame without one.
 */
export interface DecodeReply { payloads: Array<string | FrameError | null>; rowBytes: Uint8Array; rowEnds: Int32Array }

/** Decodes frames in order: what a decode thread does with each message. */
export function decodeBatch({ texts, receivedAt }: DecodeRequest): DecodeReply {
  const payloads = new Array<string | FrameError | null>(texts.length);
  const rowEnds = new Int32Array(texts.length);
  let rows = '';
  let bytes = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    const decoded = typeof text === 'string' ? decodeFrame(text, new Date(receivedAt[i] as number)) : null;
    payloads[i] = decoded === null ? null : 'error' in decoded ? decoded.error : decoded.payload;
    const row = decoded !== null && 'row' in decoded ? decoded.row : undefined;
    if (row !== undefined) {
      rows += row;
      bytes += Buffer.byteLength(row);
    }
    rowEnds[i] = bytes;
  }
  // A buffer of its own (not one of Buffer's shared pool): it is moved to the other thread whole.
  const rowBytes = Buffer.allocUnsafeSlow(bytes);
  rowBytes.write(rows);
  return { payloads, rowBytes, rowEnds };
}

/** Frame `i`'s COPY line in a reply, if it has one. */
export function rowOf({ rowBytes, rowEnds }: DecodeReply, i: number): Uint8Array | undefined {
  const start = i === 0 ? 0 : (rowEnds[i - 1] as number);
  const end = rowEnds[i] as number;
  return end > start ? rowBytes.subarray(start, end) : undefined;
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
export function acceptedEvent(payload: string, row: Uint8Array | undefined, receivedAt: Date, traceId: string): AcceptedEvent {
  return { frame: reviveFrame(JSON.parse(frameJsonOf(payload)) as Record<string, unknown>), receivedAt, traceId, payload, row };
}
