import { ErrorCode, frameTypes, parseFrame, parseSequencedFrame, type Frame, type FrameError, type FrameType, type InventoryItem } from '@lifestone/lib/protocol';
import { publishedPayload } from '@lifestone/lib/published';
import { SUMMARISED_TYPES, type AcceptedEvent, type TelemetryCounters } from '../accepted-event.js';
import type { StreamTracker } from '../streams/ledger.js';
import { OBSERVATION_WIDTH, observationOf, packObservation, unpackObservation, type Observation } from '../alerts/observation.js';
import { telemetryCounters } from '../store/counters.js';
import { appendRow } from '../store/events.js';
import { fullInventoryLines, type InventoryLines } from '../store/inventory.js';
import { liveValues } from '../store/live.js';
import { FormattedFrame } from './formatted-frame.js';

/** A decode thread's first message: it has loaded and takes frames. */
export const READY = 'ready';

/**
 * Frames to decode: their text (null for a frame refused already), when
 * ingest received each (epoch ms), and whether each came on protocol 2
 * (`seq` read beside the frame).
 */
export interface DecodeRequest { texts: Array<string | null>; receivedAt: number[]; sequenced?: boolean[] }

/**
 * What became of each frame of a request, in flat lists: they cost far less
 * to pass between threads than an object per frame. Frame `i` is:
 * - `outcomes[i]`: its pubsub payload, or why it was refused (null for a frame refused already);
 * - `types[i]`: its type, as its index in `frameTypes`;
 * - `names[characters[i]]`, `names[sessions[i]]`: its character and session (-1: none);
 * - `live[i]`: its values of the live snapshot (telemetry, vitals; see `liveValues`);
 * - `counters[4i..4i+3]`: kills, deaths, rares found, tapers (NaN for null; telemetry);
 * - `observations[OBSERVATION_WIDTH * i...]` and `landblocks[i]`: what alert detection needs (telemetry, vitals);
 * - `frames[i]`: the frame itself, for the types not summarised (see SUMMARISED_TYPES);
 * - `rowBytes` from `rowEnds[i - 1]` (0 for the first) to `rowEnds[i]`: its COPY line in UTF-8, if any;
 *   for a `full_inventory`, its lines (see `fullInventoryLines`) one after the other, `inventoryEnds[i]`
 *   the ends of its items, requirements and ratings lines (its snapshot line ends at `rowEnds[i]`),
 *   and `itemValues[i]` its items' ids and values (see {@link itemValuesOf});
 * - `seqs[i]`: its protocol 2 seq (NaN: protocol 1).
 */
export interface DecodedFrames {
  outcomes: Array<string | FrameError | null>;
  types: Uint8Array;
  names: string[];
  characters: Int32Array;
  sessions: Int32Array;
  live: Array<string | null>;
  counters: Float64Array;
  observations: Float64Array;
  landblocks: Array<string | null>;
  frames: Array<Frame | null>;
  rowBytes: Uint8Array;
  rowEnds: Int32Array;
  inventoryEnds: Array<number[] | null>;
  itemValues: Array<Float64Array | null>;
  seqs: Float64Array;
}

const typeIndex = new Map<FrameType, number>(frameTypes.map((type, index) => [type, index]));

/**
 * Parses, validates and serialises frames in order: the one decoding of a
 * frame, on a decode thread or, without one, on the main thread. Each value
 * of a frame is turned into text once (see formatted-frame.ts) for its
 * payload, its COPY line and its live values.
 */
