import type { Frame, FrameType } from '@lifestone/lib/protocol';

/** A frame ingest accepted, with when it arrived; what the writer stores and publishes. */
export interface AcceptedEvent<F extends Frame = Frame> {
  frame: F;
  receivedAt: Date;
  traceId: string;
}

/** The frame of one type, e.g. `FrameOf<'telemetry'>`. */
export type FrameOf<T extends FrameType> = Extract<Frame, { type: T }>;
export type EventOf<T extends FrameType> = AcceptedEvent<FrameOf<T>>;

/**
 * Frames written by the first lane only: inventories (a login's is hundreds of
 * rows, which must not hold up positions) and the rows characters share
 * (portal spots, dungeon maps), which lanes would otherwise wait on each
 * other's transactions to update.
 */
export const OWN_LANE_TYPES: ReadonlySet<FrameType> = new Set(['full_inventory', 'inventory_delta', 'portal', 'dungeon_map']);

