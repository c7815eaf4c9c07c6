import { ErrorCode, frameTypes, parseFrame, type Frame, type FrameError, type FrameType } from '@lifestone/lib/protocol';
import { OBSERVATION_WIDTH, observationOf, packObservation, unpackObservation, type Observation } from '../alerts/observation.js';
import { AcceptedEvent, type TelemetryCounters } from '../event.js';
import { FormattedFrame } from '../formatted.js';
import { framePayload } from '../published.js';
import { telemetryCounters } from '../store/counters.js';
import { appendRow } from '../store/events.js';
import { liveMembers } from '../store/live.js';

/**
 * One frame decoded: the frame, its pubsub payload (see published.ts), and
 * what the writer needs of it made here, beside the parse: its COPY line
 * (frames of append-only tables), its members of the live snapshot
 * (telemetry, vitals) and its session counters (telemetry).
 */
export interface DecodedFrame {
  frame: Frame;
  payload: string;
  row: string | undefined;
  live: string | undefined;
  counters: TelemetryCounters | undefined;
  observation: Observation | undefined;
}

/** Parses, validates and serialises one frame: the work a decode thread takes off the main thread. */
export function decodeFrame(text: string, receivedAt: Date): DecodedFrame | { error: FrameError } {
  // Whatever one frame does to the parser or the serialisers stays with that frame.
  try {
    const result = parseFrame(text, receivedAt);
    return result.ok ? decodedOf(result.frame, receivedAt) : { error: result.error };
  } catch (error) {
    return { error: failedFrame(error, peekRef(text.slice(0, 1024))) };
  }
}

/** The refusal of a frame ingest failed on, decoding it or after: it was not stored, and the plugin is told so. */
export function failedFrame(error: unknown, ref: FrameError['ref']): FrameError {
  return {
    code: ErrorCode.FRAME_FAILED,
    message: `ingest could not process this frame (${error instanceof Error ? error.message : String(error)}); it was not stored`,
    ref,
    details: [],
  };
}

/** The `type` and `character_name` of a frame that is not parsed (too large, over the rate, failed), where a glance at its start finds them. */
export function peekRef(head: string): FrameError['ref'] {
  const field = (name: string): string | null => new RegExp(`"${name}"\\s*:\\s*"([^"\\\\]{1,64})"`).exec(head)?.[1] ?? null;
  return { type: field('type'), character_name: field('character_name') };
}

/** What is made of a parsed frame beside the parse. */
export function decodedOf(frame: Frame, receivedAt: Date): DecodedFrame {
  // Each value is turned into text once, for all three.
  const formatted = new FormattedFrame(frame);
  return {
    frame,
    payload: framePayload(frame, receivedAt, formatted),
    row: appendRow(frame, receivedAt, formatted),
    live: liveMembers(frame, formatted),
    counters: frame.type === 'telemetry' ? telemetryCounters(frame) : undefined,
    observation: observationOf(frame),
  };
}

/** The accepted event of a frame decoded on this thread: its frame is at hand. */
export function eventOf(decoded: DecodedFrame, receivedAt: Date, traceId: string): AcceptedEvent {
  const { frame, payload, row, live, counters, observation } = decoded;
  return new AcceptedEvent(frame.type, frame.character_name, frame.session_id, receivedAt, traceId, payload, { row, live, counters, observation }, frame);
}

/** A decode thread's first message: it has loaded and takes frames. */
export const READY = 'ready';

/** Frames to decode: their text (null for a frame refused already) and when ingest received each (epoch ms). */
export interface DecodeRequest { texts: Array<string | null>; receivedAt: number[] }

/**
 * What became of each frame of a request, in flat lists, which cost far
 * less to pass between threads than an object per frame (a telemetry
 * frame's structured clone costs more than parsing its JSON). The main
 * thread builds the accepted events out of these without parsing the
 * frames again (see {@link AcceptedEvent}):
 * - `payloads`: the payload, or why the frame was refused (null for a frame refused already);
 * - `types`: the frame's type as its index in `frameTypes`;
 * - `names`: the batch's character names and session ids, each once;
 *   `characters` and `sessions` index into it (-1: no session);
 * - `live`: the frame's members of the live snapshot, if any;
 * - `counters`: four per frame (kills, deaths, rares found, tapers; NaN for
 *   null), meaningful for telemetry;
 * - `observations`: OBSERVATION_WIDTH per frame, what alert detection needs
 *   of telemetry and vitals, with telemetry's `landblocks` apart;
 * - the COPY lines of all frames, UTF-8 in one buffer (moved to the main
 *   thread, not copied; the writer sends the bytes as they are), frame
 *   `i`'s from `rowEnds[i - 1]` (0 for the first) to `rowEnds[i]`, empty
 *   for a frame without one.
 */