export function decodeFrames({ texts, receivedAt, sequenced }: DecodeRequest): DecodedFrames {
  const n = texts.length;
  const decoded: DecodedFrames = {
    outcomes: new Array<string | FrameError | null>(n).fill(null),
    types: new Uint8Array(n),
    names: [],
    characters: new Int32Array(n),
    sessions: new Int32Array(n).fill(-1),
    live: new Array<string | null>(n).fill(null),
    counters: new Float64Array(4 * n),
    observations: new Float64Array(OBSERVATION_WIDTH * n),
    landblocks: new Array<string | null>(n).fill(null),
    frames: new Array<Frame | null>(n).fill(null),
    rowBytes: new Uint8Array(0),
    rowEnds: new Int32Array(n),
    inventoryEnds: new Array<number[] | null>(n).fill(null),
    itemValues: new Array<Float64Array | null>(n).fill(null),
    seqs: new Float64Array(n).fill(NaN),
  };
  const nameIndex = new Map<string, number>();
  const indexOf = (name: string): number => {
    let index = nameIndex.get(name);
    if (index === undefined) nameIndex.set(name, (index = decoded.names.push(name) - 1));
    return index;
  };
  let rows = '';
  let bytes = 0;
  const addRow = (row: string): number => {
    rows += row;
    return (bytes += Buffer.byteLength(row));
  };
  for (let i = 0; i < n; i++) {
    const text = texts[i];
    if (typeof text !== 'string') {
      decoded.rowEnds[i] = bytes;
      continue;
    }
    const at = new Date(receivedAt[i] as number);
    // Whatever one frame does to the parser or the serialisers stays with that frame.
    try {
      const result = sequenced?.[i] ? parseSequencedFrame(text, at) : parseFrame(text, at);
      if (!result.ok) {
        decoded.outcomes[i] = result.error;
      } else {
        const { frame } = result;
        if ('seq' in result) decoded.seqs[i] = result.seq as number;
        const formatted = new FormattedFrame(frame);
        const payload = publishedPayload(at, formatted.members());
        const row = appendRow(frame, at, formatted);
        const inventory = frame.type === 'full_inventory' ? fullInventoryLines(frame, at, payload) : undefined;
        const observation: Observation | undefined = observationOf(frame);
        decoded.outcomes[i] = payload;
        decoded.types[i] = typeIndex.get(frame.type) as number;
        decoded.characters[i] = indexOf(frame.character_name);
        if (frame.session_id !== null) decoded.sessions[i] = indexOf(frame.session_id);
        decoded.live[i] = liveValues(frame, formatted) ?? null;
        if (frame.type === 'telemetry') {
          const counters = telemetryCounters(frame);
          decoded.counters[4 * i] = counters.kills ?? NaN;
          decoded.counters[4 * i + 1] = counters.deaths ?? NaN;
          decoded.counters[4 * i + 2] = counters.rares ?? NaN;
          decoded.counters[4 * i + 3] = counters.tapers ?? NaN;
        }
        packObservation(observation, decoded.observations, OBSERVATION_WIDTH * i);
        if (observation?.kind === 'position') decoded.landblocks[i] = observation.landblock;
        if (!SUMMARISED_TYPES.has(frame.type)) decoded.frames[i] = frame;
        if (row !== undefined) addRow(row);
        if (inventory) {
          decoded.inventoryEnds[i] = [addRow(inventory.items), addRow(inventory.requirements), addRow(inventory.ratings)];
          addRow(inventory.snapshot);
          if (frame.type === 'full_inventory') decoded.itemValues[i] = itemValuesOf(frame.items);
        }
      }
    } catch (error) {
      decoded.outcomes[i] = failedFrame(error, peekRef(text.slice(0, 1024)));
    }
    decoded.rowEnds[i] = bytes;
  }
  // A buffer of its own (not one of Buffer's shared pool): it is moved to the other thread whole.
  decoded.rowBytes = Buffer.allocUnsafeSlow(bytes);
  (decoded.rowBytes as Buffer).write(rows);
  return decoded;
}

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);

/** A full inventory's items as value tracking needs them: id, value (NaN: none), id, value... */
function itemValuesOf(items: readonly InventoryItem[]): Float64Array {
  const values = new Float64Array(2 * items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as InventoryItem;
    values[2 * i] = item.id;
    values[2 * i + 1] = item.value ?? NaN;
  }
  return values;
}

/** A full inventory's lines, in `bytes` from `start` to `end`, its first three ending at `ends`. */
function inventoryLinesAt(bytes: Uint8Array, start: number, ends: readonly number[], end: number): InventoryLines {
  const [items, requirements, ratings] = ends as [number, number, number];
  return {
    items: bytes.subarray(start, items),
    requirements: bytes.subarray(items, requirements),
    ratings: bytes.subarray(requirements, ratings),
    snapshot: bytes.subarray(ratings, end),
  };
}

/**
 * The accepted event of frame `i` (its outcome a payload), received at
 * `receivedAt`, with trace id `traceId`, or one `traceId()` makes when it is
 * first asked for (most events are never traced nor logged).
 */
export function acceptedEventAt(decoded: DecodedFrames, i: number, receivedAt: Date, traceId: string | (() => string)): AcceptedEvent {
  return new DecodedEvent(decoded, i, receivedAt, traceId) as unknown as AcceptedEvent;
}

