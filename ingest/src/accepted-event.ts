import { reviveFrame, type Frame, type FrameType } from '@lifestone/lib/protocol';
import type { Observation } from './alerts/observation.js';
import { frameJsonOf } from './published.js';

/** A telemetry frame's session counters (null: not reported), all that the counters need of it. */
export interface TelemetryCounters { kills: number | null; deaths: number | null; rares: number | null; tapers: number | null }

/**
 * What the writer needs of a frame beyond its type, character and session,
 * made where the frame was decoded (a decode thread, see decode/decode.ts),
 * so that the main thread need not read most frames back at all.
 */
export interface FrameFacts {
  /** Its COPY line, in UTF-8 when it crossed from a decode thread (frames of append-only tables; see store/events.ts). */
  row?: string | Uint8Array;
  /** JSON members of its character's live snapshot (telemetry and vitals; see store/live.ts). */
  live?: string;
  /** Telemetry's session counters. */
  counters?: TelemetryCounters;
  /** What alert detection needs of telemetry and vitals (see alerts/observation.ts). */
  observation?: Observation;
}

/**
 * A frame ingest accepted, with when it arrived: what the writer stores and
 * publishes. It carries the frame's pubsub payload (see published.ts) and
 * the facts above; the frame itself is read back from the payload only when
 * something asks for it (most telemetry, vitals and chat never are).
 */
export class AcceptedEvent<F extends Frame = Frame> {
  private parsed: F | undefined;

  constructor(
    readonly type: F['type'],
    /** The frame's `character_name`. */
    readonly character: string,
    /** The frame's `session_id`. */
    readonly session: string | null,
    readonly receivedAt: Date,
    readonly traceId: string,
    /** The event's pubsub payload: `received_at` then the frame's own JSON. */
    readonly payload: string,
    readonly facts: FrameFacts,
    frame?: F,
  ) {
    this.parsed = frame;
  }

  /** The frame as the parser made it. */
  get frame(): F {
    return (this.parsed ??= reviveFrame(JSON.parse(frameJsonOf(this.payload)) as Record<string, unknown>) as F);
  }
}

/** The frame of one type, e.g. `FrameOf<'telemetry'>`. */
export type FrameOf<T extends FrameType> = Extract<Frame, { type: T }>;
export type EventOf<T extends FrameType> = AcceptedEvent<FrameOf<T>>;

/**
 * Frames the character lanes do not write: inventories (a login's is hundreds
 * of rows, which must not hold up positions) have lanes of their own, and the
 * rows characters share (portal spots, dungeon maps) one lane, so that lanes
 * never wait on each other's transactions to update them.
 */
export const INVENTORY_TYPES: ReadonlySet<FrameType> = new Set(['full_inventory', 'inventory_delta']);
export const SHARED_ROW_TYPES: ReadonlySet<FrameType> = new Set(['portal', 'dungeon_map']);
export const OWN_LANE_TYPES: ReadonlySet<FrameType> = new Set([...INVENTORY_TYPES, ...SHARED_ROW_TYPES]);
