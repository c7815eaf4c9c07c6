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
