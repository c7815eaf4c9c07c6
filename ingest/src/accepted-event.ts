import type { FrameOf, FrameType } from '@lifestone/lib/protocol';
import type { Observation } from './alerts/observation.js';
import type { InventoryLines } from './store/inventory.js';
import type { StreamTracker } from './streams/ledger.js';

/** A telemetry frame's session counters (null: not reported), all that the counters need of it. */
export interface TelemetryCounters { kills: number | null; deaths: number | null; rares: number | null; tapers: number | null }

/** Types written to an append-only table by COPY (see store/events.ts). */
export type AppendedType = 'telemetry' | 'vitals' | 'share_vitals' | 'spawn' | 'chat' | 'rare';

/**
 * Types whose frame stays where it was decoded: the writer needs only what
 * the decoder made of them. Telemetry, vitals and spawns are most of the
 * firehose, and passing a frame between threads costs about as much as
 * parsing it; a full inventory's frame (a hundred items) costs twice as much
 * to pass as to parse.
 */
export type SummarisedType = 'telemetry' | 'vitals' | 'spawn' | 'full_inventory';
export const SUMMARISED_TYPES: ReadonlySet<FrameType> = new Set<SummarisedType>(['telemetry', 'vitals', 'spawn', 'full_inventory']);

/** What every accepted event carries. */
interface Accepted<T extends FrameType> {
  readonly type: T;
  /** The frame's `character_name`. */
  readonly character: string;
  /** The frame's `session_id`. */
  readonly session: string | null;
  readonly receivedAt: Date;
  readonly traceId: string;
  /** Its pubsub payload (see @lifestone/lib/published). */
  readonly payload: string;
  /** Protocol 2: its seq; null on protocol 1. */
  readonly seq: number | null;
  /** Protocol 2: its stream, once admitted (see streams/ledger.ts). */
  stream: StreamTracker | undefined;
}

/**
 * A frame ingest accepted, as the frame decoder hands it on: the writer
 * stores it, the publisher publishes it. Besides its payload it carries what
 * the writer needs of it, made once where it was decoded: its COPY line
 * (`row`, UTF-8), or a full inventory's lines (`lines`, UTF-8) and its
 * items' ids and values (`itemValues`, in pairs, NaN for none), its members
 * of the live snapshot (`live`, array elements: `liveValues`), its session counters, its
 * observation for alert detection, and the frame itself for every type not
 * in {@link SUMMARISED_TYPES}.
 */
export type EventOf<T extends FrameType> = T extends FrameType
  ? Accepted<T>
    & (T extends AppendedType ? { readonly row: Uint8Array } : unknown)
    & (T extends 'full_inventory' ? { readonly lines: InventoryLines; readonly itemValues: Float64Array } : unknown)
    & (T extends 'telemetry' ? { readonly live: string; readonly counters: TelemetryCounters; readonly observation: Observation } : unknown)
    & (T extends 'vitals' ? { readonly live: string; readonly observation: Observation } : unknown)
    & (T extends 'share_vitals' ? { readonly observation: Observation } : unknown)
    & (T extends SummarisedType ? unknown : { readonly frame: FrameOf<T> })
  : never;

export type AcceptedEvent = EventOf<FrameType>;

/**
 * Frames the character lanes do not write: inventories (a login's is hundreds
 * of rows, which must not hold up positions) have lanes of their own, and the
 * rows characters share (portal spots, dungeon maps) one lane, so that lanes
 * never wait on each other's transactions to update them.
 */
export const INVENTORY_TYPES: ReadonlySet<FrameType> = new Set(['full_inventory', 'inventory_delta']);
export const SHARED_ROW_TYPES: ReadonlySet<FrameType> = new Set(['portal', 'dungeon_map']);
export const OWN_LANE_TYPES: ReadonlySet<FrameType> = new Set([...INVENTORY_TYPES, ...SHARED_ROW_TYPES]);

/**
 * Types whose value is the moment (where a character is, its bars, what was
 * said, what is around it, what spawned): published when ingest accepts
 * them, before they are stored, so that no live feed waits for a COMMIT.
 * Every other type (character sheets, inventories, quests, rares, combat
 * totals, portals, dungeon maps) is published once its batch is committed,
 * so that a reader told of it can query it at once. lib/pubsub/README.md and
 * the `events` subscription's description say the same.
 */
export const LIVE_TYPES: ReadonlySet<FrameType> = new Set<FrameType>(['telemetry', 'vitals', 'share_vitals', 'chat', 'nearby_objects', 'spawn']);