export interface DecodeReply {
  payloads: Array<string | FrameError | null>;
  types: Uint8Array;
  names: string[];
  characters: Int32Array;
  sessions: Int32Array;
  live: Array<string | null>;
  counters: Float64Array;
  observations: Float64Array;
  landblocks: Array<string | null>;
  rowBytes: Uint8Array;
  rowEnds: Int32Array;
}

const typeIndex = new Map<FrameType, number>(frameTypes.map((type, index) => [type, index]));

/** Decodes frames in order: what a decode thread does with each message. */
export function decodeBatch({ texts, receivedAt }: DecodeRequest): DecodeReply {
  const n = texts.length;
  const reply: DecodeReply = {
    payloads: new Array<string | FrameError | null>(n).fill(null),
    types: new Uint8Array(n),
    names: [],
    characters: new Int32Array(n),
    sessions: new Int32Array(n).fill(-1),
    live: new Array<string | null>(n).fill(null),
    counters: new Float64Array(4 * n),
    observations: new Float64Array(OBSERVATION_WIDTH * n),
    landblocks: new Array<string | null>(n).fill(null),
    rowBytes: new Uint8Array(0),
    rowEnds: new Int32Array(n),
  };
  const nameIndex = new Map<string, number>();
  const indexOf = (name: string): number => {
    let index = nameIndex.get(name);
    if (index === undefined) nameIndex.set(name, (index = reply.names.push(name) - 1));
    return index;
  };
  let rows = '';
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const text = texts[i];
    const decoded = typeof text === 'string' ? decodeFrame(text, new Date(receivedAt[i] as number)) : null;
    if (decoded !== null && 'error' in decoded) reply.payloads[i] = decoded.error;
    else if (decoded !== null) {
      const { frame, payload, row, live, counters, observation } = decoded;
      reply.payloads[i] = payload;
      packObservation(observation, reply.observations, OBSERVATION_WIDTH * i);
      if (observation?.kind === 'position') reply.landblocks[i] = observation.landblock;
      reply.types[i] = typeIndex.get(frame.type) as number;
      reply.characters[i] = indexOf(frame.character_name);
      if (frame.session_id !== null) reply.sessions[i] = indexOf(frame.session_id);
      if (live !== undefined) reply.live[i] = live;
      if (counters) {
        reply.counters[4 * i] = counters.kills ?? NaN;
        reply.counters[4 * i + 1] = counters.deaths ?? NaN;
        reply.counters[4 * i + 2] = counters.rares ?? NaN;
        reply.counters[4 * i + 3] = counters.tapers ?? NaN;
      }
      if (row !== undefined) {
        rows += row;
        bytes += Buffer.byteLength(row);
      }
    }
    reply.rowEnds[i] = bytes;
  }
  // A buffer of its own (not one of Buffer's shared pool): it is moved to the other thread whole.
  reply.rowBytes = Buffer.allocUnsafeSlow(bytes);
  (reply.rowBytes as Buffer).write(rows);
  return reply;
}

/** Frame `i`'s COPY line in a reply, if it has one. */
export function rowOf({ rowBytes, rowEnds }: DecodeReply, i: number): Uint8Array | undefined {
  const start = i === 0 ? 0 : (rowEnds[i - 1] as number);
  const end = rowEnds[i] as number;
  return end > start ? rowBytes.subarray(start, end) : undefined;
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** The accepted event of frame `i` of a reply (its payload a string), the frame left to be read back when asked for. */
export function acceptedEvent(reply: DecodeReply, i: number, receivedAt: Date, traceId: string): AcceptedEvent {
  const type = frameTypes[reply.types[i] as number] as FrameType;
  const session = reply.sessions[i] as number;
  const live = reply.live[i];
  const c = reply.counters;
  return new AcceptedEvent(
    type,
    reply.names[reply.characters[i] as number] as string,
    session < 0 ? null : (reply.names[session] as string),
    receivedAt,
    traceId,
    reply.payloads[i] as string,
    {
      row: rowOf(reply, i),
      live: live ?? undefined,
      counters: type === 'telemetry'
        ? { kills: orNull(c[4 * i] as number), deaths: orNull(c[4 * i + 1] as number), rares: orNull(c[4 * i + 2] as number), tapers: orNull(c[4 * i + 3] as number) }
        : undefined,
      observation: unpackObservation(reply.observations, OBSERVATION_WIDTH * i, reply.landblocks[i] ?? null),
    },
  );
}