/**
 * An accepted event as one small object: what it carries is read from its
 * message's lists when asked for (its observation and counters made once),
 * not copied out for every frame. Events wait in the writer's lanes, so
 * under load they survive young-generation collections: made of several
 * objects each (a buffer view, its observation, its counters, its trace id),
 * events cost the main thread 2.3 µs each with 50,000 waiting; as one, 0.7 µs.
 * One shape for every type, so that the code reading events sees one.
 */
class DecodedEvent {
  stream: StreamTracker | undefined = undefined;
  private observed: Observation | undefined | null = null;
  private counted: TelemetryCounters | undefined | null = null;
  constructor(
    private readonly decoded: DecodedFrames,
    private readonly index: number,
    readonly receivedAt: Date,
    private trace: string | (() => string),
  ) {}

  get type(): FrameType {
    return frameTypes[this.decoded.types[this.index] as number] as FrameType;
  }

  get character(): string {
    return this.decoded.names[this.decoded.characters[this.index] as number] as string;
  }

  get session(): string | null {
    const session = this.decoded.sessions[this.index] as number;
    return session < 0 ? null : (this.decoded.names[session] as string);
  }

  get traceId(): string {
    if (typeof this.trace === 'function') this.trace = this.trace();
    return this.trace;
  }

  get payload(): string {
    return this.decoded.outcomes[this.index] as string;
  }

  get seq(): number | null {
    const seq = this.decoded.seqs[this.index] as number;
    return Number.isNaN(seq) ? null : seq;
  }

  /** Its COPY line (a view of the message's bytes), if any. */
  get row(): Uint8Array | undefined {
    const start = this.start();
    const end = this.decoded.rowEnds[this.index] as number;
    return end > start && !this.decoded.inventoryEnds[this.index] ? this.decoded.rowBytes.subarray(start, end) : undefined;
  }

  get lines(): InventoryLines | undefined {
    const ends = this.decoded.inventoryEnds[this.index];
    if (!ends) return undefined;
    return inventoryLinesAt(this.decoded.rowBytes, this.start(), ends, this.decoded.rowEnds[this.index] as number);
  }

  get itemValues(): Float64Array | undefined {
    return this.decoded.itemValues[this.index] ?? undefined;
  }

  get live(): string | undefined {
    return this.decoded.live[this.index] ?? undefined;
  }

  get counters(): TelemetryCounters | undefined {
    if (this.counted !== null) return this.counted;
    const c = this.decoded.counters;
    const i = 4 * this.index;
    return (this.counted = this.type === 'telemetry'
      ? { kills: orNull(c[i] as number), deaths: orNull(c[i + 1] as number), rares: orNull(c[i + 2] as number), tapers: orNull(c[i + 3] as number) }
      : undefined);
  }

  get observation(): Observation | undefined {
    if (this.observed !== null) return this.observed;
    return (this.observed = unpackObservation(this.decoded.observations, OBSERVATION_WIDTH * this.index, this.decoded.landblocks[this.index] ?? null));
  }

  get frame(): Frame | undefined {
    return this.decoded.frames[this.index] ?? undefined;
  }

  /** Where its bytes start in the message's rows: where the frame before it ends. */
  private start(): number {
    return this.index === 0 ? 0 : (this.decoded.rowEnds[this.index - 1] as number);
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

/**
 * The `seq` of a protocol 2 frame that is not parsed (too large, over the
 * rate, not UTF-8), where its start has it as a top-level member before any
 * object or list (plugins put it first, see PROTOCOL.md); null otherwise.
 */
export function peekSeq(head: string): number | null {
  const found = /^\s*\{[^{}[\]]*?"seq"\s*:\s*"?(\d{1,16})"?\s*[,}]/.exec(head)?.[1];
  const seq = found === undefined ? NaN : Number(found);
  return Number.isSafeInteger(seq) && seq >= 1 ? seq : null;
}

/** The `type` and `character_name` of a frame that is not parsed (too large, over the rate, failed), where a glance at its start finds them. */
export function peekRef(head: string): FrameError['ref'] {
  const field = (name: string): string | null => new RegExp(`"${name}"\\s*:\\s*"([^"\\\\]{1,64})"`).exec(head)?.[1] ?? null;
  return { type: field('type'), character_name: field('character_name') };
}
