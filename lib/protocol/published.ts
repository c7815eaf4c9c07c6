import type { FrameType } from './constants.js';
import type { FrameOf } from './frames.js';

/**
 * The payload of an accepted event on the pubsub (`topics.event(type)`; for
 * telemetry it feeds the live map too): ingest writes it, the subgraphs read it.
 * It is the parsed frame's JSON with `received_at` (when ingest received the
 * frame, ISO text) as its first member:
 *
 *     {"received_at":"2026-11-23T10:00:00.000Z","type":"telemetry","character_name":...}
 */

/** A value after a JSON round trip: Dates become ISO strings. */
export type Jsonified<T> = T extends Date ? string
  : T extends readonly (infer U)[] ? Jsonified<U>[]
  : T extends object ? { [K in keyof T]: Jsonified<T[K]> }
  : T;

/** A published event as its reader sees it, e.g. `PublishedFrame<'full_inventory' | 'inventory_delta'>`. */
export type PublishedFrame<T extends FrameType = FrameType> = { [K in T]: Jsonified<FrameOf<K>> & { received_at: string } }[T];

/** The last receive time as ISO text: events arrive many to a millisecond, and toISOString is not free. */
let lastReceivedAt = NaN;
let lastReceivedIso = '';

/**
 * The payload of a frame received at `receivedAt`, given the members of the
 * frame's JSON without its braces (`"type":"chat",...`, as `JSON.stringify`
 * writes them); ingest formats those once for this and its COPY lines.
 */
export function publishedPayload(receivedAt: Date, frameMembers: string): string {
  if (receivedAt.getTime() !== lastReceivedAt) {
    lastReceivedAt = receivedAt.getTime();
    lastReceivedIso = receivedAt.toISOString();
  }
  return `{"received_at":"${lastReceivedIso}",${frameMembers}}`;
}

/** The frame's own JSON within a payload, as `JSON.stringify(frame)` wrote it (what ingest keeps of an event it could not store). */
export function frameJsonOf(payload: string): string {
  return `{${payload.slice(payload.indexOf('",', 16) + 2)}`;
}

/** Reads a payload; throws a SyntaxError when it is not JSON. The shape is ingest's promise, not checked here. */
export function readPublished<T extends FrameType = FrameType>(payload: string): PublishedFrame<T> {
  return JSON.parse(payload) as PublishedFrame<T>;
}
