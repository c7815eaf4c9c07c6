import type { Frame, FrameType } from '@lifestone/lib/protocol';

/** A frame ingest accepted, with when it arrived; what the writer stores and publishes. */
export interface AcceptedEvent<F extends Frame = Frame> {
  frame: F;
  receivedAt: Date;
  traceId: string;
  /** The event's pubsub payload, once made (see published.ts). */
  payload?: string;
  /** Its COPY line in UTF-8, when a decode thread made it (frames of append-only tables; see store/events.ts). */
  row?: Uint8Array;
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
